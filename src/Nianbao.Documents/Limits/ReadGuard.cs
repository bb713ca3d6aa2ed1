using Nianbao.Documents.Model;

namespace Nianbao.Documents.Limits;

/// <summary>
/// The one place where whatever a reader or a third-party library throws becomes a
/// <see cref="DocumentReadException"/> about the file, so one file can never take a batch down and
/// no message shows a .NET exception. Cancellation asked for by the caller still propagates.
/// </summary>
internal static class ReadGuard
{
    public static SourceDocument Run(string fileName, SourceFormat format, CancellationToken callerToken, ReadLimits limits,
        Func<CancellationToken, SourceDocument> read)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        var limited = limits.MaxReadTime > TimeSpan.Zero && limits.MaxReadTime != Timeout.InfiniteTimeSpan;
        if (limited) timeout.CancelAfter(limits.MaxReadTime);
        var deadline = DateTime.UtcNow + limits.MaxReadTime;
        using var budget = ReadBudget.Open(more =>
        {
            if (!limited) return;
            deadline += more;
            try { timeout.CancelAfter(deadline - DateTime.UtcNow); } catch (ObjectDisposedException) { }
        });
        try
        {
            var document = read(timeout.Token);
            CheckText(document, limits);
            return document;
        }
        catch (DocumentReadException) { throw; }
        catch (ReadLimitException ex) { throw ex.For(fileName); }
        catch (OperationCanceledException) when (callerToken.IsCancellationRequested) { throw; }
        catch (OperationCanceledException ex)
        {
            throw new DocumentReadException(fileName, ReadFailure.TookTooLong,
                $"读取超时（超过 {limits.MaxReadTime.TotalSeconds:0} 秒），文件可能过大或结构异常",
                $"took too long: reading stopped after {limits.MaxReadTime.TotalSeconds:0} s; the file is too large or malformed", ex);
        }
        catch (InsufficientExecutionStackException ex)
        {
            throw Malformed(fileName, "元素嵌套过深", "its elements are nested too deeply", ex);
        }
        catch (OutOfMemoryException ex)
        {
            // A huge allocation the limits did not foresee failed; the process itself is fine.
            throw new DocumentReadException(fileName, ReadFailure.TooLarge, "文件过大：读取所需内存超出限制", "too large: reading it would need more memory than allowed", ex);
        }
        catch (Exception ex)
        {
            throw Malformed(fileName, $"无法按 {ChineseName(format)} 读取，文件已损坏或不是有效的 {ChineseName(format)}",
                $"it could not be read as {EnglishName(format)}; it is damaged or not a valid {EnglishName(format)}", ex);
        }
    }

    public static DocumentReadException Malformed(string fileName, string chinese, string english, Exception? inner = null) =>
        new(fileName, ReadFailure.Malformed, "文件已损坏或格式不正确：" + chinese, "malformed: " + english, inner);

    public static DocumentReadException TooLarge(string fileName, string chinese, string english, Exception? inner = null) =>
        new(fileName, ReadFailure.TooLarge, "文件过大：" + chinese, "too large: " + english, inner);

    /// <summary>Text and line length are checked on what every reader produced, so no format can bypass them.</summary>
    private static void CheckText(SourceDocument document, ReadLimits limits)
    {
        if (document.Text.Value.Length > limits.MaxTextChars)
            throw ReadLimitException.TooLarge($"文本共 {document.Text.Value.Length} 个字符，上限 {limits.MaxTextChars}",
                $"{document.Text.Value.Length} characters of text (the limit is {limits.MaxTextChars})");
        foreach (var line in document.Lines)
            if (line.Length > limits.MaxLineChars)
                throw ReadLimitException.TooLarge($"一行有 {line.Length} 个字符，上限 {limits.MaxLineChars}",
                    $"a line of {line.Length} characters (the limit is {limits.MaxLineChars})");
    }

    public static string ChineseName(SourceFormat format) => format switch
    {
        SourceFormat.Text or SourceFormat.Markdown => "文本",
        SourceFormat.Html => "HTML 网页",
        SourceFormat.Pdf => "PDF",
        SourceFormat.Docx => "Word 文档（DOCX）",
        SourceFormat.Xlsx or SourceFormat.Xls => "Excel 工作簿",
        _ => format.ToString(),
    };

    public static string EnglishName(SourceFormat format) => format switch
    {
        SourceFormat.Text or SourceFormat.Markdown => "text",
        SourceFormat.Html => "HTML",
        SourceFormat.Pdf => "PDF",
        SourceFormat.Docx => "a Word document (DOCX)",
        SourceFormat.Xlsx or SourceFormat.Xls => "an Excel workbook",
        _ => format.ToString(),
    };
}
