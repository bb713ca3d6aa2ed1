using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Recognition;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Corpus;

/// <summary>The five seed reports (checked by hand: all their printed numbers are 0).</summary>
public class SeedTests
{
    public static TheoryData<string, string, int, string> Seeds => new()
    {
        { "000_3ec678314bae42e2.txt", "泗店乡", 2022, "2021" },
        { "001_5daa97a268f909c6.txt", "大寨乡人民政府", 2022, "2021" },
        { "002_3b18a393dc797b1b.txt", "睢县白楼乡人民政府", 2021, "2021" },
        { "003_145320c53f53a7db.txt", "梁园区水池铺乡人民政府", 2020, "2019" },
        { "004_bf7841e87940ab5e.txt", "封丘县居厢镇人民政府", 2022, "2021" },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Metadata_template_and_six_sections(string file, string agency, int year, string template)
    {
        var report = ReportPipeline.Default.ReadFile(TestPaths.RequireSharedFile("seeds", file));
        Assert.Equal(agency, report.Agency);
        Assert.Equal(year, report.Year);
        Assert.Equal(template, report.Template.ToContractName());
        Assert.Equal([1, 2, 3, 4, 5, 6], report.Sections.Select(s => s.Number));
        Assert.All(report.Sections, s => Assert.False(string.IsNullOrWhiteSpace(s.Text)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_cell_is_zero_as_printed_or_null_with_a_finding(string file, string agency, int year, string template)
    {
        _ = (agency, year, template);
        var report = ReportPipeline.Default.ReadFile(TestPaths.RequireSharedFile("seeds", file));
        Assert.NotNull(report.ActiveDisclosure);
        Assert.NotNull(report.Applications);
        Assert.NotNull(report.ReviewsAndLawsuits);
        var flagged = report.Findings.Where(f => f.Rule is Rules.LostCells or Rules.AmbiguousDigits).SelectMany(f => f.Cells).ToHashSet();
        foreach (var table in report.Tables)
        foreach (var (path, value) in table.Cells())
        {
            if (value is null) Assert.Contains(path, flagged);
            else Assert.Equal(0m, value);
        }
    }

    [Fact]
    public void Seed_004_rows_that_lost_a_cell_put_no_value_in_any_column()
    {
        // "(一) 予以公开 ⇥⇥0⇥0⇥0⇥0⇥0⇥0" prints six zeros for seven columns: which one was lost cannot be known.
        var report = ReportPipeline.Default.ReadFile(TestPaths.RequireSharedFile("seeds", "004_bf7841e87940ab5e.txt"));
        foreach (var field in new[] { "naturalPerson", "commercial", "total" })
            Assert.Null(report[new CellPath(TableKind.Applications, "granted", field)]);
        // Rows that kept all seven cells are read.
        Assert.Equal(0m, report[CellPath.Parse("applications.received.naturalPerson")]);
        Assert.Equal(0m, report[CellPath.Parse("applications.carriedForward.total")]);
        Assert.Contains(report.Findings, f => f.Rule == Rules.LostCells && f.Cells.Contains(CellPath.Parse("applications.granted.total")));
    }

    [Fact]
    public void Seed_002_row_with_five_of_seven_cells_is_left_empty()
    {
        var report = ReportPipeline.Default.ReadFile(TestPaths.RequireSharedFile("seeds", "002_3b18a393dc797b1b.txt"));
        Assert.All(report.Applications!.Schema.Row("withheldStateSecret")!.Fields,
            f => Assert.Null(report.Applications["withheldStateSecret", f.Key]));
        Assert.Equal(0m, report[CellPath.Parse("applications.withheldProhibitedByLaw.total")]);
    }

    [Fact]
    public void Seed_000_Kangxi_radicals_are_read_as_ordinary_characters()
    {
        var report = ReportPipeline.Default.ReadFile(TestPaths.RequireSharedFile("seeds", "000_3ec678314bae42e2.txt"));
        Assert.Equal("总体情况", report.Sections[0].Title);
        Assert.Contains("政府信息公开工作", report.Sections[0].Text);
        Assert.DoesNotContain(report.Sections[0].Text, c => c >= '\u2F00' && c <= '\u2FDF');
    }
}
