using Nianbao.Checks;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Templates;

namespace Nianbao.Tests.Checks;

/// <summary>
/// Hand-made reports for the check tests. <see cref="Consistent"/> is worked out by hand so that
/// every identity holds and the narrative agrees with the tables; each test then breaks one thing.
/// </summary>
internal static class CheckReports
{
    public const string Department = "某某县教育局";
    public const string Government = "某某县人民政府";

    /// <summary>
    /// Table 三 (hand-checked): 自然人 一 10, 二 2, 予以公开 5, 部分公开 1, 不掌握 3, （六）其他 1 → （七） 10, 四 2
    /// (10 + 2 = 10 + 2); 商业企业 一 3, 予以公开 2, 第三方 1 → （七） 3, 四 0; other columns 0;
    /// 总计 column 13, 2, 7, 1, 3, 1, 1, （七） 13, 四 2. Table 四: 复议 1 + 1 = 2; 直接起诉 尚未审结 1 = 1.
    /// </summary>
    public static ReportDraft Consistent(ReportTemplate template = ReportTemplate.Format2021, int year = 2022, string agency = Department)
    {
        var report = ReportDraft.Blank(template, agency, year);
        foreach (var table in report.Tables)
            foreach (var (path, _) in table.Cells())
                table[path] = 0;

        var a = report.Applications!;
        var other = template == ReportTemplate.Format2021 ? "otherOther" : ApplicationRows.OtherHandling;
        void Set(string row, decimal natural, decimal commercial)
        {
            a[row, ApplicationColumns.NaturalPerson] = natural;
            a[row, ApplicationColumns.Commercial] = commercial;
            a[row, ApplicationColumns.Total] = natural + commercial;
        }
        Set(ApplicationRows.Received, 10, 3);
        Set(ApplicationRows.CarriedOver, 2, 0);
        Set("granted", 5, 2);
        Set("partlyGranted", 1, 0);
        Set("withheldThirdPartyRights", 0, 1);
        Set("unavailableNotHeld", 3, 0);
        Set(other, 1, 0);
        Set(ApplicationRows.TotalHandled, 10, 3);
        Set(ApplicationRows.CarriedForward, 2, 0);

        var r = report.ReviewsAndLawsuits!;
        r[ReviewRows.Review, ReviewColumns.Upheld] = 1;
        r[ReviewRows.Review, ReviewColumns.Corrected] = 1;
        r[ReviewRows.Review, ReviewColumns.Total] = 2;
        r[ReviewRows.LawsuitDirect, ReviewColumns.Pending] = 1;
        r[ReviewRows.LawsuitDirect, ReviewColumns.Total] = 1;

        var d = report.ActiveDisclosure!;
        if (template == ReportTemplate.Format2021)
        {
            d["normativeDocuments", "issued"] = 2;
            d["normativeDocuments", "repealed"] = 1;
            d["normativeDocuments", "inForce"] = 10;
            d["licensing", "decisions"] = 5;
            d["punishment", "decisions"] = 7;
            d["fees", "amountWanYuan"] = 1.5m;
        }
        else
        {
            d["licensing", "previousItems"] = 4;
            d["licensing", "change"] = -1;
            d["procurement", "amount"] = 12.5m;
        }

        report.Sections.AddRange(Sections(year));
        return report;
    }

    public static List<Section> Sections(int year) =>
    [
        new(1, "总体情况", $"{year}年，本机关认真贯彻《条例》。本年度共收到政府信息公开申请13件，上年结转申请2件，办结13件，2件结转下年度继续办理。发生行政复议2件，行政诉讼1件。"),
        new(2, "主动公开政府信息情况", "见下表。"),
        new(3, "收到和处理政府信息公开申请情况", "见下表。"),
        new(4, "政府信息公开行政复议、行政诉讼情况", "见下表。"),
        new(5, "存在的主要问题及改进情况", "一是公开内容不够全面；二是解读形式单一。下一步将加强培训，丰富解读形式。"),
        new(6, "其他需要报告的事项", "本年度未收取信息处理费。"),
    ];

    public static void ReplaceSection(ReportDraft report, int number, string text)
    {
        var i = report.Sections.FindIndex(s => s.Number == number);
        report.Sections[i] = report.Sections[i] with { Text = text };
    }

    public static IReadOnlyList<Finding> Run(Report report) => ReportChecks.Run(report);

    /// <summary>The checks' findings on the draft as it stands (published first: checks only see immutable reports).</summary>
    public static IReadOnlyList<Finding> Run(ReportDraft report) => ReportChecks.Run(report.Publish());

    /// <summary>The cross-year findings between two drafts as they stand.</summary>
    public static IReadOnlyList<Finding> Compare(ReportDraft previous, ReportDraft current) => CrossYearChecks.Compare(previous.Publish(), current.Publish());

    public static IReadOnlyList<Finding> Of(this IEnumerable<Finding> findings, string rule) =>
        findings.Where(f => f.Rule == rule).ToList();

    public static CellPath App(string row, string column) => new(TableKind.Applications, row, column);
    public static CellPath Rev(string group, string field) => new(TableKind.ReviewsAndLawsuits, group, field);
}
