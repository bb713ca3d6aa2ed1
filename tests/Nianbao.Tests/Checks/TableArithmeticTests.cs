using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Templates;
using static Nianbao.Tests.Checks.CheckReports;

namespace Nianbao.Tests.Checks;

public class TableArithmeticTests
{
    [Theory]
    [InlineData(ReportTemplate.Format2021, 2022)]
    [InlineData(ReportTemplate.Format2019, 2020)]
    public void A_consistent_report_has_no_findings_at_all(ReportTemplate template, int year)
    {
        Assert.Empty(Run(Consistent(template, year)));
    }

    [Fact]
    public void T3_1_balance_names_the_column_and_both_sums()
    {
        var report = Consistent();
        report.Applications![ApplicationRows.CarriedForward, ApplicationColumns.NaturalPerson] = 3;
        report.Applications[ApplicationRows.CarriedForward, ApplicationColumns.Total] = 3;

        var findings = Run(report).Of(Rules.T3_Balance);

        Assert.Equal(2, findings.Count); // 自然人 and 总计
        var natural = findings.Single(f => f.Cells.Contains(App(ApplicationRows.Received, ApplicationColumns.NaturalPerson)));
        Assert.Equal(Severity.Error, natural.Severity);
        Assert.Equal("自然人: 一、本年新收 + 二、上年结转 = 10 + 2 = 12 but （七）总计 + 四、结转下年度 = 10 + 3 = 13", natural.Message);
        Assert.Contains(App(ApplicationRows.CarriedForward, ApplicationColumns.NaturalPerson), natural.Cells);
        Assert.Empty(Run(report).Of(Rules.T3_RowTotal));
    }

    [Theory]
    // Counted by hand from the format: （一）1 + （二）1 + （三）8 + （四）3 + （五）5 + （六）3 = 21 rows in 2021;
    // with （六） as one row, 19 in 2019. (template-reference.md §5.2 says 22 and 20, counting one row more.)
    [InlineData(ReportTemplate.Format2021, 2022, 21)]
    [InlineData(ReportTemplate.Format2019, 2020, 19)]
    public void T3_2_total_handled_against_the_result_rows(ReportTemplate template, int year, int resultRows)
    {
        var report = Consistent(template, year);
        var a = report.Applications!;
        a[ApplicationRows.Received, ApplicationColumns.NaturalPerson] = 11;
        a[ApplicationRows.Received, ApplicationColumns.Total] = 14;
        a[ApplicationRows.TotalHandled, ApplicationColumns.NaturalPerson] = 11;
        a[ApplicationRows.TotalHandled, ApplicationColumns.Total] = 14;

        var findings = Run(report).Where(f => f.Severity == Severity.Error).ToList();

        Assert.All(findings, f => Assert.Equal(Rules.T3_TotalHandled, f.Rule));
        Assert.Equal(2, findings.Count);
        Assert.Equal($"（七）总计 自然人 is 11 but the {resultRows} result rows add up to 10", findings[0].Message);
        Assert.Equal(resultRows + 1, findings[0].Cells.Count);
        Assert.Contains(App("granted", ApplicationColumns.NaturalPerson), findings[0].Cells);
    }

    [Fact]
    public void T3_3_row_total_against_the_six_applicant_columns()
    {
        var report = Consistent();
        report.Applications!["granted", ApplicationColumns.Total] = 8;

        var rowTotals = Run(report).Of(Rules.T3_RowTotal);

        var finding = Assert.Single(rowTotals);
        Assert.Equal("（一）予以公开: 总计 is 8 but the six applicant columns add up to 5 + 2 + 0 + 0 + 0 + 0 = 7", finding.Message);
        Assert.Equal(7, finding.Cells.Count);
        Assert.Equal(App("granted", ApplicationColumns.Total), finding.Cells[0]);
    }

    [Fact]
    public void T4_1_group_total_against_its_parts()
    {
        var report = Consistent();
        report.ReviewsAndLawsuits![ReviewRows.Review, ReviewColumns.Total] = 3;

        var finding = Assert.Single(Run(report), f => f.Severity == Severity.Error);

        Assert.Equal(Rules.T4_GroupTotal, finding.Rule);
        Assert.Equal("行政复议: 总计 is 3 but 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 1 + 1 + 0 + 0 = 2", finding.Message);
        Assert.Equal(5, finding.Cells.Count);
    }

    [Fact]
    public void A_blank_cell_is_reported_as_incomplete_and_not_as_an_arithmetic_error()
    {
        var report = Consistent();
        report.Applications!["granted", ApplicationColumns.Commercial] = null;
        report.Applications["granted", ApplicationColumns.LegalService] = null;

        var findings = Run(report);

        Assert.DoesNotContain(findings, f => f.Severity == Severity.Error);
        var blank = Assert.Single(findings);
        Assert.Equal(Rules.T3_Blank, blank.Rule);
        Assert.Equal(Severity.Warning, blank.Severity);
        Assert.StartsWith("table 三 row （一）予以公开 is incomplete: 商业企业, 法律服务机构 are blank", blank.Message);
        Assert.Equal([App("granted", ApplicationColumns.Commercial), App("granted", ApplicationColumns.LegalService)], blank.Cells);
    }

