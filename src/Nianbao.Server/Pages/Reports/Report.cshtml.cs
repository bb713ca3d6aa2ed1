using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Nianbao.Archive;
using Nianbao.Documents.Model;
using Nianbao.Domain;
using Nianbao.Pipeline;
using Nianbao.Rendering;
using Nianbao.Rendering.Layout;
using Nianbao.Server.Findings;
using Nianbao.Server.Web;

namespace Nianbao.Server.Pages.Reports;

/// <summary>
/// One report: its three tables as the national format prints them, each number a button that shows
/// where it stands in the source (the text span, the document's table cell, the PDF page with its box),
/// the findings with their decisions (confirm/dismiss with a comment, reviewers and administrators), and re-parsing.
/// </summary>
public sealed class ReportModel : NianbaoPage
{
    public ReportEntry Entry { get; private set; } = null!;
    public Report Report { get; private set; } = null!;
    public IReadOnlyList<TableLayout> Tables { get; private set; } = [];
    public IReadOnlyList<FindingView> Findings { get; private set; } = [];
    /// <summary>The worst severity of the findings on each cell path.</summary>
    public IReadOnlyDictionary<string, string> Flagged { get; private set; } = new Dictionary<string, string>();
    public SourceDocument? Document { get; private set; }
    public string? DocumentProblem { get; private set; }
    [TempData] public string? Message { get; set; }

    private SourceDocuments Sources => HttpContext.RequestServices.GetRequiredService<SourceDocuments>();

    public IActionResult OnGet(string id)
    {
        using var store = OpenStore();
        if (Load(store, id) is { } missing) return missing;
        (Document, DocumentProblem) = Sources.Read(store, Entry);
        return Page();
    }

    /// <summary>A page of the stored PDF as an image (the number's box is drawn over it by the page's script).</summary>
    public async Task<IActionResult> OnGetPageAsync(string id, int n)
    {
        using var store = OpenStore();
        if (store.FindReport(id) is not { } entry || !Access.CanSee(entry)) return NotFound();
        if (n is < 1 or > 10_000) return BadRequest();
        var (png, problem) = await Sources.PageImage(store, entry, n, HttpContext.RequestAborted);
        return png is null
            ? new ContentResult { StatusCode = 422, Content = "无法显示页面：" + problem, ContentType = "text/plain; charset=utf-8" }
            : File(png, "image/png");
    }

