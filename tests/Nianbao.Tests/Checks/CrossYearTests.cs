using Nianbao.Checks;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Templates;
using static Nianbao.Tests.Checks.CheckReports;

namespace Nianbao.Tests.Checks;

public class CrossYearTests
{
    /// <summary>Next year's report of the same agency: carries over last year's 2, numbers moved on.</summary>
    private static (ReportDraft Previous, ReportDraft Current) TwoYears()
    {
        var previous = Consistent(year: 2022);
        var current = Consistent(year: 2023);
        // Same carry-over (2 → 2), new numbers elsewhere so that nothing looks copied.
        current.ReviewsAndLawsuits![ReviewRows.Review, ReviewColumns.Upheld] = 2;
        current.ReviewsAndLawsuits[ReviewRows.Review, ReviewColumns.Total] = 3;
        // 现行有效 10 + 制发 2 − 废止 1 = 11.
        current.ActiveDisclosure!["normativeDocuments", "inForce"] = 11;
        current.Sections[4] = current.Sections[4] with { Text = "一是政策解读不够深入。下一步将丰富解读形式。" };
        return (previous, current);
    }

    [Fact]
    public void Consecutive_consistent_reports_have_no_findings()
    {
        var (previous, current) = TwoYears();

        Assert.Empty(Compare(previous, current));
    }

    [Fact]
    public void T3_5_carried_over_must_equal_last_years_carried_forward()
    {
        var (previous, current) = TwoYears();
        previous.Applications![ApplicationRows.CarriedForward, ApplicationColumns.NaturalPerson] = 4;

        var finding = Assert.Single(Compare(previous, current));

        Assert.Equal(Rules.T3_CarryOver, finding.Rule);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("自然人: 二、上年结转 is 2 in 2023 but last year's report (2022) carried 4 forward (四、结转下年度继续办理)", finding.Message);
        Assert.Equal([App(ApplicationRows.CarriedOver, ApplicationColumns.NaturalPerson), App(ApplicationRows.CarriedForward, ApplicationColumns.NaturalPerson)], finding.Cells);
    }

    [Fact]
    public void T2_1_documents_in_force_move_by_issued_minus_repealed()
    {
        var (previous, current) = TwoYears();
        current.ActiveDisclosure!["normativeDocuments", "inForce"] = 15;

        var finding = Assert.Single(Compare(previous, current));

        Assert.Equal(Rules.T2_StockFlow, finding.Rule);
        Assert.StartsWith("行政规范性文件: 现行有效 is 15 but last year's 10 + 本年制发 2 − 本年废止 1 = 11", finding.Message);
    }

    [Fact]
    public void T2_1_is_not_asked_across_the_change_of_format()
    {
        var previous = Consistent(ReportTemplate.Format2019, 2020);
        var current = Consistent(ReportTemplate.Format2021, 2021);
        current.ReviewsAndLawsuits![ReviewRows.Review, ReviewColumns.Upheld] = 2;
        current.ReviewsAndLawsuits[ReviewRows.Review, ReviewColumns.Total] = 3;
        ReplaceSection(current, 5, "新的问题。");

        Assert.Empty(Compare(previous, current));
    }

    [Fact]
    public void T2_4_items_move_by_last_years_change_in_the_2019_format()
    {
        // 行政许可: 4 items last year and −1 → 3 this year.
        var previous = Consistent(ReportTemplate.Format2019, 2019);
        var current = Consistent(ReportTemplate.Format2019, 2020);
        current.ActiveDisclosure!["licensing", "previousItems"] = 3;
        current.ReviewsAndLawsuits![ReviewRows.Review, ReviewColumns.Upheld] = 2;
        current.ReviewsAndLawsuits[ReviewRows.Review, ReviewColumns.Total] = 3;
        ReplaceSection(current, 5, "新的问题。");
        Assert.Empty(Compare(previous, current));

        current.ActiveDisclosure["licensing", "previousItems"] = 4;
        var finding = Assert.Single(Compare(previous, current));

        Assert.Equal(Rules.T2_ItemsCarryOver, finding.Rule);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.StartsWith("行政许可: 上一年项目数量 is 4 in 2020 but last year's report (2019) had 4 and 本年增/减 -1, which make 3", finding.Message);
        Assert.Contains(new CellPath(TableKind.ActiveDisclosure, "licensing", "previousItems"), finding.Cells);
    }

    [Fact]
    public void Pairs_are_the_same_agency_in_consecutive_years_and_never_a_guess()
    {
        var a2021 = Consistent(year: 2021, agency: "甲乡人民政府").Publish();
        var a2022 = Consistent(year: 2022, agency: "甲乡人民政府 ").Publish();
        var a2024 = Consistent(year: 2024, agency: "甲乡人民政府").Publish();
        var b2022 = Consistent(year: 2022, agency: "乙乡人民政府").Publish();
        var b2023 = Consistent(year: 2023, agency: "乙乡人民政府").Publish();
        var b2023Again = Consistent(year: 2023, agency: "乙乡人民政府").Publish();

        var pairs = CrossYearChecks.ConsecutivePairs([a2024, b2023, a2022, b2022, a2021]).ToList();
        Assert.Equal(2, pairs.Count);
        Assert.Contains(pairs, p => ReferenceEquals(p.Previous, a2021) && ReferenceEquals(p.Current, a2022));
        Assert.Contains(pairs, p => ReferenceEquals(p.Previous, b2022) && ReferenceEquals(p.Current, b2023));

        // Two reports for 乙乡 2023: which one follows 2022 is not guessed.
        Assert.DoesNotContain(CrossYearChecks.ConsecutivePairs([b2022, b2023, b2023Again]), p => p.Previous == b2022);
    }

    [Fact]
    public void D_1_every_number_the_same_as_last_year()
    {
        var previous = Consistent(year: 2022);
        var current = Consistent(year: 2023);
        ReplaceSection(current, 5, "新的问题。");

        var findings = Compare(previous, current);

        // 现行有效 standing still while 2 were issued and 1 repealed is a finding of its own (T2-1).
        Assert.Equal([Rules.T2_StockFlow, Rules.SameAsLastYear], findings.Select(f => f.Rule));
        var finding = findings[1];
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("identical to last year's report (2022)", finding.Message);
        Assert.Contains(App(ApplicationRows.Received, ApplicationColumns.Total), finding.Cells);
    }

    [Fact]
    public void D_1_repeated_zeros_are_not_a_copy()
    {
        var previous = Consistent(year: 2022);
        foreach (var table in previous.Tables)
            foreach (var (path, _) in table.Cells()) table[path] = 0;
        var current = Consistent(year: 2023);
        foreach (var table in current.Tables)
            foreach (var (path, _) in table.Cells()) table[path] = 0;
        ReplaceSection(current, 5, "新的问题。");

        Assert.Empty(Compare(previous, current));
    }

    [Fact]
    public void S_3_section_five_repeated_word_for_word()
    {
        var (previous, current) = TwoYears();
        ReplaceSection(current, 5, previous.Sections[4].Text);

        var finding = Assert.Single(Compare(previous, current));

        Assert.Equal(Rules.EmptyProblems, finding.Rule);
    }

    [Fact]
    public void Only_consecutive_years_are_compared()
    {
        Assert.Throws<ArgumentException>(() => Compare(Consistent(year: 2021), Consistent(year: 2023)));
    }
}
