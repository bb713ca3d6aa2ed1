using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;
using static Nianbao.Tests.Checks.CheckReports;

namespace Nianbao.Tests.Checks;

public class StructureTests
{
    [Fact]
    public void S_1_missing_sections_are_listed()
    {
        var report = Consistent();
        report.Sections.RemoveAll(s => s.Number is 5 or 6);

        var finding = Assert.Single(Run(report).Of(Rules.Sections));

        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal("Missing statutory sections 五、存在的主要问题及改进情况, 六、其他需要报告的事项", finding.Message);
    }

    [Fact]
    public void S_1_sections_out_of_order()
    {
        var report = Consistent();
        (report.Sections[1], report.Sections[2]) = (report.Sections[2], report.Sections[1]);

        var finding = Assert.Single(Run(report).Of(Rules.Sections));

        Assert.Contains("一, 三, 二, 四, 五, 六", finding.Message);
    }

    [Fact]
    public void S_1_does_not_apply_to_a_legacy_report()
    {
        var report = Consistent();
        report.Template = ReportTemplate.Legacy;
        report.Year = 2012;
        report.Sections.Clear();

        Assert.Empty(Run(report));
    }

    [Theory]
    [InlineData(2022, "本年度无其他需要报告的事项。", true)]
    [InlineData(2022, "本年度未收取信息处理费。", false)]
    [InlineData(2022, "全年收取政府信息公开信息处理费3940元。", false)]
    [InlineData(2022, "本机关未向申请人收取任何费用。", false)]
    public void S_2_section_six_should_state_the_fee(int year, string text, bool expected)
    {
        var report = Consistent(ReportTemplate.Format2021, year);
        ReplaceSection(report, 6, text);

        var findings = Run(report).Of(Rules.FeeStatement);

        Assert.Equal(expected, findings.Count == 1);
        Assert.All(findings, f => Assert.Equal(Severity.Warning, f.Severity));
    }

    [Fact]
    public void S_2_is_not_asked_of_a_2020_report()
    {
        var report = Consistent(ReportTemplate.Format2019, 2020);
        ReplaceSection(report, 6, "无。");

        Assert.Empty(Run(report).Of(Rules.FeeStatement));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("无。", true)]
    [InlineData("  暂无  ", true)]
    [InlineData("一是公开内容不够全面。", false)]
    public void S_3_section_five_must_not_be_empty(string text, bool expected)
    {
        var report = Consistent();
        ReplaceSection(report, 5, text);

        Assert.Equal(expected, Run(report).Of(Rules.EmptyProblems).Count == 1);
    }

    [Theory]
    [InlineData(ReportTemplate.Format2019, 2022, true)]
    [InlineData(ReportTemplate.Format2021, 2020, true)]
    [InlineData(ReportTemplate.Legacy, 2019, true)]
    [InlineData(ReportTemplate.Format2019, 2018, true)]
    [InlineData(ReportTemplate.Format2019, 2019, false)]
    [InlineData(ReportTemplate.Format2019, 2020, false)]
    [InlineData(ReportTemplate.Format2021, 2021, false)]
    [InlineData(ReportTemplate.Legacy, 2018, false)]
    [InlineData(ReportTemplate.Unknown, 2022, false)]
    public void Y_3_template_against_year(ReportTemplate template, int year, bool expected)
    {
        var report = Consistent(template == ReportTemplate.Format2019 ? template : ReportTemplate.Format2021, year);
        report.Template = template;

        var findings = Run(report).Of(Rules.TemplateYear);

        Assert.Equal(expected, findings.Count == 1);
        Assert.All(findings, f => Assert.Equal(Severity.Error, f.Severity));
    }

    [Fact]
    public void Y_3_message_names_both_format_and_year()
    {
        var report = Consistent(ReportTemplate.Format2019, 2022);

        var finding = Assert.Single(Run(report).Of(Rules.TemplateYear));

        Assert.StartsWith("2019 format (国办公开办函〔2019〕60号) used in a 2022 report", finding.Message);
    }

    [Fact]
    public void T3_6_a_2021_report_with_the_single_2019_row_for_other_handling()
    {
        var report = Consistent();
        var old = new TableDraft(TemplateSchema.Format2019.Applications);
        foreach (var (path, value) in report.Applications!.Cells())
            if (old.HasRow(path.Row)) old[path] = value;
        foreach (var column in ApplicationColumns.All) old[ApplicationRows.OtherHandling, column.Key] = 0;
        old[ApplicationRows.OtherHandling, ApplicationColumns.NaturalPerson] = 1;
        old[ApplicationRows.OtherHandling, ApplicationColumns.Total] = 1;
        report.Applications = old;

        var findings = Run(report);

        var shape = Assert.Single(findings.Of(Rules.T3_TemplateShape));
        Assert.Contains("（六）其他处理 as one row", shape.Message);
        // Added up as printed, the table is still consistent.
        Assert.Single(findings);
        Assert.Empty(Run(Consistent()).Of(Rules.T3_TemplateShape));
    }

    [Theory]
    [InlineData(Department, 2022, "2023-01-31", false)]
    [InlineData(Department, 2022, "2023-02-01", true)]
    [InlineData(Government, 2022, "2023-03-31", false)]
    [InlineData(Government, 2022, "2023-04-01", true)]
    [InlineData(Department, 2018, "2019-03-30", false)] // the 2007 条例: 31 March for everyone
    [InlineData(null, 2022, "2023-03-01", false)]       // agency unknown: the later deadline
    [InlineData(null, 2022, "2023-04-02", true)]
    public void Y_2_late_publication(string? agency, int year, string published, bool late)
    {
        var report = Consistent(year <= 2020 ? ReportTemplate.Format2019 : ReportTemplate.Format2021, year, agency!);
        report.Template = ReportTemplateNames.ExpectedFor(year) == ReportTemplate.Legacy ? ReportTemplate.Legacy : report.Template;
        report.Agency = agency;
        report.PublishedOn = DateOnly.Parse(published, System.Globalization.CultureInfo.InvariantCulture);

        var findings = Run(report).Of(Rules.LatePublication);

        Assert.Equal(late, findings.Count == 1);
        Assert.All(findings, f => Assert.Equal(Severity.Warning, f.Severity));
    }

    [Fact]
    public void Y_2_message_gives_the_deadline_and_the_delay()
    {
        var report = Consistent();
        report.PublishedOn = new DateOnly(2023, 2, 10);

        var finding = Assert.Single(Run(report));

        Assert.Equal("Published on 2023-02-10, after the deadline: a department's report is due by 2023-01-31 (10 days late)", finding.Message);
    }
}

public class YearConsistencyTests
{
    [Theory]
    [InlineData("本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。", true)]
    [InlineData("本报告统计期限为2022年1月1日至12月31日。", false)]
    [InlineData("统计期限自2022 年 1 月 1 日起至 2022 年 12 月 31 日止。", false)]
    [InlineData("2021年共收到申请5件。", false)]
    public void Y_1_statistics_period_against_the_report_year(string text, bool expected)
    {
        var report = CheckReports.Consistent(year: 2022);
        CheckReports.ReplaceSection(report, 1, text);

        var findings = CheckReports.Run(report).Of(Rules.YearConsistency);

        Assert.Equal(expected, findings.Count == 1);
        Assert.All(findings, f => Assert.Contains("2021年1月1日起至2021年12月31日", f.Message));
    }
}
