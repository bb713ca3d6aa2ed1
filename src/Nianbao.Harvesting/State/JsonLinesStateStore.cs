using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nianbao.Harvesting.State;

/// <summary>
/// Harvest state in one append-only JSON-lines file: one line per finished URL or run change, the
/// last line for a key wins. Appending (and flushing) one line per URL keeps a killed harvest's work:
/// a line cut short by the kill is ignored when the file is read again. Until the archive keeps
/// harvest records, this is the store (<c>nianbao harvest -o DIR</c> keeps it in DIR).
/// </summary>
public sealed class JsonLinesStateStore : IHarvestStateStore, IDisposable
{
    /// <summary>How harvest state is written as JSON here and in other stores (links, tallies).</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private sealed record Line(string Kind, HarvestRecord? Url = null, HarvestRun? Run = null);

    private readonly Dictionary<string, HarvestRecord> _urls = new(StringComparer.Ordinal);
    private readonly List<HarvestRun> _runs = [];
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();

    public JsonLinesStateStore(string path)
    {
        Path = path;
        if (File.Exists(path))
            foreach (var text in File.ReadLines(path, Encoding.UTF8))
                Apply(text);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        _writer = new StreamWriter(stream, new UTF8Encoding(false));
        // A line cut short by a kill has no newline; start afresh on the next line.
        if (stream.Position > 0 && !EndsWithNewline(path)) _writer.WriteLine();
    }

    public string Path { get; }

    /// <summary>Lines that could not be read (e.g. the last one, cut short by a kill).</summary>
    public int SkippedLines { get; private set; }

    public IReadOnlyCollection<HarvestRecord> Records { get { lock (_lock) return [.. _urls.Values]; } }

    public Task<HarvestRecord?> FindAsync(string url, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult(_urls.GetValueOrDefault(url));
    }

    public Task SaveAsync(HarvestRecord record, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _urls[record.Url] = record;
            Append(new Line("url", Url: record));
        }
        return Task.CompletedTask;
    }

    public Task<HarvestRun?> FindUnfinishedRunAsync(IReadOnlyList<string> seeds, CancellationToken cancellationToken)
    {
        var key = HarvestRun.KeyOf(seeds);
        lock (_lock)
            return Task.FromResult(_runs.LastOrDefault(r => HarvestRun.KeyOf(r.Seeds) == key) is { FinishedAt: null } run ? run : null);
    }

    public Task SaveRunAsync(HarvestRun run, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Upsert(run);
            Append(new Line("run", Run: run));
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HarvestRun>> RunsAsync(CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult<IReadOnlyList<HarvestRun>>([.. _runs]);
    }

    public void Dispose()
    {
        lock (_lock) _writer.Dispose();
    }

    private void Append(Line line)
    {
        _writer.WriteLine(JsonSerializer.Serialize(line, Json));
        _writer.Flush();
    }

    private void Apply(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        Line? line;
        try { line = JsonSerializer.Deserialize<Line>(text, Json); }
        catch (JsonException) { SkippedLines++; return; }
        if (line?.Url is { } record) _urls[record.Url] = record;
        else if (line?.Run is { } run) Upsert(run);
        else SkippedLines++;
    }

    private void Upsert(HarvestRun run)
    {
        var index = _runs.FindIndex(r => r.Id == run.Id);
        if (index >= 0) _runs[index] = run;
        else _runs.Add(run);
    }

    private static bool EndsWithNewline(string path)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length == 0) return true;
        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }
}
