using Nianbao.Domain;
using Nianbao.Domain.Templates;
using Nianbao.Rendering;
using Nianbao.Tests.Checks;

namespace Nianbao.Tests.Pipeline;

/// <summary>
/// Some 2025 reports add a fee-collection table (信息处理费收取情况: 通知收取件数, 通知收取金额（元）,
/// 实际收取金额（元）) after table 四 — as a section of its own or inside section 六. Its digits must
/// never run into table 四's.
/// </summary>
public class FeeCollectionTableTests
{
    private const string MarkdownTable = "| 通知收取件数 | 通知收取金额（元） | 实际收取金额（元） |\n|---|---|---|\n| 2 | 4321 | 987 |\n\n";
    private const string HtmlTable = "<table><tr><td>通知收取件数</td><td>通知收取金额（元）</td><td>实际收取金额（元）</td></tr><tr><td>2</td><td>4321</td><td>987</td></tr></table>";
    private const string TextTable = "信息处理费收取情况\n通知收取件数\t通知收取金额（元）\t实际收取金额（元）\n2\t4321\t987\n";
    private const string PlainTable = "信息处理费收取情况\n通知收取件数  通知收取金额（元）  实际收取金额（元）\n信息处理费收取情况  2  4321  987\n\n";
    private const string LabelledTable = "通知收取件数 2 件，通知收取金额（元） 4321，实际收取金额（元） 987\n\n";

