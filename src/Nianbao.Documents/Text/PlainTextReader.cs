using Nianbao.Documents.Model;

namespace Nianbao.Documents.Text;

/// <summary>
/// Plain text and Markdown in any encoding. Lines split on newlines; fields split on tabs, and on
/// pipes in Markdown table rows. What a field means is left to the recognizers: a tab-separated row
/// may have shifted or lost cells, so no grid column is claimed here.
/// </summary>
public sealed class PlainTextReader : IDocumentReader
{
    public SourceFormat Format => SourceFormat.Text;

    // Asked last, after every binary format: text is what is left. Decoding once, in Read, is enough.
    public bool CanRead(ReadOnlySpan<byte> bytes, string fileName) => TextDecoder.LooksLikeText(bytes);

    public SourceDocument Read(byte[] bytes, string fileName) => Read(bytes, fileName, ReadLimits.Default, CancellationToken.None);

    public SourceDocument Read(byte[] bytes, string fileName, ReadLimits limits, CancellationToken cancellation)
    {
        // Every character takes at least one byte and at most four: the size alone can refuse a file
        // before a string twice its size is made.
        if (bytes.Length / 4 > limits.MaxTextChars) throw TooMuchText(bytes.Length / 4, limits);
        var decoded = TextDecoder.TryDecode(bytes)
            ?? throw new DocumentReadException(fileName, ReadFailure.Unsupported,
                "不是 UTF-8、UTF-16 或 GB18030/GBK 编码的文本（二进制数据或未知编码）",
                "not text in UTF-8, UTF-16 or GB18030/GBK (binary data or an unknown encoding)");
        if (decoded.Text.Length > limits.MaxTextChars) throw TooMuchText(decoded.Text.Length, limits);
        cancellation.ThrowIfCancellationRequested();
        CheckLines(decoded.Text, limits);
        var format = IsMarkdown(decoded.Text, fileName) ? SourceFormat.Markdown : SourceFormat.Text;
        return FromText(decoded.Text, fileName, bytes, format, decoded.EncodingName);
    }

    private static Limits.ReadLimitException TooMuchText(long chars, ReadLimits limits) =>
        Limits.ReadLimitException.TooLarge($"文本至少 {chars} 个字符，上限 {limits.MaxTextChars}", $"at least {chars} characters of text (the limit is {limits.MaxTextChars})");

    /// <summary>One endless line would make every later stage scan it whole; refused before it is split.</summary>
    private static void CheckLines(string text, ReadLimits limits)
    {
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            if (end - start > limits.MaxLineChars)
                throw Limits.ReadLimitException.TooLarge($"一行有 {end - start} 个字符，上限 {limits.MaxLineChars}",
                    $"a line of {end - start} characters (the limit is {limits.MaxLineChars})");
            start = end + 1;
        }
    }

    public static SourceDocument FromText(string text, string fileName, byte[] bytes, SourceFormat format, string? encoding)
    {
        var normalized = TextNormalizer.Normalize(text);
        var value = normalized.Value;
        var lines = new List<DocLine>();
        var start = 0;
        while (start <= value.Length)
        {
            var end = value.IndexOf('\n', start);
            if (end < 0) end = value.Length;
            lines.Add(SplitLine(value, start, end));
            start = end + 1;
        }
        return new SourceDocument
        {
            FileName = fileName,
            Sha256 = DocumentBuilder.Hash(bytes),
            Format = format,
            Encoding = encoding,
            Text = normalized,
            Lines = lines,
        };
    }

    private static DocLine SplitLine(string text, int start, int end)
    {
        var cells = new List<DocCell>();
        var line = text.AsSpan(start, end - start);
        var trimmed = line.Trim();
        var isPipeRow = trimmed.Length > 1 && trimmed[0] == '|';
        var cellStart = start;
        if (isPipeRow) cellStart = start + line.IndexOf('|') + 1;
        for (var i = cellStart; i <= end; i++)
        {
            var atEnd = i == end;
            var c = atEnd ? '\0' : text[i];
            if (atEnd || c == '\t' || (isPipeRow && c == '|'))
            {
                // The trailing pipe of a Markdown row closes the last cell; it does not open another.
                if (!(isPipeRow && atEnd && text.AsSpan(cellStart, i - cellStart).Trim().IsEmpty && cells.Count > 0))
                    cells.Add(new DocCell(cellStart, i - cellStart, text.Substring(cellStart, i - cellStart)));
                cellStart = i + 1;
            }
        }
        return new DocLine(start, end - start, cells);
    }

    private static bool IsMarkdown(string text, string fileName) =>
        fileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase)
        || text.Contains("\n## ", StringComparison.Ordinal) || text.Contains("\n|---", StringComparison.Ordinal) || text.StartsWith("# ", StringComparison.Ordinal);
}
