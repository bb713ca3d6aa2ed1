using System.Text;
using Dapper;
using Nianbao.Archive.Import;
using Nianbao.Domain;
using Nianbao.Domain.Templates;
using Nianbao.Pipeline;
using Nianbao.Synthetic;

namespace Nianbao.Archive.Tests;

/// <summary>Checks across reports run as neighbouring years arrive, in either order.</summary>
public class CrossReportTests
{
    private sealed record Planted(GeneratedReport Report, DateOnly Published);

    /// <summary>
    /// Four agencies over three years: one clean series; one with a carry-over mismatch (2022, one
    /// column) and a stock-flow break (2023); one whose 2023 report copies 2022 (tables and section 五);
    /// one published late.
    /// </summary>
    private static List<Planted> Plant()
    {
        var list = new List<Planted>();
        void Add(GeneratedReport r, DateOnly? published = null) => list.Add(new Planted(r, published ?? new DateOnly(r.Truth.Year!.Value + 1, 1, 20)));

        var clean = Series.Generate("青山县人民政府", 2021, 101);
        var clean2 = Series.Next(clean, 102);
        Add(clean); Add(clean2); Add(Series.Next(clean2, 103));

        var broken = Series.Generate("临江市商务局", 2021, 201);
        var broken2 = Series.Next(broken, 202, r =>
        {
            var forward = r.Applications![ApplicationRows.CarriedOver, "naturalPerson"]!.Value + 3;
            r.Applications[ApplicationRows.CarriedOver, "naturalPerson"] = forward;
            r.Applications[ApplicationRows.CarriedForward, "naturalPerson"] = forward;
        });
        var broken3 = Series.Next(broken2, 203, r => r.ActiveDisclosure!["normativeDocuments", "inForce"] += 2);
        Add(broken); Add(broken2); Add(broken3);

        var copier = Series.Generate("石门镇人民政府", 2021, 301);
        var copier2 = Series.Next(copier, 302, r =>
        {
            // Enough non-zero numbers for a copy to count as one.
            r.Applications!["granted", "naturalPerson"] = 12; r.Applications["granted", "commercial"] = 5; r.Applications["partlyGranted", "naturalPerson"] = 4;
        });
        var copier3 = ReportGenerator.Rebuild(copier2, r => r.Year = 2023, keepAlterations: false);
        Add(copier); Add(copier2); Add(copier3);

        var late = Series.Generate("望城区自然资源局", 2022, 401);
        Add(late, new DateOnly(2023, 6, 30));
        return list;
    }