    [Fact]
    public void An_identity_no_blank_can_repair_is_still_an_error()
    {
        // 总计 4, but the known applicant cells already add up to 5: no non-negative number in the blank helps.
        var report = Consistent();
        report.Applications!["granted", ApplicationColumns.Commercial] = null;
        report.Applications["granted", ApplicationColumns.Total] = 4;

        var finding = Assert.Single(Run(report).Of(Rules.T3_RowTotal));

        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("总计 is 4", finding.Message);
        Assert.Contains("no number in the blanks", finding.Message);
    }

    [Fact]
    public void T4_2_blank_review_cells_are_incomplete()
    {
        var report = Consistent();
        report.ReviewsAndLawsuits![ReviewRows.LawsuitAfterReview, ReviewColumns.Other] = null;

        var finding = Assert.Single(Run(report));

        Assert.Equal(Rules.T4_Blank, finding.Rule);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal([Rev(ReviewRows.LawsuitAfterReview, ReviewColumns.Other)], finding.Cells);
    }

    [Fact]
    public void T2_blank_cells_and_the_missing_2021_fee_amount_are_incomplete()
    {
        var report = Consistent();
        report.ActiveDisclosure!["normativeDocuments", "repealed"] = null;
        report.ActiveDisclosure["fees", "amountWanYuan"] = null;

        var findings = Run(report);

        Assert.All(findings, f => Assert.Equal(Rules.T2_Blank, f.Rule));
        Assert.Equal(2, findings.Count);
        Assert.Contains("本年废止件数 is blank", findings[0].Message);
        Assert.Contains("万元", findings[1].Message);
        Assert.Equal([new CellPath(TableKind.ActiveDisclosure, "fees", "amountWanYuan")], findings[1].Cells);
    }

    [Fact]
    public void T3_8_negative_and_fractional_counts_are_errors()
    {
        var report = Consistent();
        report.Applications!["rejectedRepeated", ApplicationColumns.NaturalPerson] = -1;
        report.ReviewsAndLawsuits![ReviewRows.Review, ReviewColumns.Other] = 0.5m;

        var counts = Run(report).Of(Rules.T3_NonNegative);

        Assert.Equal(2, counts.Count);
        Assert.All(counts, f => Assert.Equal(Severity.Error, f.Severity));
        Assert.Equal([App("rejectedRepeated", ApplicationColumns.NaturalPerson)], counts[0].Cells);
        Assert.Contains("-1", counts[0].Message);
        Assert.Equal([Rev(ReviewRows.Review, ReviewColumns.Other)], counts[1].Cells);
        // Table 二 is not held to it: the signed 2019 本年增/减 (-1 here) may be negative.
        Assert.Empty(Run(Consistent(ReportTemplate.Format2019, 2020)).Of(Rules.T3_NonNegative));
    }

    [Theory]
    [InlineData(ReportTemplate.Legacy)]
    [InlineData(ReportTemplate.Unknown)]
    public void Legacy_and_unknown_reports_get_no_table_checks(ReportTemplate template)
    {
        var report = Consistent();
        report.Applications!["granted", ApplicationColumns.Total] = 99;
        report.ReviewsAndLawsuits![ReviewRows.Review, ReviewColumns.Total] = null;
        report.Template = template;
        report.Year = template == ReportTemplate.Legacy ? 2012 : null;

        Assert.Empty(Run(report));
    }

    [Fact]
    public void A_table_with_no_number_at_all_is_not_called_blank_cell_by_cell()
    {
        var report = Consistent();
        foreach (var (path, _) in report.Applications!.Cells()) report.Applications[path] = null;

        // No reader note explains it, so the table was never filled in: one finding for the table.
        var finding = Assert.Single(Run(report));
        Assert.Equal((Rules.T3_Blank, Severity.Error), (finding.Rule, finding.Severity));
        Assert.Contains("not filled in", finding.Message);
    }

    [Fact]
    public void The_published_2023_Hongze_table_four_errors_are_found()
    {
        // Hand-checked answer for a real report: 行政复议 prints 总计 0 against 10 + 1, 复议后起诉 0 against 5.
        var json = File.ReadAllText(Path.Combine(CorpusDir, "binary", "huaian-hongze-2023.pdf.expected.json"));
        var report = Nianbao.Domain.Contract.ReportJson.Deserialize(json);

        var groups = Run(report).Of(Rules.T4_GroupTotal);

        Assert.Equal(2, groups.Count);
        Assert.Equal("行政复议: 总计 is 0 but 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 10 + 1 + 0 + 0 = 11", groups[0].Message);
        Assert.Equal("行政诉讼·复议后起诉: 总计 is 0 but 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 5 + 0 + 0 + 0 = 5", groups[1].Message);
        Assert.Equal(0, report.ReviewsAndLawsuits![ReviewRows.Review, ReviewColumns.Total]);
    }

    internal static string CorpusDir
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "corpus");
                if (Directory.Exists(candidate)) return candidate;
            }
            return "/work/shared/corpus";
        }
    }
}
