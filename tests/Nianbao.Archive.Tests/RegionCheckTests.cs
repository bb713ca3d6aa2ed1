using System.Globalization;
using Nianbao.Archive.Import;
using Nianbao.Domain;
using Nianbao.Pipeline;
using Nianbao.Synthetic;

namespace Nianbao.Archive.Tests;

/// <summary>
/// Rule A-2: a county's whole-county report (全县) archived beside its departments' and townships'
/// reports is compared with their sum — a warning naming the cells and both numbers, gone when a
/// corrected version arrives; a report that claims nothing, or agencies' numbers that add up, give none.
/// </summary>
public class RegionCheckTests
{
    private const string County = "411523000000";

    private static GeneratedReport Agency(string name, int seed) => Series.Generate(name, 2023, seed);

    /// <summary>The county's report: every cell the sum of <paramref name="parts"/>, saying it covers the whole county.</summary>
    private static GeneratedReport Whole(IReadOnlyList<GeneratedReport> parts, int seed, string claim)
    {
        var g = Series.Generate("新县人民政府", 2023, seed);
        g = ReportGenerator.Rebuild(g, r =>
        {
            foreach (var table in r.Tables)
            foreach (var (path, _) in table.Cells().ToList())
                table[path] = parts.Sum(p => p.Truth[path]!.Value);
            var one = r.Sections.FindIndex(s => s.Number == 1);
            r.Sections[one] = r.Sections[one] with { Text = claim + r.Sections[one].Text };
        }, keepAlterations: false);
        return g;
    }

    private static GeneratedReport WithCell(GeneratedReport g, CellPath path, decimal value)
    {
        var draft = g.Truth.ToDraft();
        draft.Applications![path.Row, path.Field] = value;
        return g with { Truth = draft.Publish() };
    }

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void A_whole_county_report_that_does_not_add_up_to_its_agencies_is_a_warning_naming_cells_and_numbers(string provider)
    {
        var parts = new[] { Agency("新县教育局", 31), Agency("新县财政局", 32), Agency("新县泗店乡人民政府", 33) };
        var whole = Whole(parts, 34, "本报告汇总全县各行政机关政府信息公开工作情况。");
        var received = CellPath.Parse("applications.received.naturalPerson");
        var sum = parts.Sum(p => p.Truth[received]!.Value);
        var wrong = WithCell(whole, received, sum + 5);

        using var archive = TestArchive.Create(provider);
        var files = parts.Select((p, i) => archive.WriteFile($"in/part{i}.txt", Series.Print(p, null))).ToList();
        files.Add(archive.WriteFile("in/whole.txt", Series.Print(wrong, null)));
        using var store = archive.Open();
        var importer = new ArchiveImporter(store, ReportPipeline.Default);
        importer.Run(files);
        // Placed by hand (pinned): placing an agency compares its region's summary again.
        Place(store, "新县人民政府", County, "county", "government");
        Place(store, "新县教育局", County, "county", "department");
        Place(store, "新县财政局", County, "county", "department");
        Place(store, "新县泗店乡人民政府", "411523105000", "township", "township");

        var id = store.CurrentReport("新县人民政府", 2023)!.Id;
        var findings = store.CrossFindings(id).Where(f => f.Rule == RegionChecks.Rule).ToList();
        var finding = Assert.Single(findings);
        Assert.Equal("warning", finding.Severity);
        Assert.Equal("region:" + County, finding.NeighbourId);
        Assert.Equal([received.ToString()], finding.Cells.Split(' '));
        Assert.Contains($"{received} {(sum + 5).ToString(CultureInfo.InvariantCulture)} ≠ {sum.ToString(CultureInfo.InvariantCulture)}", finding.Message);
        Assert.Contains("3 份机关报告", finding.Message);
        Assert.Contains("表三", finding.Message);
        // The agencies' own reports carry no such finding.
        foreach (var p in parts)
            Assert.DoesNotContain(store.CrossFindings(store.CurrentReport(p.Truth.Agency!, 2023)!.Id), f => f.Rule == RegionChecks.Rule && f.ReportId != id);

        // A corrected version becomes current: its numbers add up, the warning goes.
        importer.Run([archive.WriteFile("in/whole-corrected.txt", Series.Print(whole, null))]);
        var corrected = store.CurrentReport("新县人民政府", 2023)!.Id;
        Assert.NotEqual(id, corrected);
        Assert.DoesNotContain(store.CrossFindings(corrected), f => f.Rule == RegionChecks.Rule);
        Assert.DoesNotContain(store.AllCrossFindings(), f => f.Rule == RegionChecks.Rule);
    }

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void A_government_report_that_does_not_claim_its_whole_region_is_not_compared(string provider)
    {
        var parts = new[] { Agency("新县教育局", 41), Agency("新县财政局", 42) };
        // The government's own numbers, nothing like its departments' sum, and no word of the whole county.
        var own = Series.Generate("新县人民政府", 2023, 43);
        Assert.False(RegionChecks.ClaimsWholeRegion(own.Truth));
        using var archive = TestArchive.Create(provider);
        var files = parts.Select((p, i) => archive.WriteFile($"in/part{i}.txt", Series.Print(p, null))).Append(archive.WriteFile("in/own.txt", Series.Print(own, null))).ToList();
        using var store = archive.Open();
        new ArchiveImporter(store, ReportPipeline.Default).Run(files);
        Place(store, "新县人民政府", County, "county", "government");
        Place(store, "新县教育局", County, "county", "department");
        Place(store, "新县财政局", County, "county", "department");
        Assert.DoesNotContain(store.AllCrossFindings(), f => f.Rule == RegionChecks.Rule);
    }

    private static void Place(ArchiveStore store, string name, string code, string level, string kind)
    {
        var id = store.FindAgencyId(name) ?? throw new InvalidOperationException($"{name} is not in the archive");
        store.SetPlacement(id, new Placement(PlacementStatuses.Placed, code, level, kind, null, null), pinned: true);
    }
}
