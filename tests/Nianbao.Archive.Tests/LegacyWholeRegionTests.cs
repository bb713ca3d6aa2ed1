using System.Text;
using Nianbao.Archive.Import;
using Nianbao.Pipeline;

namespace Nianbao.Archive.Tests;

/// <summary>
/// A pre-2019 report (template legacy: no national tables, so an empty cell vector) whose text says it
/// covers the whole county (全县) is a region-wide report. Comparing it with its agencies has
/// nothing to compare; importing the shared corpus (平潭县 2012) used to end in an unhandled exception
/// after its reports were stored, with no closing tally and the run left unfinished.
/// </summary>
public class LegacyWholeRegionTests
{
    private const string Whole = """
        新县人民政府2012年政府信息公开工作年度报告
        本报告根据《中华人民共和国政府信息公开条例》要求，汇总全县各行政机关政府信息公开工作情况编制。
        一、概述
        2012年全县政府信息公开工作稳步推进。
        二、主动公开政府信息情况
        2012年主动公开政府信息2026条。
        三、依申请公开政府信息情况
        2012年全县共收到政府信息公开申请21条，均已按时答复。
        四、政府信息公开的收费及减免情况
        未收取任何费用。
        五、因政府信息公开申请行政复议、提起行政诉讼的情况
        未发生行政复议和行政诉讼。
        六、政府信息公开工作存在的主要问题及改进情况
        宣传力度还不够。
        新县人民政府
        2013年1月16日
        """;

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void A_legacy_report_claiming_its_whole_county_imports_and_is_compared_with_nothing(string provider)
    {
        using var archive = TestArchive.Create(provider);
        var whole = archive.WriteFile("in/whole-2012.txt", Encoding.UTF8.GetBytes(Whole));
        // An agency of the same county and year, with tables, so that there is something below it.
        var part = archive.WriteFile("in/part-2012.txt", Series.Print(Series.Generate("新县教育局", 2012, 51), null));
        using var store = archive.Open();

        var summary = new ArchiveImporter(store, ReportPipeline.Default).Run([whole, part]);

        Assert.Equal(2, summary.Results.Count);
        var report = store.CurrentReport("新县人民政府", 2012);
        Assert.NotNull(report);
        Assert.Equal("legacy", report.Template);
        Assert.DoesNotContain(store.AllCrossFindings(), f => f.Rule == RegionChecks.Rule);
        // Placing the agencies by hand compares the region again: still nothing, and no exception.
        foreach (var (name, kind) in new[] { ("新县人民政府", "government"), ("新县教育局", "department") })
            store.SetPlacement(store.FindAgencyId(name)!, new Placement(PlacementStatuses.Placed, "411523000000", "county", kind, null, null), pinned: true);
        Assert.DoesNotContain(store.AllCrossFindings(), f => f.Rule == RegionChecks.Rule);
    }

    [Fact]
    public void An_empty_cell_vector_is_read_as_no_cells()
    {
        var visited = 0;
        Assert.True(CellVector.Read("", (_, _, _, _, _) => visited++));
        Assert.Equal(0, visited);
    }
}
