using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Templates;
using static Nianbao.Tests.Checks.CheckReports;

namespace Nianbao.Tests.Checks;

public class TextAgainstTablesTests
{
    [Fact]
    public void T3_7_a_stated_figure_that_disagrees_with_table_three()
    {
        var report = Consistent();
        ReplaceSection(report, 1, "2022年，本机关共收到申请75件，均已按时答复。");

        var finding = Assert.Single(Run(report));

        Assert.Equal(Rules.T3_TextAgainstTable, finding.Rule);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("Section 一 says \"2022年，本机关共收到申请75件，均已按时答复。\" (75) but table 三 一、本年新收 总计 is 13", finding.Message);
        Assert.Equal([App(ApplicationRows.Received, ApplicationColumns.Total)], finding.Cells);
    }

    [Theory]
    [InlineData("办结12件。", "（七）总计 总计 is 13")]
    [InlineData("4件结转下年度继续办理。", "四、结转下年度继续办理 总计 is 2")]
    [InlineData("上年结转申请1件。", "二、上年结转 总计 is 2")]
    public void T3_7_other_application_figures(string text, string tableSays)
    {
        var report = Consistent();
        ReplaceSection(report, 5, "存在的问题：解读不足。" + text);

        var finding = Assert.Single(Run(report));

        Assert.Equal(Rules.T3_TextAgainstTable, finding.Rule);
        Assert.EndsWith(tableSays, finding.Message);
    }

    [Fact]
    public void T4_3_reviews_and_lawsuits_against_table_four()
    {
        var report = Consistent();
        ReplaceSection(report, 4, "本年度发生行政复议3件，行政诉讼2件。");

        var findings = Run(report);

        Assert.All(findings, f => Assert.Equal(Rules.T4_TextAgainstTable, f.Rule));
        Assert.Equal(2, findings.Count);
        Assert.EndsWith("table 四 行政复议 总计 is 2", findings[0].Message);
        Assert.EndsWith("table 四 行政诉讼 总计 is 1 (未经复议直接起诉) + 0 (复议后起诉) = 1", findings[1].Message);
        Assert.Equal([Rev(ReviewRows.LawsuitDirect, ReviewColumns.Total), Rev(ReviewRows.LawsuitAfterReview, ReviewColumns.Total)], findings[1].Cells);
    }

    [Fact]
    public void No_finding_when_the_table_cell_is_blank()
    {
        var report = Consistent();
        ReplaceSection(report, 1, "本机关共收到申请75件。");
        report.Applications![ApplicationRows.Received, ApplicationColumns.Total] = null;

        Assert.Empty(Run(report).Of(Rules.T3_TextAgainstTable));
    }

    [Fact]
    public void No_finding_for_a_sentence_about_another_year()
    {
        var report = Consistent();
        ReplaceSection(report, 1, "2021年共收到申请75件，2022年共收到申请13件。");

        Assert.Empty(Run(report));
    }

    [Fact]
    public void Accepted_applications_may_include_those_carried_over()
    {
        var report = Consistent(); // 13 received + 2 carried over
        ReplaceSection(report, 1, "本年度共受理政府信息公开申请15件。");

        Assert.Empty(Run(report));
    }

    [Fact]
    public void No_figure_is_checked_in_a_report_without_national_tables()
    {
        var report = Consistent();
        ReplaceSection(report, 1, "本机关共收到申请75件。");
        report.Template = ReportTemplate.Unknown;

        Assert.Empty(Run(report));
    }
}
