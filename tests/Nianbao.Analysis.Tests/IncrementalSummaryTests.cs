using Dapper;
using Nianbao.Analysis.Agencies;
using Nianbao.Analysis.Summaries;
using Nianbao.Archive;
using Nianbao.Archive.Import;
using Nianbao.Domain;
using Nianbao.Pipeline;
using Nianbao.Queries;
using Nianbao.Synthetic;

namespace Nianbao.Analysis.Tests;

/// <summary>
/// The summary made from kept report contributions (<see cref="ReportContributions"/>, what the server keeps
/// between writes) against the summary made afresh from the archive, after every step of generated
/// sequences of writes — imports, newer versions, re-parses, cells settled by a neighbouring year,
/// placements pinned, agencies merged and renamed, regions renamed, expected agencies, decisions,
/// reports deleted — on SQLite and PostgreSQL: the same JSON to the character, the same entries and
/// expected agencies, for several scopes, groupings and an author's agency. One kept object serves the
/// whole sequence, as one server does.
/// </summary>
public sealed class IncrementalSummaryTests
{
    public static TheoryData<string, int> Runs => new()
    {
        { "sqlite", 1 }, { "sqlite", 2 }, { "sqlite", 3 }, { "postgres", 1 }, { "postgres", 2 },
    };

    private static readonly RegionEntry[] Regions =
    [
        new("410000000000", "河南省", "province", null), new("411500000000", "信阳市", "city", "410000000000"),
        new("411523000000", "新县", "county", "411500000000"), new("411523105000", "泗店乡", "township", "411523000000"),
        new("411523106000", "卡房乡", "township", "411523000000"),
        new("320000000000", "江苏省", "province", null), new("321300000000", "宿迁市", "city", "320000000000"),
        new("321322000000", "沭阳县", "county", "321300000000"), new("321322001000", "沭城街道", "township", "321322000000"),
    ];

    private static readonly AgencyRef[] Agencies = [Series.Xinxian, Series.Sidian, Series.XinyangCommerce, Series.HenanScience, Series.Shuyang, Series.ShuyangTown, Series.Unplaced];

    private static readonly TextShape[] Shapes = [TextShape.Tabs, TextShape.CellPerLine, TextShape.RunTogether, TextShape.LostCells, TextShape.Markdown];

