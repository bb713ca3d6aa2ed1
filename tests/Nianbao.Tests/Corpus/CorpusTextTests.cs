using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Recognition;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Corpus;

/// <summary>The real text reports of shared/corpus read exactly as their hand-checked answers.</summary>
public class CorpusTextTests
{
    public static TheoryData<string> Files => new()
    {
        "pingtan-2019.txt",
        "pingtan-2021.txt",
        "shanghai-kewei-2024.md",
        "pingtan-county-2012-legacy.txt",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Reads_every_cell_as_the_expected_answer(string file)
    {
        var path = TestPaths.RequireSharedFile("corpus", file);
        var report = ReportPipeline.Default.ReadFile(path);
        var diffs = ExpectedAnswer.Differences(report, path + ".expected.json");
        Assert.True(diffs.Count == 0, string.Join("\n", diffs));
    }

    [Fact]
    public void Ambiguous_digit_runs_are_null_with_a_finding_listing_the_readings()
    {
        // 行政规范性文件693665: three cells, ten readings; none may be picked.
        var report = ReportPipeline.Default.ReadFile(TestPaths.RequireSharedFile("corpus", "pingtan-2021.txt"));
        var path = CellPath.Parse("activeDisclosure.normativeDocuments.issued");
        Assert.Null(report[path]);
        var finding = Assert.Single(report.Findings, f => f.Rule == Rules.AmbiguousDigits && f.Cells.Contains(path));
        Assert.NotNull(finding.Candidates);
        Assert.Contains("6 9 3665", finding.Candidates!);
        Assert.Contains("69 366 5", finding.Candidates!);
    }

    [Fact]
    public void Run_together_rows_are_split_by_the_row_total_and_point_at_their_digits()
    {
        // "一、本年新收政府信息公开申请数量640020470" is 64, 0, 0, 2, 0, 4, 70.
        var path = TestPaths.RequireSharedFile("corpus", "pingtan-2021.txt");
        var report = ReportPipeline.Default.ReadFile(path);
        var cell = CellPath.Parse("applications.received.naturalPerson");
        Assert.Equal(64m, report[cell]);
        var source = report.Provenance[cell];
        var document = Nianbao.Documents.DocumentReaders.Default.ReadFile(path);
        Assert.Equal("64", document.Text.Value.Substring(source.Start, source.Length));
        Assert.Equal(ReadingConfidence.SolvedByArithmetic, source.Confidence);
        Assert.Equal("640020470", document.Text.Value.Substring(source.Start, 9));
    }

    [Fact]
    public void A_pre_2019_report_is_legacy_without_national_tables()
    {
        var report = ReportPipeline.Default.ReadFile(TestPaths.RequireSharedFile("corpus", "pingtan-county-2012-legacy.txt"));
        Assert.Equal(ReportTemplate.Legacy, report.Template);
        Assert.Null(report.Applications);
        Assert.Null(report.ReviewsAndLawsuits);
    }

    [Fact]
    public void A_blank_total_stays_null()
    {
        // 市科委 2024 leaves the 结转下年度 总计 cell empty: null, never 0.
        var report = ReportPipeline.Default.ReadFile(TestPaths.RequireSharedFile("corpus", "shanghai-kewei-2024.md"));
        Assert.Null(report[CellPath.Parse("applications.carriedForward.total")]);
        Assert.Equal(1m, report[CellPath.Parse("applications.carriedForward.naturalPerson")]);
    }
}
