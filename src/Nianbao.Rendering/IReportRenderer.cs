using Nianbao.Domain;

namespace Nianbao.Rendering;

/// <summary>Writes a report in the national format as one kind of document.</summary>
public interface IReportRenderer
{
    /// <summary>The file extension of the output, without the dot (docx, html, pdf, md).</summary>
    string Extension { get; }

    byte[] Render(Report report);
}

/// <summary>A report could not be written (e.g. a tool it needs is not installed).</summary>
public sealed class RenderingException(string message, Exception? inner = null) : Exception(message, inner);

public static class ReportRenderers
{
    public static IReadOnlyList<string> Formats { get; } = ["docx", "html", "pdf", "md"];

    public static IReportRenderer For(string format) => format.Trim().ToLowerInvariant() switch
    {
        "docx" => new DocxRenderer(),
        "html" or "htm" => new HtmlRenderer(),
        "pdf" => new PdfRenderer(),
        "md" or "markdown" => new MarkdownRenderer(),
        _ => throw new ArgumentException($"Unknown output format '{format}'; use one of {string.Join(", ", Formats)}."),
    };
}
