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
    private const string MarkdownTable = "| 通知收取件数 | 通知收取金额（元） | 实际收取金额（元） |\n|---|---|---|\n| 7 | 4321 | 987 |\n\n";
    private const string HtmlTable = "<table><tr><td>通知收取件数</td><td>通知收取金额（元）</td><td>实际收取金额（元）</td></tr><tr><td>7</td><td>4321</td><td>987</td></tr></table>";
    private const string TextTable = "信息处理费收取情况\n通知收取件数\t通知收取金额（元）\t实际收取金额（元）\n7\t4321\t987\n";

    public static TheoryData<string, string> Shapes() => new()
    {
        { "md", "own section" }, { "md", "in section six" },
        { "html", "own section" }, { "html", "in section six" },
        { "text", "own section" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Its_digits_never_run_into_table_four(string format, string where)
    {
        var draft = CheckReports.Consistent(year: 2025);
        // Table 四 with a lost cell: fourteen numbers printed where fifteen belong.
        draft.ReviewsAndLawsuits![ReviewRows.LawsuitAfterReview, ReviewColumns.Pending] = null;
        var truth = draft.Publish();
        var document = Insert(Render(truth, format), format, where);

        var report = ReportPipeline.Default.Read(System.Text.Encoding.UTF8.GetBytes(document), $"fees.{(format == "text" ? "txt" : format)}");

        Assert.NotNull(report.ReviewsAndLawsuits);
        foreach (var (path, value) in report.ReviewsAndLawsuits!.Cells())
        {
            Assert.True(value is null || value == truth[path], $"{path} is {value}, the document prints {truth[path]}");
            Assert.DoesNotContain(value, new decimal?[] { 7, 4321, 987 });
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
        var table = format switch { "html" => HtmlTable, "text" => TextTable, _ => MarkdownTable };
        if (where == "own section")
        {
            var five = document.IndexOf("五、存在的主要问题", StringComparison.Ordinal);
            var lineStart = document.LastIndexOf(format == "html" ? '<' : '\n', five) + (format == "html" ? 0 : 1);
            var heading = format switch { "html" => "<h2>五、信息处理费收取情况</h2>", "text" => "", _ => "## 五、信息处理费收取情况\n\n" };
            return document[..lineStart] + heading + table + document[lineStart..];
        }
        var six = document.IndexOf("本年度未收取信息处理费。", StringComparison.Ordinal);
        return document[..six] + (format == "html" ? "<p>信息处理费收取情况如下：</p>" : "信息处理费收取情况如下：\n\n") + table + document[six..];
    }
}
