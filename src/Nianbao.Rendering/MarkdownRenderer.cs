using System.Text;
using Nianbao.Domain;
using Nianbao.Rendering.Layout;

namespace Nianbao.Rendering;

/// <summary>
/// A report as Markdown. Markdown tables cannot merge cells, so each table is flattened the way the
/// official table reads: table 二 as one small table per 第二十条 block under its caption; table 三
/// with one label column holding the labels that start on that row (三、本年度办理结果 and
/// （三）不予公开 appear once, on the first row they span); table 四 with its heading rows as
/// printed, merged headings written once at their first column.
/// </summary>
public sealed class MarkdownRenderer : IReportRenderer
{
    public string Extension => "md";

    public byte[] Render(Report report) => Encoding.UTF8.GetBytes(RenderString(report));

    public string RenderString(Report report)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(ReportText.Title(report)).Append("\n\n");
        foreach (var section in ReportText.Sections(report))
        {
            sb.Append("## ").Append(section.Heading).Append("\n\n");
            foreach (var p in section.Paragraphs) sb.Append(p).Append("\n\n");
            if (section.Placeholder is { } ph) sb.Append("**").Append(ph).Append("**\n\n");
            if (section.Table is { } kind)
            {
                var values = report.Table(kind);
                if (values is null) sb.Append("**").Append(ReportText.MissingTable).Append("**\n\n");
                else
                {
                    var layout = NationalTables.For(values);
                    switch (kind)
                    {
                        case TableKind.ActiveDisclosure: WriteBlocks(sb, layout); break;
                        case TableKind.Applications: WriteApplications(sb, layout); break;
                        default: WriteFlat(sb, layout); break;
                    }
                }
                // The optional fee-collection table follows table 四, where the 2025 reports print it.
                if (kind == TableKind.ReviewsAndLawsuits && report.FeeCollection is { } fee)
                {
                    sb.Append("**").Append(ReportText.FeeCollectionCaption).Append("**\n\n");
                    Row(sb, FeeCollection.Columns.Select(c => c.Label));
                    Row(sb, FeeCollection.Columns.Select(_ => "---"));
                    Row(sb, fee.Values.Select(ReportText.Number));
                    sb.Append('\n');
                }
            }
        }
        if (report.PublishedOn is { } date)
            sb.Append(report.Agency ?? "").Append("  \n").Append(ReportText.Date(date)).Append('\n');
        return sb.ToString();
    }

    private static void WriteBlocks(StringBuilder sb, TableLayout layout)
    {
        var inTable = false;
        for (var r = 0; r < layout.Rows; r++)
        {
            var cells = layout.RowCells(r).ToList();
            if (cells is [{ Role: CellRole.Caption } caption])
            {
                if (inTable) sb.Append('\n');
                sb.Append("**").Append(caption.Text).Append("**\n\n");
                inTable = false;
                continue;
            }
            Row(sb, cells.Select(Text));
            if (!inTable) Row(sb, cells.Select(_ => "---"));
            inTable = true;
        }
        sb.Append('\n');
    }

    private static void WriteApplications(StringBuilder sb, TableLayout layout)
    {
        var note = layout.Cells.FirstOrDefault(c => c.Role == CellRole.Note);
        if (note is not null) sb.Append(note.Text).Append("\n\n");
        var values = layout.Values.Where(v => v.Row == layout.HeaderRows).OrderBy(v => v.Column).ToList();
        var headings = values.Select(v => layout.Cells.Where(c => c.Role == CellRole.Header && c.Covers(layout.HeaderRows - 1, v.Column)).Select(c => c.Text).Single());
        Row(sb, headings.Prepend("申请人情况"));
        Row(sb, values.Select(_ => "---").Prepend("---"));
        for (var r = layout.HeaderRows; r < layout.Rows; r++)
        {
            var cells = layout.RowCells(r).ToList();
            var label = string.Join(" ", cells.Where(c => c.Role == CellRole.Label).Select(c => c.Text));
            Row(sb, cells.Where(c => c.Role == CellRole.Value).Select(Text).Prepend(label));
        }
        sb.Append('\n');
    }

    private static void WriteFlat(StringBuilder sb, TableLayout layout)
    {
        for (var r = 0; r < layout.Rows; r++)
        {
            var row = Enumerable.Range(0, layout.Columns).Select(c => layout.OriginAt(r, c) is { } cell ? Text(cell) : "");
            Row(sb, row);
            if (r == 0) Row(sb, Enumerable.Repeat("---", layout.Columns));
        }
        sb.Append('\n');
    }

    private static string Text(LayoutCell cell) => cell.Role == CellRole.Value ? ReportText.Number(cell.Value) : cell.Text;

    private static void Row(StringBuilder sb, IEnumerable<string> cells) =>
        sb.Append("| ").Append(string.Join(" | ", cells.Select(c => c.Replace("|", "\\|")))).Append(" |\n");
}