    public static TheoryData<string, string> Shapes() => new()
    {
        { "md", "own section" }, { "md", "in section six" },
        { "html", "own section" }, { "html", "in section six" },
        { "text", "own section" }, { "text", "in section six" },
        { "plain", "own section" }, { "plain", "in section six" },
        { "labelled", "own section" }, { "labelled", "in section six" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Its_digits_never_run_into_table_four(string format, string where)
    {
        var draft = CheckReports.Consistent(year: 2025);
        // Table 四 with a blank cell: fourteen numbers printed where fifteen belong. The fee table's
        // first number (2) would complete the last group exactly (1 + 0 + 0 + 1 = 2) if it were taken in.
        draft.ReviewsAndLawsuits![ReviewRows.LawsuitAfterReview, ReviewColumns.Upheld] = 1;
        draft.ReviewsAndLawsuits[ReviewRows.LawsuitAfterReview, ReviewColumns.Pending] = null;
        draft.ReviewsAndLawsuits[ReviewRows.LawsuitAfterReview, ReviewColumns.Total] = 1;
        var truth = draft.Publish();
        var document = Insert(Render(truth, format), format, where);

        var report = ReportPipeline.Default.Read(System.Text.Encoding.UTF8.GetBytes(document), $"fees.{(format is "html" or "md" ? format : "txt")}");

        Assert.Equal(new FeeCollection(2, 4321, 987), report.FeeCollection);
        Assert.DoesNotContain(report.Findings, f => f.Rule == Nianbao.Domain.Findings.Rules.FeeTable_Blank);

        Assert.NotNull(report.ReviewsAndLawsuits);
        foreach (var (path, value) in report.ReviewsAndLawsuits!.Cells())
        {
            Assert.True(value is null || value == truth[path], $"{path} is {value}, the document prints {truth[path]}");
            Assert.DoesNotContain(value, new decimal?[] { 4321, 987 });
        }
        Assert.Equal(truth.ReviewsAndLawsuits![ReviewRows.Review, ReviewColumns.Total], report.ReviewsAndLawsuits[ReviewRows.Review, ReviewColumns.Total]);
        Assert.Contains(report.Sections, s => s.Number == 5);
    }

    private static string Render(Report report, string format) => format switch
    {
        "html" => new HtmlRenderer().RenderString(report),
        _ => new MarkdownRenderer().RenderString(report),
    };

    private static string Insert(string document, string format, string where)
    {
        var table = format switch { "html" => HtmlTable, "text" => TextTable, "plain" => PlainTable, "labelled" => LabelledTable, _ => MarkdownTable };
        if (where == "own section")
        {
            var five = document.IndexOf("五、存在的主要问题", StringComparison.Ordinal);
            var lineStart = document.LastIndexOf(format == "html" ? '<' : '\n', five) + (format == "html" ? 0 : 1);
            var heading = format switch { "html" => "<h2>五、信息处理费收取情况</h2>", "md" => "## 五、信息处理费收取情况\n\n", _ => "" };
            return document[..lineStart] + heading + table + document[lineStart..];
        }
        var six = document.IndexOf("本年度未收取信息处理费。", StringComparison.Ordinal);
        return document[..six] + (format == "html" ? "<p>信息处理费收取情况如下：</p>" : "信息处理费收取情况如下：\n\n") + table + document[six..];
    }

    [Fact]
    public void Absent_table_is_null_with_no_finding()
    {
        var truth = CheckReports.Consistent(year: 2025).Publish();
        var report = ReportPipeline.Default.Read(System.Text.Encoding.UTF8.GetBytes(new MarkdownRenderer().RenderString(truth)), "nofee.md");
        Assert.Null(report.FeeCollection);
        Assert.DoesNotContain(report.Findings, f => f.Rule == Nianbao.Domain.Findings.Rules.FeeTable_Blank);
        Assert.DoesNotContain("\"feeCollection\"", Nianbao.Domain.Contract.ReportJson.Serialize(report));
    }

    [Fact]
    public void A_blank_cell_is_null_and_a_finding()
    {
        var truth = CheckReports.Consistent(year: 2025).Publish();
        var table = "| 通知收取件数 | 通知收取金额（元） | 实际收取金额（元） |\n|---|---|---|\n| 2 | 4321 | - |\n\n";
        var document = Insert(new MarkdownRenderer().RenderString(truth), "md", "in section six").Replace(MarkdownTable, table);
        var report = ReportPipeline.Default.Read(System.Text.Encoding.UTF8.GetBytes(document), "blank.md");
        Assert.Equal(new FeeCollection(2, 4321, null), report.FeeCollection);
        var finding = Assert.Single(report.Findings, f => f.Rule == Nianbao.Domain.Findings.Rules.FeeTable_Blank);
        Assert.Contains("实际收取金额（元）", finding.Message);
    }

    [Fact]
    public void Json_round_trip_keeps_the_table_and_its_bytes()
    {
        var draft = CheckReports.Consistent(year: 2025);
        draft.FeeCollection = new FeeCollection(3, 1250.5m, null);
        var json = Nianbao.Domain.Contract.ReportJson.Serialize(draft.Publish());
        Assert.Contains("\"feeCollection\": {", json);
        Assert.Contains("\"notifiedAmountYuan\": 1250.5", json);
        Assert.Contains("\"collectedAmountYuan\": null", json);
        var back = Nianbao.Domain.Contract.ReportJson.Deserialize(json);
        Assert.Equal(new FeeCollection(3, 1250.5m, null), back.FeeCollection);
        Assert.Equal(json, Nianbao.Domain.Contract.ReportJson.Serialize(back));
        Assert.Throws<Nianbao.Domain.Contract.ReportRecordException>(() => Nianbao.Domain.Contract.ReportJson.Deserialize(json.Replace("\"notifiedCount\": 3", "\"notifiedCount\": 3, \"other\": 1")));
        Assert.Throws<Nianbao.Domain.Contract.ReportRecordException>(() => Nianbao.Domain.Contract.ReportJson.Deserialize(json.Replace("\"notifiedCount\": 3", "\"notifiedCount\": 3.5")));
    }

    [Fact]
    public void Rendered_after_table_four_and_read_back()
    {
        var draft = CheckReports.Consistent(year: 2025);
        draft.FeeCollection = new FeeCollection(4, 600, 350);
        var truth = draft.Publish();
        foreach (var (text, ext) in new[] { (new MarkdownRenderer().RenderString(truth), "md"), (new HtmlRenderer().RenderString(truth), "html") })
        {
            var four = text.IndexOf("四、", StringComparison.Ordinal);
            var caption = text.IndexOf("信息处理费收取情况", four, StringComparison.Ordinal);
            Assert.True(four >= 0 && caption > four && caption < text.IndexOf("五、", StringComparison.Ordinal), ext);
            var back = ReportPipeline.Default.Read(System.Text.Encoding.UTF8.GetBytes(text), "rendered." + ext);
            Assert.Equal(truth.FeeCollection, back.FeeCollection);
            Assert.Equal(truth.ReviewsAndLawsuits!.Cells().Select(c => c.Value), back.ReviewsAndLawsuits!.Cells().Select(c => c.Value));
        }
    }
}
