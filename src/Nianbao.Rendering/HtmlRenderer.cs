using System.Net;
using System.Text;
using Nianbao.Domain;
using Nianbao.Rendering.Layout;

namespace Nianbao.Rendering;

/// <summary>
/// A report as one self-contained, printable A4 web page: embedded CSS, the six sections and the
/// three tables with the official merges (rowspan/colspan). Also the input of <see cref="PdfRenderer"/>.
/// </summary>
public sealed class HtmlRenderer : IReportRenderer
{
    public string Extension => "html";

    // The official fonts first (an author's Windows/WPS machine has them); then WenQuanYi Micro Hei,
    // which maps every glyph to its ordinary CJK code point — fonts that share glyphs with the Kangxi
    // radicals make PDF text extraction return U+2F00… instead of the characters.
    internal const string BodyFonts = "\"仿宋_GB2312\", \"仿宋\", \"FangSong\", \"STFangsong\", \"宋体\", \"SimSun\", \"WenQuanYi Micro Hei\", sans-serif";
    internal const string TitleFonts = "\"方正小标宋简体\", \"方正小标宋_GBK\", \"宋体\", \"SimSun\", \"WenQuanYi Micro Hei\", serif";
    internal const string HeadingFonts = "\"黑体\", \"SimHei\", \"宋体\", \"SimSun\", \"WenQuanYi Micro Hei\", sans-serif";
    internal const string TableFonts = "\"宋体\", \"SimSun\", \"仿宋_GB2312\", \"仿宋\", \"WenQuanYi Micro Hei\", sans-serif";

    private static readonly string Css = $$"""
        @page { size: A4; margin: 25mm 20mm 22mm 22mm;
                @bottom-center { content: "— " counter(page) " —"; font-family: "Times New Roman", serif; font-size: 12pt; } }
        * { box-sizing: border-box; }
        html { background: #eee; }
        body { margin: 0 auto; max-width: 210mm; padding: 20mm 20mm 22mm 22mm; background: #fff;
               font-family: {{BodyFonts}}; font-size: 16pt; line-height: 1.6; color: #000; }
        @media print { html { background: none; } body { max-width: none; padding: 0; } }
        h1 { font-family: {{TitleFonts}}; font-size: 22pt; font-weight: bold; text-align: center; line-height: 1.4; margin: 0 0 1em; }
        h2 { font-family: {{HeadingFonts}}; font-size: 16pt; font-weight: bold; margin: 0.8em 0 0.3em; page-break-after: avoid; }
        p { margin: 0; text-indent: 2em; text-align: justify; }
        p.placeholder { color: #c00; font-weight: bold; }
        p.signature { text-align: right; text-indent: 0; margin-top: 2em; }
        table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; table-layout: fixed;
                font-family: {{TableFonts}}; font-size: 10pt; line-height: 1.25; }
        td, th { border: 1px solid #000; padding: 2px 3px; text-align: center; vertical-align: middle;
                 font-weight: normal; word-break: break-all; }
        tr { page-break-inside: avoid; break-inside: avoid; }
        table.keep { page-break-inside: avoid; break-inside: avoid; }
        thead { display: table-header-group; }
        td.label { text-align: left; }
        td.caption { font-weight: bold; text-align: left; background: #f5f5f5; }
        th.note { font-size: 9pt; text-align: left; }
        td.value { font-family: "Times New Roman", {{TableFonts}}; }
        """;

    public byte[] Render(Report report) => Encoding.UTF8.GetBytes(RenderString(report));

    public string RenderString(Report report)
    {
        var title = ReportText.Title(report);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"generator\" content=\"nianbao\">\n");
        sb.Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(E(title)).Append("</h1>\n");
        foreach (var section in ReportText.Sections(report))
        {
            sb.Append("<h2>").Append(E(section.Heading)).Append("</h2>\n");
            foreach (var p in section.Paragraphs) sb.Append("<p>").Append(E(p)).Append("</p>\n");
            if (section.Placeholder is { } ph) sb.Append("<p class=\"placeholder\">").Append(E(ph)).Append("</p>\n");
            if (section.Table is { } kind)
            {
                var values = report.Table(kind);
                if (values is null) sb.Append("<p class=\"placeholder\">").Append(E(ReportText.MissingTable)).Append("</p>\n");
                else WriteTable(sb, NationalTables.For(values));
                // The optional fee-collection table follows table 四, where the 2025 reports print it.
                if (kind == TableKind.ReviewsAndLawsuits && report.FeeCollection is { } fee)
                {
                    sb.Append("<table class=\"keep fee-collection\">\n<caption>").Append(E(ReportText.FeeCollectionCaption)).Append("</caption>\n<tr>");
                    foreach (var (_, label) in FeeCollection.Columns) sb.Append("<th>").Append(E(label)).Append("</th>");
                    sb.Append("</tr>\n<tr>");
                    foreach (var v in fee.Values) sb.Append("<td class=\"value\">").Append(E(ReportText.Number(v))).Append("</td>");
                    sb.Append("</tr>\n</table>\n");
                }
            }
        }
        if (report.PublishedOn is { } date)
            sb.Append("<p class=\"signature\">").Append(E(report.Agency ?? "")).Append("<br>").Append(E(ReportText.Date(date))).Append("</p>\n");
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void WriteTable(StringBuilder sb, TableLayout layout)
    {
        // Each table fits on one A4 page: keep it whole rather than leave its heading rows
        // orphaned at a page foot (Chromium does not repeat a heading with row-spanning cells).
        sb.Append("<table class=\"keep\" data-table=\"").Append(layout.Kind.ToContractName()).Append("\">\n<colgroup>");
        foreach (var w in ColumnWidths(layout)) sb.Append("<col style=\"width:").Append(w.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)).Append("%\">");
        sb.Append("</colgroup>\n");
        if (layout.HeaderRows > 0) sb.Append("<thead>\n");
        for (var r = 0; r < layout.Rows; r++)
        {
            if (r == layout.HeaderRows && layout.HeaderRows > 0) sb.Append("</thead>\n<tbody>\n");
            else if (r == 0) sb.Append("<tbody>\n");
            sb.Append("<tr>");
            foreach (var cell in layout.RowCells(r))
            {
                var (tag, cls) = cell.Role switch
                {
                    CellRole.Header => ("th", "header"),
                    CellRole.Note => ("th", "note"),
                    CellRole.Caption => ("td", "caption"),
                    CellRole.Label => ("td", "label"),
                    _ => ("td", "value"),
                };
                sb.Append('<').Append(tag).Append(" class=\"").Append(cls).Append('"');
                if (cell.RowSpan > 1) sb.Append(" rowspan=\"").Append(cell.RowSpan).Append('"');
                if (cell.ColumnSpan > 1) sb.Append(" colspan=\"").Append(cell.ColumnSpan).Append('"');
                sb.Append('>');
                sb.Append(E(cell.Role == CellRole.Value ? ReportText.Number(cell.Value) : cell.Text));
                sb.Append("</").Append(tag).Append('>');
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
    }

    /// <summary>Relative column widths in percent: label columns wide, number columns even.</summary>
    internal static IReadOnlyList<double> ColumnWidths(TableLayout layout)
    {
        double[] widths = layout.Kind switch
        {
            TableKind.ActiveDisclosure => [31, 23, 23, 23],
            TableKind.Applications => [5, 9, 35, .. Enumerable.Repeat(51.0 / 7, 7)],
            _ => [],
        };
        return widths.Length == layout.Columns ? widths : Enumerable.Repeat(100.0 / layout.Columns, layout.Columns).ToArray();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
