using System.Globalization;
using System.Text;
using Dapper;
using Nianbao.Archive.Import;
using Nianbao.Domain;
using Nianbao.Pipeline;
using Nianbao.Synthetic;

namespace Nianbao.Archive.Tests;

/// <summary>Storage and import, each test on SQLite and on PostgreSQL.</summary>
public class ImportTests
{
    private static readonly string[] Names = ["东山", "西山", "南山", "北山", "东湖", "西湖", "南湖", "北湖", "东岭", "西岭", "南岭", "北岭", "东坡", "西坡", "南坡", "北坡"];

    private static ArchiveImporter Importer(ArchiveStore store) => new(store, ReportPipeline.Default);

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void Schema_is_created_on_an_empty_database_and_opening_again_changes_nothing(string provider)
    {
        using var archive = TestArchive.Create(provider);
        int scripts;
        using (var store = archive.Open())
            scripts = store.Connection.ExecuteScalar<int>(provider == "sqlite" ? "SELECT COUNT(*) FROM SchemaVersions" : "SELECT COUNT(*) FROM schemaversions");
        Assert.True(scripts >= 1);
        using (var store = archive.Open())
        {
            Assert.Equal(scripts, store.Connection.ExecuteScalar<int>(provider == "sqlite" ? "SELECT COUNT(*) FROM SchemaVersions" : "SELECT COUNT(*) FROM schemaversions"));
            Assert.Equal(0, store.CountReports());
        }
    }

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void Every_cell_is_stored_with_its_value_status_and_provenance(string provider)
    {
        using var archive = TestArchive.Create(provider);
        // Distinct agency-years so that every report stays current.
        var cases = CorpusFactory.Cases(16, seed: 11).Select((c, i) =>
        {
            var g = ReportGenerator.Rebuild(c.Report, r => { r.Agency = $"{Names[i]}镇人民政府"; }, keepAlterations: true);
            var rendered = TextShapes.Render(g, c.Shape, i);
            return (Case: c with { Report = g }, Path: archive.WriteFile($"in/{i:D2}-{rendered.FileName}", rendered.Bytes));
        }).ToList();
        using var store = archive.Open();
        var summary = Importer(store).Run([Path.Combine(archive.Folder, "in")]);
        Assert.Equal(cases.Count, summary.Results.Count);
        Assert.All(summary.Results, r => Assert.Contains(r.Outcome, new[] { InputOutcome.Imported, InputOutcome.ImportedWithFindings }));

        foreach (var (c, path) in cases)
        {
            var result = summary.Results.Single(r => r.Input == path);
            var stored = store.Cells(result.ReportId!).ToDictionary(x => x.Path);
            var truth = c.Report.Truth;
            var read = ReportPipeline.Default.ReadFile(path);
            var schemaCells = truth.Tables.SelectMany(t => t.Schema.Cells()).ToList();
            Assert.Equal(schemaCells.Count, stored.Count);
            foreach (var cell in schemaCells)
            {
                var row = stored[cell.ToString()];
                // What the archive holds is what the reader read …
                Assert.Equal(read[cell], row.Value);
                Assert.Equal(row.Value is not null, row.Status == CellStatus.Value);
                // … and a number it holds is the generator's number, at a place in the document that prints it.
                if (row.Value is { } v)
                {
                    Assert.Equal(truth[cell], v);
                    Assert.NotNull(row.SrcText);
                    if (row.Confidence == "exact") Assert.Contains(ReportGenerator.Format(v), row.SrcText!.Replace(",", "", StringComparison.Ordinal), StringComparison.Ordinal);
                }
            }
            var entry = store.FindReport(result.ReportId!)!;
            Assert.Equal(truth.Year, entry.Year);
            Assert.Equal(truth.Agency, entry.Agency);
            Assert.True(entry.IsCurrent);
            Assert.Equal(read.Findings.Count, store.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM findings WHERE report_id = @id", new { id = entry.Id }));
        }
    }

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void Every_input_gets_an_outcome_and_the_tally_adds_up_to_the_inputs(string provider)
    {
        using var archive = TestArchive.Create(provider);
        var clean = Series.Generate("甲县人民政府", 2022, 1);
        // A published total changed after the fact: the reader keeps it, a check finds it.
        var withWrongTotal = ReportGenerator.Rebuild(
            ReportGenerator.Generate(new GenerationSpec(2, ReportTemplate.Format2021, NumberScale.Mixed, Inconsistent: true)), r => r.Agency = "乙县人民政府");
        Assert.NotEmpty(withWrongTotal.Alterations);
        var a = archive.WriteFile("in/a.txt", Series.Print(clean, new DateOnly(2023, 1, 15)));
        var b = archive.WriteFile("in/b.txt", Series.Print(withWrongTotal, new DateOnly(2023, 1, 15)));
        var copy = archive.WriteFile("in/copy-of-a.txt", File.ReadAllBytes(a));
        var notice = archive.WriteFile("in/notice.txt", Encoding.UTF8.GetBytes("关于召开年度工作会议的通知\n各科室：定于下周一上午九点在三楼会议室召开会议，请准时参加。\n"));
        var broken = archive.WriteFile("in/broken.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntruncated"));
        var missing = Path.Combine(archive.Folder, "no-such-file.txt");

        using var store = archive.Open();
        var first = Importer(store).Run([Path.Combine(archive.Folder, "in"), missing]);
        Assert.Equal(6, first.Results.Count);
        Assert.Equal(6, Enum.GetValues<InputOutcome>().Sum(first.Count));
        InputOutcome Outcome(ImportSummary s, string path) => s.Results.Single(r => r.Input == path).Outcome;
        Assert.Equal(InputOutcome.Imported, Outcome(first, a));
        Assert.Equal(InputOutcome.ImportedWithFindings, Outcome(first, b));
        Assert.Equal(InputOutcome.AlreadyPresent, Outcome(first, copy));
        Assert.Equal(InputOutcome.NotAReport, Outcome(first, notice));
        Assert.Equal(InputOutcome.Failed, Outcome(first, broken));
        Assert.Equal(InputOutcome.Failed, Outcome(first, missing));
        Assert.Contains("broken.pdf", first.Results.Single(r => r.Input == broken).Reason);
        Assert.Contains("no-such-file.txt", first.Results.Single(r => r.Input == missing).Reason);
        Assert.Equal(2, store.CountReports());
        Assert.True(store.FindReport(first.Results.Single(r => r.Input == b).ReportId!)!.Errors > 0);

        // The same import again: nothing new, every input still accounted for.
        var second = Importer(store).Run([Path.Combine(archive.Folder, "in"), missing]);
        Assert.Equal(6, second.Results.Count);
        Assert.Equal(3, second.Count(InputOutcome.AlreadyPresent));
        Assert.Equal(InputOutcome.NotAReport, Outcome(second, notice));
        Assert.Equal(2, second.Count(InputOutcome.Failed));
        Assert.Equal(2, store.CountReports());
        // Both runs are recorded, and the standing outcome of each input is the first run's.
        Assert.Equal(12, store.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM import_inputs"));
        Assert.Equal("imported", store.Connection.ExecuteScalar<string>("SELECT outcome FROM inputs WHERE input = @a", new { a }));
    }

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void A_newer_file_for_the_same_agency_and_year_becomes_current_and_the_old_one_stays_as_history(string provider)
    {
        using var archive = TestArchive.Create(provider);
        var first = Series.Generate("丙镇人民政府", 2023, 3);
        var corrected = ReportGenerator.Rebuild(first, r => r.Applications!["granted", "naturalPerson"] = (r.Applications["granted", "naturalPerson"] ?? 0) + 7);
        var v1 = archive.WriteFile("v1.txt", Series.Print(first, new DateOnly(2024, 1, 10)));
        var v2 = archive.WriteFile("v2.txt", Series.Print(corrected, new DateOnly(2024, 1, 20)));
        using var store = archive.Open();
        var id1 = Importer(store).Run([v1]).Results.Single().ReportId!;
        var id2 = Importer(store).Run([v2]).Results.Single().ReportId!;

        var history = store.History("丙镇人民政府", 2023);
        Assert.Equal([id2, id1], history.Select(h => h.Id));
        Assert.True(history[0].IsCurrent);
        Assert.False(history[1].IsCurrent);
        Assert.Equal(id2, history[1].SupersededBy);
        Assert.Equal(id2, store.CurrentReport("丙镇 人民政府", 2023)!.Id);
        Assert.Equal([id2], store.ListReports().Select(r => r.Id));
        Assert.Equal(2, store.ListReports(new ReportFilter { IncludeHistory = true }).Count);
        var granted = "applications.granted.naturalPerson";
        Assert.Equal(corrected.Truth.Applications!["granted", "naturalPerson"], store.Cells(id2).Single(c => c.Path == granted).Value);
        Assert.Equal(first.Truth.Applications!["granted", "naturalPerson"], store.Cells(id1).Single(c => c.Path == granted).Value);
    }

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void Filters_select_reports_by_agency_year_region_and_rule(string provider)
    {
        using var archive = TestArchive.Create(provider);
        var paths = new[]
        {
            archive.WriteFile("1.txt", Series.Print(Series.Generate("丁县人民政府", 2021, 4), null)),
            archive.WriteFile("2.txt", Series.Print(Series.Generate("丁县人民政府", 2022, 5), null)),
            archive.WriteFile("3.txt", Series.Print(Series.Generate("戊县人民政府", 2022, 6), null)),
        };
        using var store = archive.Open();
        Importer(store).Run(paths);
        store.UpsertRegions([new RegionEntry("410000000000", "河南省", "province", null), new RegionEntry("411500000000", "信阳市", "city", "410000000000"), new RegionEntry("411523000000", "新县", "county", "411500000000")]);
        var ding = store.FindAgencyId("丁县人民政府")!;
        Assert.True(store.SetPlacement(ding, new Placement(PlacementStatuses.Placed, "411523000000", "county", "government", null, "test")));

        Assert.Equal(2, store.ListReports(new ReportFilter { Agency = "丁县" }).Count);
        Assert.Equal(2, store.ListReports(new ReportFilter { Year = 2022 }).Count);
        Assert.Single(store.ListReports(new ReportFilter { Agency = "丁县", Year = 2021 }));
        Assert.Equal(2, store.ListReports(new ReportFilter { Region = "410000000000" }).Count);
        Assert.Equal(2, store.ListReports(new ReportFilter { Region = "信阳市" }).Count);
        Assert.Empty(store.ListReports(new ReportFilter { Region = "420000000000" }));
        Assert.Equal(2, store.Cells(new ReportFilter { Region = "411523" }, "applications.").Select(c => c.ReportId).Distinct().Count());
        // A user's pin wins over automatic placement.
        Assert.True(store.SetPlacement(ding, new Placement(PlacementStatuses.Placed, "411500000000", "city", "government", null, "user"), pinned: true));
        Assert.False(store.SetPlacement(ding, new Placement(PlacementStatuses.Unplaced, null, null, null, null, "auto")));
        Assert.Equal("411500000000", store.Agency(ding)!.RegionCode);
    }

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void Merging_two_names_of_one_agency_makes_their_reports_versions_and_series_of_one_agency(string provider)
    {
        using var archive = TestArchive.Create(provider);
        // Names the regions library cannot unify by itself (青山镇 is in many counties, so neither is
        // placed); 沭阳县政府 / 沭阳县人民政府 are placed alike and become one agency at import.
        var y2022 = Series.Generate("青山镇人民政府", 2022, 8);
        var y2023 = Series.Next(y2022, 9, r => r.Agency = "青山镇政府");
        var a = archive.WriteFile("a.txt", Series.Print(y2022, null));
        var b = archive.WriteFile("b.txt", Series.Print(y2023, null));
        using var store = archive.Open();
        Importer(store).Run([a, b]);
        Assert.Equal(2, store.Agencies().Count);
        Assert.Empty(store.AllCrossFindings());
        var main = store.FindAgencyId("青山镇人民政府")!;
        store.MergeAgencies(store.FindAgencyId("青山镇政府")!, main);
        Assert.Single(store.Agencies());
        Assert.Equal(main, store.FindAgencyId("青山镇政府"));
        Assert.Equal(2, store.ListReports(new ReportFilter { Agency = main }).Count);
        Assert.Contains("青山镇政府", store.NameVariants(main));
        // Now a series: the generated years agree (no finding), but they were compared: copied-table check ran.
        Assert.Equal(store.CurrentReport(main, 2023)!.Id, store.CurrentReport("青山镇政府", 2023)!.Id);
    }

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void Reparse_reads_stored_originals_again_and_names_the_cells_that_changed(string provider)
    {
        using var archive = TestArchive.Create(provider);
        var paths = Enumerable.Range(0, 3).Select(i => archive.WriteFile($"{i}.txt", Series.Print(Series.Generate($"己{i}乡人民政府", 2022, 20 + i), null))).ToArray();
        using var store = archive.Open();
        var ids = Importer(store).Run(paths).Results.Select(r => r.ReportId!).ToList();
        var before = ArchiveDump.Of(store);
        // As if an older reader had read one cell differently.
        const string path = "applications.received.total";
        var truth = store.Cells(ids[1]).Single(c => c.Path == path).Value!.Value;
        store.Connection.Execute("UPDATE cells SET value = 999999, value_text = '999999' WHERE report_id = @id AND path = @path", new { id = ids[1], path });

        var results = new Reparser(store, ReportPipeline.Default).Run(new ReportFilter { IncludeHistory = true }).ToList();
        Assert.Equal(3, results.Count);
        var changed = Assert.Single(results, r => r.Changed);
        Assert.Equal(ids[1], changed.Report.Id);
        var change = Assert.Single(changed.Changes);
        Assert.Equal(path, change.Path);
        Assert.Equal("999999", change.Before);
        Assert.Equal(truth.ToString(CultureInfo.InvariantCulture), change.After);
        ArchiveDump.Equal(before, ArchiveDump.Of(store));
    }
}
