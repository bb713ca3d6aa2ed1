using Nianbao.Documents;

namespace Nianbao.Fuzz;

/// <summary>
/// One fuzz target per reader. Each goes through <see cref="DocumentReaders"/> (sniffing, limits and the
/// guard that turns any failure into a <see cref="DocumentReadException"/>) with only that reader
/// registered, so a mutant another reader would claim still exercises this one's refusal path.
/// The only allowed outcomes are a document or a <see cref="DocumentReadException"/>: anything else
/// escapes, and afl++ records it as a crash.
/// </summary>
public static class FuzzTargets
{
    // Factories, not instances: instrumented code must not run before SharpFuzz has set up the
    // shared coverage map, and a reader's constructor is instrumented code.
    public static IReadOnlyDictionary<string, (Func<IDocumentReader> Reader, string FileName)> All { get; } =
        new Dictionary<string, (Func<IDocumentReader>, string)>(StringComparer.OrdinalIgnoreCase)
        {
            ["text"] = (() => new Documents.Text.PlainTextReader(), "fuzz.txt"),
            ["html"] = (() => new Documents.Html.HtmlReader(), "fuzz.html"),
            ["pdf"] = (() => new Documents.Pdf.PdfDocumentReader(), "fuzz.pdf"),
            ["docx"] = (() => new Documents.Docx.DocxReader(), "fuzz.docx"),
            ["xlsx"] = (() => new Documents.Spreadsheet.SpreadsheetReader(), "fuzz.xlsx"),
        };

    /// <summary>
    /// The limits a fuzzed input runs under: the defaults, with a read time below afl++'s hang
    /// timeout, so a slow input shows up as a "took too long" outcome and a true hang as a hang.
    /// </summary>
    private static ReadLimits Limits() => ReadLimits.Default with { MaxReadTime = TimeSpan.FromSeconds(5) };

    /// <summary>
    /// Bytes one input may allocate in all (an upper bound of its peak memory). Fuzz inputs are
    /// kilobytes; one that makes a reader allocate a gigabyte is a memory blow-up even when the
    /// limits end it cleanly, so it is reported as a crash to be looked at.
    /// </summary>
    public const long MaxAllocatedBytes = 1L << 30;

    public static void Run(string target, byte[] bytes)
    {
        var (reader, name) = All[target];
        // Reads run on this thread (ReadGuard only starts a timer), so the process's allocation
        // counter measures this input; the imprecise count is off by a few KB at most.
        var before = GC.GetTotalAllocatedBytes();
        try
        {
            _ = new DocumentReaders([reader()]).Read(bytes, name, Limits(), CancellationToken.None);
        }
        catch (DocumentReadException ex)
        {
            // A refusal is a good outcome only if its message is for people: no .NET internals.
            if (ex.Message.Contains("Exception", StringComparison.Ordinal) || ex.Message.Contains("System.", StringComparison.Ordinal)
                || ex.Message.Contains("Object reference", StringComparison.Ordinal))
                throw new InvalidOperationException("message leaks internals: " + ex.Message);
        }
        var allocated = GC.GetTotalAllocatedBytes() - before;
        if (allocated > MaxAllocatedBytes)
            throw new InvalidOperationException($"memory blow-up: {allocated >> 20} MB allocated for a {bytes.Length}-byte input");
    }
}
