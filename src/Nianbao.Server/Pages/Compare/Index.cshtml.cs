using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Rendering.Layout;
using Nianbao.Server.Comparing;
using Nianbao.Server.Web;

namespace Nianbao.Server.Pages.Compare;

/// <summary>
/// 对比: two reports (an agency's two years, or two agencies of one year, or two report ids) with
/// their tables side by side in the national layout, the cells that differ marked, and a text diff
/// of each section (<see cref="ReportComparer"/>, DiffPlex).
/// </summary>
public sealed class CompareModel : NianbaoPage
{
    public string? Agency { get; private set; }
    public string? Agency2 { get; private set; }
    public int? Year { get; private set; }
    public int? Year2 { get; private set; }
    public string? LeftId { get; private set; }
    public string? RightId { get; private set; }
    public IReadOnlyList<string> KnownAgencies { get; private set; } = [];
    public Comparison? Result { get; private set; }
    public Report? Left { get; private set; }
    public Report? Right { get; private set; }
    public string? Problem { get; private set; }

    public void OnGet(string? agency, string? agency2, int? year, int? year2, string? left, string? right)
    {
        (Agency, Agency2, Year, Year2, LeftId, RightId) = (Blank(agency), Blank(agency2), year, year2, Blank(left), Blank(right));
        using var store = OpenStore();
        KnownAgencies = store.ListReports(Access.Narrow(new Nianbao.Archive.ReportFilter { Limit = 5000 }))
            .Select(e => e.Agency ?? e.AgencyPrinted).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        if (Agency is null && LeftId is null && RightId is null) return;
        var pair = ComparePicker.Resolve(store, Access, LeftId, RightId, Agency, Agency2, Year, Year2);
        if (pair.Problem is { } problem)
        {
            Problem = problem;
            Response.StatusCode = pair.Status;
            return;
        }
        Left = store.LoadReport(pair.Left!.Id);
        Right = store.LoadReport(pair.Right!.Id);
        Result = ReportComparer.Compare(pair.Left, Left, pair.Right!, Right);
    }

    public static string Title(ComparedReport r) => $"{r.Agency ?? "（未识别机关）"} {(r.Year is { } y ? y + "年" : "")}";

    public static string Number(decimal? value) => value is { } v ? v.ToString("0.##########", CultureInfo.InvariantCulture) : "";

    /// <summary>One side's table in the national layout, the cells that differ from the other side marked.</summary>
    public IHtmlContent Grid(TableComparison table, bool left)
    {
        var report = left ? Left! : Right!;
        var kind = TableKindNames.TryParse(table.Table, out var k) ? k : TableKind.Applications;
        if (report.Table(kind) is not { } values) return new HtmlString("<p class=\"empty\">此报告没有这张表。</p>");
        var cells = table.Cells.ToDictionary(c => c.Path);
        return LayoutGrid.Render(NationalTables.For(values), cell =>
        {
            var c = cells.GetValueOrDefault(cell.Path?.ToString() ?? "");
            var value = left ? c?.Left : c?.Right;
            if (c is null) return new GridValue(new HtmlString(HtmlEncoder.Default.Encode(Number(cell.Value))));
            string? css = c.OnlyLeft || c.OnlyRight ? "only-side" : c.Differs ? "differs" : null;
            var title = c.OnlyLeft || c.OnlyRight ? "另一份报告的格式没有这个单元格"
                : c.Differs ? $"{Number(c.Left) switch { "" => "空白", var s => s }} → {Number(c.Right) switch { "" => "空白", var s => s }}{(c.Change is { } d ? $"（{(d > 0 ? "+" : "")}{Number(d)}）" : "")}" : null;
            return new GridValue(new HtmlString(HtmlEncoder.Default.Encode(Number(value))), css, title);
        }, "compare-table", $"{(left ? "left" : "right")}-{table.Table}");
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
