using Nianbao.Domain;
using Nianbao.Domain.Findings;

namespace Nianbao.Rendering;

/// <summary>Writes a report in the national format as one kind of document.</summary>
public interface IReportRenderer
{
    /// <summary>The file extension of the output, without the dot (docx, html, pdf, md).</summary>
    string Extension { get; }

    byte[] Render(Report report);
}

/// <summary>
/// A report could not be written (e.g. a tool it needs is not installed). The message is an entry of
/// the message catalog (<see cref="FindingMessages"/>, keys <c>render.*</c>) with its values, so a front
/// end tells it in the user's language (<see cref="Text"/>); <see cref="Exception.Message"/> is the English.
/// </summary>
public sealed class RenderingException : Exception
{
    public RenderingException(string key, IReadOnlyList<KeyValuePair<string, string>> args, Exception? inner = null)
        : base(FindingMessages.Format(key, MessageLanguage.En, args), inner)
    {
        Key = key;
        Args = args;
    }

    public RenderingException(string key, params (string Name, object? Value)[] args) : this(key, FindingMessages.Values(args)) { }

    /// <summary>The catalog entry (<c>render.no-chromium</c>, …).</summary>
    public string Key { get; }
    public IReadOnlyList<KeyValuePair<string, string>> Args { get; }

    /// <summary>The message in <paramref name="language"/>.</summary>
    public string Text(MessageLanguage language) => FindingMessages.Format(Key, language, Args);
}

public static class ReportRenderers
{
    public static IReadOnlyList<string> Formats { get; } = ["docx", "html", "pdf", "md"];

    public static IReportRenderer For(string format) => format.Trim().ToLowerInvariant() switch
    {
        "docx" => new DocxRenderer(),
        "html" or "htm" => new HtmlRenderer(),
        "pdf" => new PdfRenderer(),
        "md" or "markdown" => new MarkdownRenderer(),
        _ => throw new RenderingException("render.unknown-format", ("format", format), ("formats", string.Join(", ", Formats))),
    };
}