    [Theory]
    [MemberData(nameof(Runs))]
    public void Kept_contributions_give_the_summary_made_afresh_after_every_write(string provider, int seed)
    {
        using var place = new ThrowAwayArchive(provider, "incremental-summary");
        using var store = ArchiveStore.Open(place.Db);
        store.UpsertRegions(Regions);
        var kept = new ReportContributions();
        var random = new Random(seed);
        var steps = new List<string>();
        var versions = new Dictionary<(string Agency, int Year), int>();
        var made = 0;

        void Import(AgencyRef agency, int year)
        {
            var version = versions[(agency.Id, year)] = versions.GetValueOrDefault((agency.Id, year)) + 1;
            var folder = Path.Combine(place.Folder, $"in-{++made}");
            Directory.CreateDirectory(folder);
            var reportSeed = seed * 1000 + made;
            GeneratedReport g;
            TextShape shape;
            if (agency == Series.Sidian)
            {
                // 8 | 8 | 55698 run together in 2023, settled by 2022's 55698 in force whichever arrives first.
                g = ArchiveFill.Report(agency, year, reportSeed, ReportTemplate.Format2021, NumberScale.Small, false, r =>
                {
                    if (year == 2023) { r.ActiveDisclosure!["regulations", "issued"] = 8; r.ActiveDisclosure["regulations", "repealed"] = 8; }
                    r.ActiveDisclosure!["regulations", "inForce"] = 55698;
                });
                shape = year == 2023 ? TextShape.RunTogether : TextShape.Tabs;
            }
            else
            {
                var template = agency == Series.ShuyangTown && year == 2023 ? ReportTemplate.Format2019 : ReportTemplate.Format2021;
                shape = Shapes[random.Next(Shapes.Length)];
                g = ArchiveFill.Report(agency, year, reportSeed, template, random.Next(2) == 0 ? NumberScale.Small : NumberScale.Mixed, shape == TextShape.CellPerLine);
            }
            File.WriteAllBytes(Path.Combine(folder, $"{agency.Id}-{year}-v{version}.txt"), TextShapes.Render(g, shape, reportSeed).Bytes);
            ArchiveFill.Import(store, folder);
            steps.Add($"import {agency.Name} {year} v{version} ({shape})");
        }

        string? AgencyId(AgencyRef agency) => store.FindAgencyId(agency.Name);

        // A start: a few reports, placed, and the expected list.
        foreach (var agency in Agencies.Take(4)) Import(agency, 2023);
        Place(store, Agencies.Take(4));
        store.UpsertExpected(Series.Expected.Where(a => a.Placement is not null)
            .Select(a => new ExpectedAgency(a.Name, a.Placement!.RegionCode, a.Placement.Level, a.Placement.Kind)));
        Compare(store, kept, steps);

        for (var step = 0; step < 14; step++)
        {
            var agency = Agencies[random.Next(Agencies.Length)];
            var year = random.Next(2) == 0 ? 2022 : 2023;
            var current = store.ListReports(new ReportFilter());
            switch (random.Next(11))
            {
                case 0 or 1 or 2:
                    Import(agency, year); // a first report, or a newer version of the agency's year
                    Place(store, [agency]);
                    break;
                case 3 when agency != Series.Sidian:
                    Import(Series.Sidian, year); // cells run together, and settled by the neighbouring year
                    Place(store, [Series.Sidian]);
                    break;
                case 4 when current.Count > 0:
                {
                    var report = current[random.Next(current.Count)];
                    _ = new Reparser(store, ReportPipeline.Default).Run(new ReportFilter { Agency = report.AgencyId ?? report.Agency, Year = report.Year }).ToList();
                    steps.Add($"reparse {report.Agency} {report.Year}");
                    break;
                }
                case 5 when AgencyId(agency) is { } id:
                {
                    var region = Regions[random.Next(Regions.Length)];
                    var unplace = random.Next(4) == 0;
                    store.SetPlacement(id, unplace
                        ? new Placement(PlacementStatuses.Unplaced, null, null, null, null, null)
                        : new Placement(PlacementStatuses.Placed, region.Code, region.Level, "government", null, null), pinned: true);
                    steps.Add(unplace ? $"unplace {agency.Name}" : $"place {agency.Name} in {region.Name}");
                    break;
                }
                case 6 when AgencyId(agency) is { } from && AgencyId(Agencies[random.Next(Agencies.Length)]) is { } into && from != into:
                    store.MergeAgencies(from, into);
                    steps.Add($"merge {agency.Name} into {into}");
                    break;
                case 7 when AgencyId(agency) is { } id:
                    store.Rename(id, agency.Name + "（更名" + step + "）");
                    steps.Add($"rename {agency.Name}");
                    break;
                case 8:
                {
                    var region = Regions[random.Next(Regions.Length)];
                    store.UpsertRegions([region with { Name = region.Name + step }]);
                    steps.Add($"rename region {region.Code}");
                    break;
                }
                case 9 when current.Count > 0:
                {
                    var report = current[random.Next(current.Count)];
                    if (random.Next(2) == 0)
                    {
                        store.Connection.Execute(
                            "INSERT INTO finding_decisions (key, agency_key, year, rule, cells, decision, comment, decided_by, decided_at) VALUES (@key, @agency, @year, 'T-1', '', 'dismissed', 'test', 'test', '2026-12-06')",
                            new { key = $"k{step}", agency = report.AgencyId ?? "", year = report.Year });
                        steps.Add($"decision on {report.Agency} {report.Year}");
                    }
                    else
                    {
                        Delete(store, report.Id);
                        steps.Add($"delete {report.Agency} {report.Year}");
                    }
                    break;
                }
                default:
                    store.UpsertExpected([new ExpectedAgency($"新县第{step}局", "411523000000", "county", "department")]);
                    steps.Add("expect another agency");
                    break;
            }
            Compare(store, kept, steps);
        }
        Assert.True(kept.Count > 0);
    }