    public IActionResult OnPostDecide(string id, int seq, string? decision, string? comment)
    {
        if (!Access.CanDecide) return Forbid();
        if (decision is not (DecisionKinds.Confirmed or DecisionKinds.Dismissed)) return BadRequest();
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is { Length: > 2000 }) comment = comment[..2000];
        using var store = OpenStore();
        if (store.FindReport(id) is not { } entry || !Access.CanSee(entry)) return NotFound();
        var decided = new DecisionStore(store).Decide(entry, seq, decision, comment, Access.Name);
        Message = decided is null ? "没有这个问题（报告可能已重新读取）。"
            : (decision == DecisionKinds.Confirmed ? "已确认问题 " : "已排除问题 ") + decided.Rule + "；重新读取或上传新版本后，这个决定仍然保留。";
        return Redirect($"/reports/{Uri.EscapeDataString(id)}#findings");
    }

    public IActionResult OnPostReparse(string id)
    {
        if (!Access.CanDecide) return Forbid();
        using var store = OpenStore();
        if (store.FindReport(id) is not { } entry || !Access.CanSee(entry)) return NotFound();
        var pipeline = HttpContext.RequestServices.GetRequiredService<ReportPipeline>();
        // The reparser takes a filter: the agency-year's versions, of which this one is kept (as the API does).
        var filter = new ReportFilter { Agency = entry.AgencyId ?? entry.AgencyPrinted, Year = entry.Year, IncludeHistory = true };
        var result = new Reparser(store, pipeline).Run(filter).FirstOrDefault(r => r.Report.Id == entry.Id);
        Sources.Forget(entry.Id);
        Message = result is null ? "无法重新读取：这份报告没有可用于选择的机关。"
            : result.Problem is { } problem ? "无法重新读取：" + problem
            : $"已重新读取：{result.Changes.Count} 个数字有变化，问题 {result.FindingsBefore} → {result.FindingsAfter} 个；已作的决定按问题内容保留。";
        return Redirect($"/reports/{Uri.EscapeDataString(id)}");
    }

    private IActionResult? Load(ArchiveStore store, string id)
    {
        if (store.FindReport(id) is not { } entry || !Access.CanSee(entry)) return NotFound();
        Entry = entry;
        Report = store.LoadReport(entry.Id);
        Tables = Report.Tables.Select(NationalTables.For).ToList();
        Findings = new DecisionStore(store).Findings(entry);
        var flagged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in Findings)
            foreach (var cell in f.Cells)
                if (!flagged.TryGetValue(cell, out var s) || Rank(f.Severity) > Rank(s)) flagged[cell] = f.Severity;
        Flagged = flagged;
        return null;
    }

    private static int Rank(string severity) => severity switch { "error" => 2, "warning" => 1, _ => 0 };

    // ------------------------------------------------------------ what the view prints

    public static string TableTitle(TableKind kind) => kind switch
    {
        TableKind.ActiveDisclosure => "二、主动公开政府信息情况",
        TableKind.Applications => "三、收到和处理政府信息公开申请情况",
        _ => "四、政府信息公开行政复议、行政诉讼情况",
    };

    public static string Severity(string severity) => severity switch { "error" => "错误", "warning" => "警告", _ => "提示" };

    public static string Confidence(ReadingConfidence c) => c switch
    {
        ReadingConfidence.Exact => "原文直接读取",
        ReadingConfidence.SolvedByArithmetic => "数字粘连，按表内勾稽关系拆分",
        ReadingConfidence.SolvedByNarrative => "数字粘连，按正文中的数字确定",
        _ => "标签脱落，按行序定位",
    };

    public static string Number(decimal? value) => ReportText.Number(value);

    /// <summary>A cell path as people read it: 表三 · （一）予以公开 · 自然人.</summary>
    public string CellLabel(string path)
    {
        if (!CellPath.TryParse(path, out var cell) || Report.Table(cell.Table) is not { } values) return path;
        var row = values.Schema.Rows.FirstOrDefault(r => r.Key == cell.Row);
        var field = row?.Fields.FirstOrDefault(f => f.Key == cell.Field);
        var table = cell.Table switch { TableKind.ActiveDisclosure => "表二", TableKind.Applications => "表三", _ => "表四" };
        return row is null ? path : $"{table} · {(row.Group is { } g && cell.Table != TableKind.Applications ? g + " " : "")}{row.PrintedLabel} · {field?.PrintedLabel ?? cell.Field}";
    }

    /// <summary>Where a number stands in the source, as the view prints it into data-* attributes (null: left out).</summary>
    public sealed record SourceView(string? Start, string? Length, string? Text, string? Confidence, string? Page, string? Box, string? Table, string? Row, string? Column);

    public SourceView SourceOf(CellPath path)
    {
        if (!Report.Provenance.TryGetValue(path, out var src)) return new SourceView(null, null, null, null, null, null, null, null, null);
        var box = src.Box is { } b
            ? string.Join(',', new[] { b.Left, b.Bottom, b.Right, b.Top }.Select(v => v.ToString("0.##", CultureInfo.InvariantCulture)))
            : null;
        return new SourceView(Invariant(src.Start), Invariant(src.Length), src.Text, Confidence(src.Confidence),
            src.Box is { } p ? Invariant(p.Page) : null, box, Invariant(src.Table), Invariant(src.Row), Invariant(src.Column));
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string? Invariant(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>The document's lines grouped: running text, or the rows of one table.</summary>
    public IEnumerable<(int? Table, IReadOnlyList<DocLine> Lines)> Blocks()
    {
        if (Document is null) yield break;
        var run = new List<DocLine>();
        int? table = null;
        foreach (var line in Document.Lines)
        {
            if (run.Count > 0 && (line.Table != table || line.Page != run[^1].Page))
            {
                yield return (table, run);
                run = [];
            }
            table = line.Table;
            run.Add(line);
        }
        if (run.Count > 0) yield return (table, run);
    }

    public bool IsPdf => Document?.Format == SourceFormat.Pdf;
}
