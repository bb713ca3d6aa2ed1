using Dapper;
using Nianbao.Analysis.Agencies;
using Nianbao.Analysis.Summaries;
using Nianbao.Archive;
using Nianbao.Archive.Import;
using Nianbao.Cli.Commands.Analysis;
using Nianbao.Domain;
using Nianbao.Pipeline;
using Nianbao.Queries;
using Nianbao.Synthetic;
using Npgsql;

namespace Nianbao.Analysis.Tests;

/// <summary>
/// An archive whose cells are in every state a summary meets: numbers, blanks, ambiguous rows (run-together
/// digits), rows settled by the neighbouring year, unread rows (lost cells), a report in the 2019 format, an
/// unplaced agency and a report without tables — on SQLite or on the PostgreSQL server of NIANBAO_TEST_PG.
/// </summary>
public sealed class VariedArchive : IDisposable
{
    private readonly ThrowAwayArchive _place;

    public string Folder => _place.Folder;
    public string Db => _place.Db;

    public VariedArchive(string provider)
    {
        _place = new ThrowAwayArchive(provider, "archive-summary");
        Fill();
    }

    private static GeneratedReport Make(AgencyRef agency, int year, int seed, ReportTemplate template, bool blanks, Action<ReportDraft>? edit = null) =>
        ArchiveFill.Report(agency, year, seed, template, seed % 3 == 0 ? NumberScale.Small : NumberScale.Mixed, blanks, edit);

    private void Fill()
    {
        var files = Path.Combine(Folder, "reports");
        Directory.CreateDirectory(files);
        void Write(string name, byte[] bytes) => File.WriteAllBytes(Path.Combine(files, name), bytes);
        var shapes = new[] { TextShape.Tabs, TextShape.CellPerLine, TextShape.RunTogether, TextShape.LostCells, TextShape.Markdown, TextShape.WrappedKangxi };
        var seed = 900;
        foreach (var agency in Series.Reporting)
        foreach (var year in new[] { 2022, 2023 })
        {
            seed++;
            if (agency == Series.Sidian) continue; // its own pair below
            var template = agency == Series.ShuyangTown && year == 2023 ? ReportTemplate.Format2019 : ReportTemplate.Format2021;
            var shape = shapes[seed % shapes.Length];
            var g = Make(agency, year, seed, template, blanks: shape == TextShape.CellPerLine);
            Write($"{agency.Id}-{year}.txt", TextShapes.Render(g, shape, seed).Bytes);
        }
        // 8 | 8 | 55698 run together ("8855698") after last year's 55698 in force: settled by 2022's report.
        var before = Make(Series.Sidian, 2022, 601, ReportTemplate.Format2021, false, r => r.ActiveDisclosure!["regulations", "inForce"] = 55698);
        var after = Make(Series.Sidian, 2023, 602, ReportTemplate.Format2021, false, r =>
        {
            r.ActiveDisclosure!["regulations", "issued"] = 8;
            r.ActiveDisclosure["regulations", "repealed"] = 8;
            r.ActiveDisclosure["regulations", "inForce"] = 55698;
        });
        Write("sidian-2022.txt", TextShapes.Render(before, TextShape.Tabs, 1).Bytes);
        Write("sidian-2023.txt", TextShapes.Render(after, TextShape.RunTogether, 1).Bytes);

        using var store = ArchiveStore.Open(Db);
        ArchiveFill.Import(store, files);
        ArchiveFill.Place(store,
        [
            new("410000000000", "河南省", "province", null), new("411500000000", "信阳市", "city", "410000000000"),
            new("411523000000", "新县", "county", "411500000000"), new("411523105000", "泗店乡", "township", "411523000000"),
            new("320000000000", "江苏省", "province", null), new("321300000000", "宿迁市", "city", "320000000000"),
            new("321322000000", "沭阳县", "county", "321300000000"),
        ], Series.Reporting, Series.Expected);
    }

    public void Dispose() => _place.Dispose();
}

public sealed class VariedArchives() : ArchivesByProvider<VariedArchive>(provider => new VariedArchive(provider));

/// <summary>
/// The summary from the reports' cell vectors (<see cref="ArchiveSummary"/>) against the same reports read
/// row by row from the cells table into memory and summed there (<see cref="ArchiveReports"/> + <see cref="SummaryBuilder"/>): the
/// same JSON to the character, for every grouping and scope, on both databases.
/// </summary>
public sealed class ArchiveSummaryTests(VariedArchives archives) : IClassFixture<VariedArchives>
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static string InMemory(ArchiveStore store, SummaryOptions options, ReportFilter filter, ReportFilter previous, IEnumerable<AgencyRef> expected)
    {
        var source = new ArchiveReports(store);
        var builder = new SummaryBuilder(options);
        foreach (var r in source.Read(filter)) builder.Add(new AgencyReport(r.Agency, r.Report));
        foreach (var r in source.Read(previous)) builder.AddPrevious(new AgencyReport(r.Agency, r.Report));
        return SummaryJson.Serialize(builder.Build(expected));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_archive_holds_every_state_of_cell_a_summary_meets(string provider)
    {
        using var store = ArchiveStore.Open(archives.Get(provider).Db);
        var states = store.Connection.Query<string>("SELECT DISTINCT status FROM cells").ToHashSet();
        Assert.Superset(new HashSet<string> { CellStatus.Value, CellStatus.Blank, CellStatus.Ambiguous, CellStatus.Settled, CellStatus.Unread }, states);
        Assert.Contains("2019", store.ListReports().Select(r => r.Template));
        Assert.Contains(store.ListReports(), r => r.RegionCode is null);
        Assert.True(store.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM cells WHERE value_text LIKE '%.%'") > 0);
        // Every report has its cell vector, so the summary below reads vectors, not rows.
        Assert.Equal(0, store.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM reports WHERE cell_vector IS NULL"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Cell_vectors_give_the_very_summary_of_every_cell_row_read_into_memory(string provider)
    {
        using var store = ArchiveStore.Open(archives.Get(provider).Db);
        foreach (var scope in new string?[] { null, "410000000000", "411523000000", "320000000000" })
        foreach (var by in Enum.GetValues<GroupBy>())
        foreach (var (from, to) in new[] { (2023, 2023), (2022, 2023) })
        {
            var source = new ArchiveReports(store);
            var expected = source.Expected(scope);
            var options = new SummaryOptions
            {
                By = by, ScopeRegionCode = scope, Years = Enumerable.Range(from, to - from + 1).ToList(),
                RegionName = code => source.RegionName(code),
            };
            var filter = new ReportFilter { Region = scope, FromYear = from, ToYear = to };
            var previous = new ReportFilter { Region = scope, Year = from - 1 };
            var summed = SummaryJson.Serialize(ArchiveSummary.Build(store, new ArchiveReports(store), options, filter, previous, expected));
            var read = InMemory(store, options, filter, previous, expected);
            Assert.True(read == summed, $"{scope} by {by} {from}-{to}: the summary from cell vectors differs from the cell rows read into memory\n{Diff(read, summed)}");
            Assert.Contains("\"reports\"", summed);
        }
    }

    private static string Diff(string a, string b)
    {
        var x = a.Split('\n');
        var y = b.Split('\n');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
            if (x[i] != y[i]) return $"line {i + 1}:\n  in memory: {x[i]}\n  vectors:   {y[i]}";
        return $"lengths {x.Length} / {y.Length}";
    }
}