    /// <summary>After one more report, a summary made again reads only the reports written since, not the whole archive.</summary>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void A_summary_after_a_write_reads_only_what_changed(string provider)
    {
        using var place = new ThrowAwayArchive(provider, "incremental-summary");
        using var store = ArchiveStore.Open(place.Db);
        store.UpsertRegions(Regions);
        var folder = Path.Combine(place.Folder, "in");
        Directory.CreateDirectory(folder);
        var seed = 0;
        foreach (var agency in Agencies.Where(a => a != Series.Sidian))
        foreach (var year in new[] { 2022, 2023 })
        {
            var g = ArchiveFill.Report(agency, year, ++seed, ReportTemplate.Format2021, NumberScale.Small, false);
            File.WriteAllBytes(Path.Combine(folder, $"{agency.Id}-{year}.txt"), TextShapes.Render(g, TextShape.Tabs, seed).Bytes);
        }
        ArchiveFill.Import(store, folder);
        Place(store, Agencies);
        var kept = new ReportContributions();
        Compare(store, kept, ["12 reports"]);
        var before = kept.ReportsRead;
        Assert.Equal(12, before);

        var more = Path.Combine(place.Folder, "more");
        Directory.CreateDirectory(more);
        var newer = ArchiveFill.Report(Series.Xinxian, 2023, 99, ReportTemplate.Format2021, NumberScale.Mixed, false);
        File.WriteAllBytes(Path.Combine(more, "xinxian-2023-v2.txt"), TextShapes.Render(newer, TextShape.Tabs, 99).Bytes);
        ArchiveFill.Import(store, more);
        Compare(store, kept, ["12 reports", "a newer version of 新县 2023"]);
        // The new version, the one it superseded, and whatever the checks across reports rewrote; not all twelve.
        Assert.InRange(kept.ReportsRead - before, 1, 6);
    }

    private static void Place(ArchiveStore store, IEnumerable<AgencyRef> agencies)
    {
        foreach (var agency in agencies.Where(a => a.Placement is not null))
            if (store.FindAgencyId(agency.Name) is { } id && store.Agency(id) is { MergedInto: null })
                store.SetPlacement(id, new Placement(PlacementStatuses.Placed, agency.Placement!.RegionCode, agency.Placement.Level, agency.Placement.Kind, null, null), pinned: true);
    }

    private static void Delete(ArchiveStore store, string id)
    {
        using var tx = store.BeginTransaction();
        foreach (var table in new[] { "cells", "findings", "cross_findings" })
            store.Connection.Execute($"DELETE FROM {table} WHERE report_id = @id", new { id }, tx);
        store.Connection.Execute("DELETE FROM reports WHERE id = @id", new { id }, tx);
        tx.Commit();
    }

    private static readonly (string? Scope, int From, int To, GroupBy By, bool Author)[] Requests =
    [
        ("410000000000", 2023, 2023, GroupBy.None, false),
        (null, 2022, 2023, GroupBy.Year, false),
        ("411523000000", 2022, 2023, GroupBy.Region, false),
        (null, 2023, 2023, GroupBy.Agency, false),
        ("320000000000", 2023, 2023, GroupBy.Level, false),
        (null, 2022, 2023, GroupBy.Year, true),
    ];

    /// <summary>Every request's summary from <paramref name="kept"/> against the same made afresh (or the same refusal).</summary>
    private static void Compare(ArchiveStore store, ReportContributions kept, IReadOnlyList<string> steps)
    {
        var author = store.ListReports(new ReportFilter()).Select(r => r.Agency).FirstOrDefault();
        foreach (var (scope, from, to, by, isAuthor) in Requests)
        {
            if (isAuthor && author is null) continue;
            var request = new SummaryRequest { RegionCode = scope, FromYear = from, ToYear = to, By = by, Agency = isAuthor ? author : null };
            var fresh = Outcome(() => ArchiveSummaries.Build(store, request));
            var incremental = Outcome(() => ArchiveSummaries.Build(store, request, kept));
            Assert.True(fresh == incremental,
                $"{scope} {from}-{to} by {by}{(isAuthor ? " as author" : "")} after: {string.Join("; ", steps)}\n{Diff(fresh, incremental)}");
        }
    }

    private static string Outcome(Func<ArchiveSummaryResult> build)
    {
        try
        {
            var result = build();
            return SummaryJson.Serialize(result.Summary)
                + "\nentries: " + string.Join(",", result.Entries.Select(e => $"{e.Id}/{e.Agency}/{e.RegionCode}/{e.Errors}/{e.Warnings}").Order(StringComparer.Ordinal))
                + "\nexpected: " + string.Join(",", result.Expected.Select(a => $"{a.Id}/{a.Name}/{a.Placement?.RegionName}"));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ArchiveException)
        {
            return "refused: " + ex.Message;
        }
    }

    private static string Diff(string a, string b)
    {
        var x = a.Split('\n');
        var y = b.Split('\n');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
            if (x[i] != y[i]) return $"line {i + 1}:\n  afresh: {x[i]}\n  kept:   {y[i]}";
        return $"lengths {x.Length} / {y.Length}";
    }
}
