using System.Text;
using System.Text.RegularExpressions;
using Nianbao.Documents.Model;

namespace Nianbao.Tests.Documents.Pdf;

/// <summary>Helpers to look at a read PDF at the level of lines and cells.</summary>
public static partial class PdfTestDocuments
{
    [GeneratedRegex(@"^(-?\d+(\.\d+)?|-)$")]
    private static partial Regex NumberOrBlank();

    public static bool IsNumberOrBlank(string cell) => NumberOrBlank().IsMatch(cell.Trim());

    /// <summary>The table rows whose label cells contain <paramref name="key"/> and that carry numbers.</summary>
    public static List<DocLine> RowsWith(SourceDocument doc, string key) =>
        doc.Lines.Where(l => l.IsTableRow && l.Cells.Any(c => c.Text.Contains(key)) && l.Cells.Any(c => IsNumberOrBlank(c.Text))).ToList();

    public static List<string> Numbers(DocLine line) => line.Cells.Where(c => IsNumberOrBlank(c.Text)).Select(c => c.Text.Trim()).ToList();

    /// <summary>The whole document as "T{table}R{row}p{page} cell | cell" lines, for failure messages.</summary>
    public static string Dump(SourceDocument doc)
    {
        var s = new StringBuilder();
        foreach (var n in doc.Notices) s.AppendLine($"NOTICE {n.Code}: {n.Message}");
        foreach (var l in doc.Lines)
            s.AppendLine($"{(l.IsTableRow ? $"T{l.Table}R{l.Row}" : "")}p{l.Page}  {string.Join(" | ", l.Cells.Select(c => c.Text))}");
        return s.ToString();
    }
}