    /// <summary>The findings across years the planted numbers call for, worked out here from the generator's numbers alone.</summary>
    private static SortedSet<string> Expected(List<Planted> planted)
    {
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var now in planted.Select(p => p.Report.Truth))
        {
            var before = planted.Select(p => p.Report.Truth).SingleOrDefault(r => r.Agency == now.Agency && r.Year == now.Year - 1);
            if (before is null) continue;
            var key = $"{now.Agency} {now.Year}";
            foreach (var column in ApplicationColumns.All)
                if (now.Applications![ApplicationRows.CarriedOver, column.Key] != before.Applications![ApplicationRows.CarriedForward, column.Key])
                    expected.Add($"{key} T3-5 applications.carriedOver.{column.Key}");
            foreach (var row in new[] { "regulations", "normativeDocuments" })
                if (now.ActiveDisclosure![row, "inForce"] != before.ActiveDisclosure![row, "inForce"] + now.ActiveDisclosure[row, "issued"] - now.ActiveDisclosure[row, "repealed"])
                    expected.Add($"{key} T2-1 activeDisclosure.{row}.inForce");
            var nowCells = now.Tables.SelectMany(t => t.Cells()).ToList();
            if (nowCells.All(c => before[c.Path] == c.Value) && nowCells.Count(c => c.Value is not null and not 0) >= 3)
                expected.Add($"{key} D-1 {nowCells.First(c => c.Value is not null and not 0).Path}");
            if (now.Sections.Single(s => s.Number == 5).Text == before.Sections.Single(s => s.Number == 5).Text)
                expected.Add($"{key} S-3 ");
        }
        return expected;
    }

    private static SortedSet<string> Stored(ArchiveStore store) =>
        new(store.Connection.Query<(string Agency, int Year, string Rule, string Cells)>("""
                SELECT a.name, r.year, x.rule, x.cells FROM cross_findings x JOIN reports r ON r.id = x.report_id JOIN agencies a ON a.id = r.agency_id
                """).Select(f => $"{f.Agency} {f.Year} {f.Rule} {f.Cells.Split(' ')[0]}"), StringComparer.Ordinal);

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void Every_planted_problem_is_found_whichever_year_arrives_first(string provider)
    {
        var planted = Plant();
        var expected = Expected(planted);
        // The plan really planted something of each kind.
        Assert.Contains(expected, e => e.Contains("T3-5 applications.carriedOver.naturalPerson", StringComparison.Ordinal) && e.StartsWith("临江市商务局 2022", StringComparison.Ordinal));
        Assert.Contains(expected, e => e.StartsWith("临江市商务局 2023 T2-1 activeDisclosure.normativeDocuments", StringComparison.Ordinal));
        Assert.Contains(expected, e => e.StartsWith("石门镇人民政府 2023 D-1", StringComparison.Ordinal));
        Assert.Contains("石门镇人民政府 2023 S-3 ", expected);
        Assert.DoesNotContain(expected, e => e.StartsWith("青山县人民政府", StringComparison.Ordinal));

        using var forward = TestArchive.Create(provider);
        using var backward = forward.Sibling();
        var files = planted.Select((p, i) => forward.WriteFile($"{i:D2}.txt", Series.Print(p.Report, p.Published))).ToList();
        Dictionary<string, List<string>> forwardDump;
        using (var store = forward.Open())
        {
            // One report per import, oldest first.
            foreach (var file in files) new ArchiveImporter(store, ReportPipeline.Default).Run([file]);
            Assert.Equal(expected, Stored(store));
            var late = store.CurrentReport("望城区自然资源局", 2022)!;
            Assert.Contains(store.Findings(late.Id), f => f.Rule == "Y-2");
            Assert.DoesNotContain(store.Findings(store.CurrentReport("青山县人民政府", 2022)!.Id), f => f.Rule == "Y-2");
            forwardDump = ArchiveDump.Of(store);
        }
        using (var store = backward.Open())
        {
            foreach (var file in Enumerable.Reverse(files)) new ArchiveImporter(store, ReportPipeline.Default).Run([file]);
            Assert.Equal(expected, Stored(store));
            var dump = ArchiveDump.Of(store);
            // Same findings, cells and current versions; only the order of arrival differs.
            foreach (var table in new[] { "cells", "findings", "cross_findings", "agencies" })
                Assert.Equal(forwardDump[table], dump[table]);
        }
    }

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void Versions_stored_without_a_digest_get_theirs_from_their_records(string provider)
    {
        var planted = Plant();
        var expected = Expected(planted);
        using var archive = TestArchive.Create(provider);
        var files = planted.Select((p, i) => archive.WriteFile($"{i:D2}.txt", Series.Print(p.Report, p.Published))).ToList();
        using var store = archive.Open();
        // The series' first two years, then their digests gone (an archive written before migration 0096), then the third years.
        new ArchiveImporter(store, ReportPipeline.Default).Run(files.Where((_, i) => i % 3 != 2).ToList());
        store.Connection.Execute("DELETE FROM report_digests");
        new ArchiveImporter(store, ReportPipeline.Default).Run(files.Where((_, i) => i % 3 == 2).ToList());
        Assert.Equal(expected, Stored(store));
        // The 2022 neighbours of the three series had theirs made from their records and written; the late 2022 report was not needed.
        Assert.Equal(3L, store.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM report_digests d JOIN reports r ON r.arrival = d.report_no WHERE r.year = 2022"));
    }

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void A_newer_version_replaces_its_findings_across_years(string provider)
    {
        using var archive = TestArchive.Create(provider);
        var y2021 = Series.Generate("东湖街道办事处", 2021, 501);
        var y2022 = Series.Next(y2021, 502, r => r.Applications![ApplicationRows.CarriedOver, "research"] = 0);
        var fixedY2022 = Series.Next(y2021, 502);
        var mismatch = y2021.Truth.Applications![ApplicationRows.CarriedForward, "research"] != 0;
        var a = archive.WriteFile("2021.txt", Series.Print(y2021, null));
        var b = archive.WriteFile("2022.txt", Series.Print(y2022, null));
        var c = archive.WriteFile("2022-corrected.txt", Series.Print(fixedY2022, null));
        using var store = archive.Open();
        var importer = new ArchiveImporter(store, ReportPipeline.Default);
        importer.Run([a, b]);
        Assert.Equal(mismatch, store.AllCrossFindings().Any(f => f.Rule == "T3-5"));
        importer.Run([c]);
        Assert.DoesNotContain(store.AllCrossFindings(), f => f.Rule == "T3-5");
        Assert.All(store.AllCrossFindings(), f => Assert.Equal(store.CurrentReport("东湖街道办事处", 2022)!.Id, f.ReportId));
    }

    /// <summary>Every cut of the digits into three whole numbers without leading zeros (the test's own count).</summary>
    private static List<(int Issued, int Repealed, int InForce)> Cuts(string digits)
    {
        var cuts = new List<(int, int, int)>();
        for (var i = 1; i < digits.Length - 1; i++)
            for (var j = i + 1; j < digits.Length; j++)
            {
                var parts = new[] { digits[..i], digits[i..j], digits[j..] };
                if (parts.Any(p => p.Length > 1 && p[0] == '0')) continue;
                cuts.Add((int.Parse(parts[0]), int.Parse(parts[1]), int.Parse(parts[2])));
            }
        return cuts;
    }

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void Last_years_report_settles_an_ambiguous_row_only_when_exactly_one_reading_fits(string provider)
    {
        // 8 | 8 | 55698 after last year's 55698 in force: the issue's "8855698".
        var decided2021 = Series.Generate("平潭县人民政府", 2021, 601);
        decided2021 = ReportGenerator.Rebuild(decided2021, r => r.ActiveDisclosure!["regulations", "inForce"] = 55698, keepAlterations: false);
        var decided2022 = Series.Next(decided2021, 602, r => { r.ActiveDisclosure!["regulations", "issued"] = 8; r.ActiveDisclosure["regulations", "repealed"] = 8; r.ActiveDisclosure["regulations", "inForce"] = 55698; });
        Assert.Single(Cuts("8855698"), c => c.InForce == 55698 + c.Issued - c.Repealed);
        // 1 | 1 | 11 and 1 | 11 | 1 both fit last year's 11: merely plausible, so nothing is settled.
        var open2021 = ReportGenerator.Rebuild(Series.Generate("梁园区人民政府", 2021, 701), r => r.ActiveDisclosure!["regulations", "inForce"] = 11, keepAlterations: false);
        var open2022 = Series.Next(open2021, 702, r => { r.ActiveDisclosure!["regulations", "issued"] = 1; r.ActiveDisclosure["regulations", "repealed"] = 1; r.ActiveDisclosure["regulations", "inForce"] = 11; });
        Assert.Equal(2, Cuts("1111").Count(c => c.InForce == 11 + c.Issued - c.Repealed));

        using var archive = TestArchive.Create(provider);
        var files = new[]
        {
            archive.WriteFile("a-2022.txt", Series.PrintRunTogether(decided2022)),
            archive.WriteFile("b-2022.txt", Series.PrintRunTogether(open2022)),
            archive.WriteFile("a-2021.txt", Series.Print(decided2021, null)),
            archive.WriteFile("b-2021.txt", Series.Print(open2021, null)),
        };
        using var store = archive.Open();
        var importer = new ArchiveImporter(store, ReportPipeline.Default);
        // This year's report first: its row is ambiguous on its own.
        importer.Run(files[..2]);
        var decided = store.CurrentReport("平潭县人民政府", 2022)!.Id;
        var open = store.CurrentReport("梁园区人民政府", 2022)!.Id;
        CellEntry Cell(string id, string field) => store.Cells(id).Single(c => c.Path == $"activeDisclosure.regulations.{field}");
        Assert.Equal(CellStatus.Ambiguous, Cell(decided, "inForce").Status);
        Assert.Null(Cell(decided, "inForce").Value);
        Assert.Equal(CellStatus.Ambiguous, Cell(open, "inForce").Status);

        importer.Run(files[2..]);
        var previous = store.CurrentReport("平潭县人民政府", 2021)!.Id;
        foreach (var (field, value) in new[] { ("issued", 8m), ("repealed", 8m), ("inForce", 55698m) })
        {
            var cell = Cell(decided, field);
            Assert.Equal(CellStatus.Settled, cell.Status);
            Assert.Equal(value, cell.Value);
            Assert.Equal("settledByNeighbour", cell.Confidence);
            Assert.Equal(previous, cell.NeighbourId);
        }
        var note = Assert.Single(store.CrossFindings(decided), f => f.Rule == "R-1X" && f.Cells.StartsWith("activeDisclosure.regulations.", StringComparison.Ordinal));
        // Whatever else was settled (other run-together rows of table 二) is the generator's number.
        Assert.All(store.Cells(decided).Where(c => c.Status == CellStatus.Settled), c => Assert.Equal(decided2022.Truth[CellPath.Parse(c.Path)], c.Value));
        Assert.Equal(previous, note.NeighbourId);
        // Told in Chinese first, as A-2 is (the report page shows the half before " | "), then in English.
        Assert.Matches(@"^[^|]+：文件允许的 \d+ 种读法中只有“[^”]*55698[^”]*”符合 现行有效 = 上年现行有效 \+ 本年制发 − 本年废止（依据 上年的报告），据此确定 \| [^|]+: of the \d+ readings the document allows", note.Message);
        // The record as read keeps the cell empty: the document alone does not decide it.
        Assert.Null(store.LoadReport(decided).ActiveDisclosure!["regulations", "inForce"]);
        foreach (var field in new[] { "issued", "repealed", "inForce" })
            Assert.Equal(CellStatus.Ambiguous, Cell(open, field).Status);
        Assert.DoesNotContain(store.CrossFindings(open), f => f.Rule == "R-1X" && f.Cells.StartsWith("activeDisclosure.regulations.", StringComparison.Ordinal));
    }

    /// <summary>
    /// An import computes the checks across years once per group of windows and at the end of its run
    /// (<see cref="ImportOptions.CrossCheckWindows"/>): the archive is the same whether they are computed after
    /// every window of one input or once at the end — findings across years, settled cells, the vectors they
    /// change — including a neighbour that settled a cell and was superseded within the group.
    /// </summary>
    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void The_findings_across_years_do_not_depend_on_how_often_an_import_computes_them(string provider)
    {
        var decided2021 = ReportGenerator.Rebuild(Series.Generate("平潭县人民政府", 2021, 601), r => r.ActiveDisclosure!["regulations", "inForce"] = 55698, keepAlterations: false);
        var decided2022 = Series.Next(decided2021, 602, r => { r.ActiveDisclosure!["regulations", "issued"] = 8; r.ActiveDisclosure["regulations", "repealed"] = 8; r.ActiveDisclosure["regulations", "inForce"] = 55698; });
        using var first = TestArchive.Create(provider);
        var files = new List<string> { first.WriteFile("a-2022.txt", Series.PrintRunTogether(decided2022)), first.WriteFile("a-2021.txt", Series.Print(decided2021, new DateOnly(2022, 1, 20))) };
        files.AddRange(Plant().Select((p, i) => first.WriteFile($"{i:D2}.txt", Series.Print(p.Report, p.Published))));
        // A second version of 2021 (another publication date): the settled cells' neighbour becomes it.
        files.Add(first.WriteFile("a-2021-again.txt", Series.Print(decided2021, new DateOnly(2022, 2, 20))));

        Dictionary<string, List<string>>? expected = null;
        var runs = new (int Window, int Group)[] { (1, 1), (2, 3), (64, 64) };
        foreach (var (window, group) in runs)
        {
            using var archive = first.Sibling();
            using var store = archive.Open();
            new ArchiveImporter(store, ReportPipeline.Default).Run(files, new ImportOptions { Window = window, CrossCheckWindows = group });
            var decided = store.CurrentReport("平潭县人民政府", 2022)!.Id;
            var neighbour = store.CurrentReport("平潭县人民政府", 2021)!;
            Assert.Equal("a-2021-again.txt", neighbour.FileName);
            var cell = store.Cells(decided).Single(c => c.Path == "activeDisclosure.regulations.inForce");
            Assert.Equal(CellStatus.Settled, cell.Status);
            Assert.Equal(neighbour.Id, cell.NeighbourId);
            Assert.Contains(store.AllCrossFindings(), f => f.Rule == "T3-5");
            var dump = ArchiveDump.Of(store);
            if (expected is null) expected = dump;
            else ArchiveDump.Equal(expected, dump);
        }
    }

    /// <summary>
    /// Migration 0099: an archive from before it has nothing pending (its versions were checked as they arrived);
    /// what is pending — here every version, its findings gone, as a run killed before its first group leaves
    /// them — is computed by the next import, even one that stores nothing new.
    /// </summary>
    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void Pending_checks_across_years_are_computed_by_the_next_import(string provider)
    {
        var planted = Plant();
        using var archive = TestArchive.Create(provider);
        var files = planted.Select((p, i) => archive.WriteFile($"{i:D2}.txt", Series.Print(p.Report, p.Published))).ToList();
        List<string> findings;
        using (var store = archive.Open())
        {
            new ArchiveImporter(store, ReportPipeline.Default).Run(files);
            Assert.Equal(Expected(planted), Stored(store));
            findings = ArchiveDump.Of(store)["cross_findings"];
            // As before 0099: no mark, the migration not run.
            store.Connection.Execute("DROP TABLE cross_checks_done");
            store.Connection.Execute("DELETE FROM schemaversions WHERE scriptname LIKE '%0099_cross_checks_done%'");
        }
        using (var store = archive.Open())
        {
            Assert.Equal(store.Connection.ExecuteScalar<long>("SELECT MAX(arrival) FROM reports"), store.Connection.ExecuteScalar<long>("SELECT through FROM cross_checks_done"));
            Assert.Equal(findings, ArchiveDump.Of(store)["cross_findings"]);
            store.Connection.Execute("DELETE FROM cross_findings");
            store.Connection.Execute("UPDATE cross_checks_done SET through = 0");
            var again = new ArchiveImporter(store, ReportPipeline.Default).Run(files);
            Assert.Equal(files.Count, again.Count(InputOutcome.AlreadyPresent));
            Assert.Equal(findings, ArchiveDump.Of(store)["cross_findings"]);
            Assert.Equal(store.Connection.ExecuteScalar<long>("SELECT MAX(arrival) FROM reports"), store.Connection.ExecuteScalar<long>("SELECT through FROM cross_checks_done"));
        }
    }

    /// <summary>
    /// An import that stops between windows (here: an exception after some inputs are recorded, their windows
    /// committed), with the checks across years computed every other window, leaves what follows the last
    /// group pending; run again, it ends with the archive an uninterrupted import makes.
    /// </summary>
    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void An_import_stopped_between_groups_and_run_again_ends_with_the_same_archive(string provider)
    {
        using var clean = TestArchive.Create(provider);
        var files = Plant().Select((p, i) => clean.WriteFile($"{i:D2}.txt", Series.Print(p.Report, p.Published))).ToList();
        var options = new ImportOptions { Window = 2, CrossCheckWindows = 2 };
        Dictionary<string, List<string>> expected;
        using (var store = clean.Open())
        {
            new ArchiveImporter(store, ReportPipeline.Default).Run(files, options);
            expected = ArchiveDump.Of(store);
        }
        using var stopped = clean.Sibling();
        using (var store = stopped.Open())
        {
            foreach (var stopAfter in new[] { 5, 7 })
            {
                var seen = 0;
                Assert.Throws<OperationCanceledException>(() => new ArchiveImporter(store, ReportPipeline.Default)
                    .Run(files, options with { OnResult = _ => { if (++seen == stopAfter) throw new OperationCanceledException(); } }));
            }
            // Stopped after the third window, then after the fourth (the first three already present): the group of windows 3 and 4 was not computed.
            Assert.True(store.Connection.ExecuteScalar<long>("SELECT through FROM cross_checks_done") < store.Connection.ExecuteScalar<long>("SELECT MAX(arrival) FROM reports"));
            new ArchiveImporter(store, ReportPipeline.Default).Run(files, options);
            ArchiveDump.Equal(expected, ArchiveDump.Of(store));
        }
    }
}
