using System.Diagnostics;
using Nianbao.Archive;
using Nianbao.Documents.Model;
using Nianbao.Pipeline;

namespace Nianbao.Server.Web;

/// <summary>
/// The stored original of a report read again into its <see cref="SourceDocument"/> (the text the
/// provenance offsets point into, with table cells and PDF boxes), and PDF pages drawn as images by
/// poppler's pdftoppm. Both kept in a small cache, since a reviewer clicks through one report at a time.
/// </summary>
public sealed class SourceDocuments(ReportPipeline pipeline)
{
    /// <summary>Page images are drawn at this resolution; a PDF point is <c>Dpi / 72</c> pixels.</summary>
    public const int Dpi = 96;
    public const string Pdftoppm = "pdftoppm";
    private const int Kept = 12;

    private readonly LinkedList<(string Key, object Value)> _cache = new();
    // At most two pdftoppm processes at once: a page image is a click away, and the machine is shared with parsing.
    private readonly SemaphoreSlim _drawing = new(2, 2);

    /// <summary>The document read from the stored original, or null with the reason.</summary>
    public (SourceDocument? Document, string? Problem) Read(ArchiveStore store, ReportEntry entry)
    {
        if (Cached("doc:" + entry.Id) is SourceDocument cached) return (cached, null);
        if (store.Original(entry.Id) is not { } original) return (null, "原件不在档案中，无法显示原文。");
        try
        {
            var document = pipeline.Readers.Read(original.Content, original.FileName, pipeline.Options.Limits, CancellationToken.None);
            Keep("doc:" + entry.Id, document);
            return (document, null);
        }
        catch (Nianbao.Documents.DocumentReadException ex) { return (null, "原件无法再次读取：" + ex.Message); }
    }

    /// <summary>Page <paramref name="page"/> (1-based) of a stored PDF as a PNG, or null with the reason.</summary>
    public async Task<(byte[]? Png, string? Problem)> PageImage(ArchiveStore store, ReportEntry entry, int page, CancellationToken cancellation)
    {
        var key = $"page:{entry.Id}:{page}";
        if (Cached(key) is byte[] cached) return (cached, null);
        if (store.Original(entry.Id) is not { } original) return (null, "原件不在档案中。");
        if (!original.Content.AsSpan().StartsWith("%PDF"u8) && !entry.Format.Equals("pdf", StringComparison.OrdinalIgnoreCase))
            return (null, "原件不是 PDF。");
        await _drawing.WaitAsync(cancellation);
        var folder = Directory.CreateTempSubdirectory("nianbao-page-").FullName;
        try
        {
            var input = Path.Combine(folder, "in.pdf");
            await File.WriteAllBytesAsync(input, original.Content, cancellation);
            var start = new ProcessStartInfo(Pdftoppm) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in new[] { "-f", $"{page}", "-l", $"{page}", "-r", $"{Dpi}", "-png", "-singlefile", input, Path.Combine(folder, "page") })
                start.ArgumentList.Add(arg);
            Process process;
            try { process = Process.Start(start)!; }
            catch (System.ComponentModel.Win32Exception) { return (null, "服务器未安装 poppler-utils（pdftoppm），无法显示 PDF 页面。"); }
            using (process)
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                limit.CancelAfter(TimeSpan.FromSeconds(30));
                var errors = process.StandardError.ReadToEndAsync(limit.Token);
                try { await process.WaitForExitAsync(limit.Token); }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    return (null, "PDF 页面生成超时。");
                }
                var output = Path.Combine(folder, "page.png");
                if (process.ExitCode != 0 || !File.Exists(output)) return (null, $"第 {page} 页无法生成：{(await errors).Trim()}");
                var png = await File.ReadAllBytesAsync(output, cancellation);
                Keep(key, png);
                return (png, null);
            }
        }
        finally
        {
            _drawing.Release();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private object? Cached(string key)
    {
        lock (_cache)
        {
            for (var node = _cache.First; node is not null; node = node.Next)
            {
                if (node.Value.Key != key) continue;
                _cache.Remove(node);
                _cache.AddFirst(node);
                return node.Value.Value;
            }
            return null;
        }
    }

    private void Keep(string key, object value)
    {
        lock (_cache)
        {
            _cache.AddFirst((key, value));
            while (_cache.Count > Kept) _cache.RemoveLast();
        }
    }

    /// <summary>Forgets what was read of a report (after re-parsing, its original is read anew).</summary>
    public void Forget(string reportId)
    {
        lock (_cache)
        {
            for (var node = _cache.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.Key.Contains(reportId, StringComparison.Ordinal)) _cache.Remove(node);
                node = next;
            }
        }
    }
}
