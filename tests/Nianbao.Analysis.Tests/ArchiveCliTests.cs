using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using DuckDB.NET.Data;
using Nianbao.Analysis.Agencies;
using Nianbao.Archive;
using Nianbao.Archive.Import;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Pipeline;
using Nianbao.Synthetic;
using Npgsql;

namespace Nianbao.Analysis.Tests;

/// <summary>
/// A fresh archive on a real database — an SQLite file, or a new database on the PostgreSQL server
/// named by NIANBAO_TEST_PG (test.sh starts a throw-away cluster on loopback; without it the
/// PostgreSQL cases fail, they are not skipped) — filled by the archive's importer with generated
/// report files whose numbers are known.
/// </summary>
public sealed class GeneratedArchive : IDisposable
{
    public static readonly AgencyRef[] Agencies = [Series.HenanScience, Series.XinyangCommerce, Series.Xinxian, Series.Sidian, Series.Shuyang];

    public static readonly int[] Years = [2022, 2023];

    private readonly ThrowAwayArchive _place;

    public string Folder => _place.Folder;
    public string Db => _place.Db;

    /// <summary>The generated truth of every imported report, by agency id and year.</summary>
    public Dictionary<(string Agency, int Year), Report> Truth { get; } = [];

    public GeneratedArchive(string provider)
    {
        _place = new ThrowAwayArchive(provider, "analysis-cli");
        Fill();
    }

    private void Fill()
    {
        var files = Path.Combine(Folder, "reports");
        Directory.CreateDirectory(files);
        var seed = 500;
        foreach (var agency in Agencies)
        foreach (var year in Years)
        {
            seed++;
            var g = ArchiveFill.Report(agency, year, seed, ReportTemplate.Format2021, NumberScale.Mixed, blanks: seed % 2 == 0);
            Truth[(agency.Id, year)] = g.Truth;
            // Blank cells are printed with a mark ("-", "/", "—", "无") so that none stands at a row's edge as nothing.
            File.WriteAllBytes(Path.Combine(files, $"{agency.Id}-{year}.txt"), TextShapes.Render(g, seed % 2 == 0 ? TextShape.CellPerLine : TextShape.Tabs, seed).Bytes);
        }
        using var store = ArchiveStore.Open(Db);
        ArchiveFill.Import(store, files);
        ArchiveFill.Place(store,
        [
            new("410000000000", "河南省", "province", null), new("411500000000", "信阳市", "city", "410000000000"),
            new("411523000000", "新县", "county", "411500000000"), new("411523105000", "泗店乡", "township", "411523000000"),
            new("411523106000", "卡房乡", "township", "411523000000"),
            new("320000000000", "江苏省", "province", null), new("321300000000", "宿迁市", "city", "320000000000"),
            new("321322000000", "沭阳县", "county", "321300000000"),
        ], Agencies, [.. Agencies, Series.Kafang]);
    }

    public void Dispose() => _place.Dispose();
}

/// <summary>One generated archive per provider for the whole class: the commands only read it.</summary>
public sealed class GeneratedArchives() : ArchivesByProvider<GeneratedArchive>(provider => new GeneratedArchive(provider));

public sealed class ArchiveCliTests(GeneratedArchives archives) : IClassFixture<GeneratedArchives>
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private sealed record Outcome(int Exit, string Out, string Err);

    /// <summary>The built nianbao in a process of its own, as a user runs it.</summary>
    private static Outcome Nianbao(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nianbao.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(true); throw new TimeoutException(string.Join(" ", args)); }
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static decimal? Number(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDecimal();

    [Theory]
    [MemberData(nameof(Providers))]
    public void Summary_of_a_province_equals_the_generated_numbers_with_coverage_metrics_and_changes(string provider)
    {
        var archive = archives.Get(provider);
        var run = Nianbao("summary", "--db", archive.Db, "--region", "410000000000", "--year", "2023", "--json");
        Assert.True(run.Exit == 0, run.Err);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        var henan = GeneratedArchive.Agencies.Where(a => a.Placement!.RegionCode!.StartsWith("41", StringComparison.Ordinal)).ToList();
        var truths = henan.Select(a => archive.Truth[(a.Id, 2023)]).ToList();
        Assert.Equal(4, root.GetProperty("coverage").GetProperty("reports").GetInt32());
        foreach (var (path, _) in truths[0].Tables.SelectMany(t => t.Cells()))
        {
            var values = truths.Select(t => t[path]).ToList();
            decimal? expected = values.Any(v => v is not null) ? values.Sum(v => v ?? 0m) : null;
            var actual = root.GetProperty(path.Table.ToContractName()).GetProperty(path.Row).GetProperty(path.Field);
            Assert.True(expected == Number(actual), $"{path}: expected {expected}, got {actual}");
            var blanks = values.Count(v => v is null);
            if (blanks > 0)
                Assert.Equal(blanks, root.GetProperty("coverage").GetProperty("cellsNotSummed").GetProperty(path.ToString()).GetProperty("blank").GetInt32());
        }
        var missing = root.GetProperty("coverage").GetProperty("expectedWithoutReport").EnumerateArray().Select(m => m.GetProperty("agency").GetString()).ToList();
        Assert.Equal([Series.Kafang.Name], missing);

        var (n, d, count) = Oracle.Over(Oracle.Ratios.Single(f => f.Name == "disclosureRate"), truths);
        var rate = root.GetProperty("metrics").GetProperty("disclosureRate");
        Assert.Equal((n, d, count), (rate.GetProperty("numerator").GetDecimal(), rate.GetProperty("denominator").GetDecimal(), rate.GetProperty("reports").GetInt32()));
        if (d != 0) Assert.Equal(Oracle.Percent(n, d), rate.GetProperty("percent").GetDecimal());

        var received = root.GetProperty("yearOverYear").GetProperty("applicationsReceived");
        var before = henan.Select(a => archive.Truth[(a.Id, 2022)]).ToList();
        var pairs = truths.Zip(before).Where(p => p.First.Applications!["received", "total"] is not null && p.Second.Applications!["received", "total"] is not null).ToList();
        Assert.Equal(pairs.Count, received.GetProperty("agencies").GetInt32());
        var now = pairs.Sum(p => p.First.Applications!["received", "total"]!.Value);
        var then = pairs.Sum(p => p.Second.Applications!["received", "total"]!.Value);
        if (then != 0) Assert.Equal(Oracle.Percent(now - then, then), received.GetProperty("percent").GetDecimal());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Region_by_name_grouping_ranking_missing_and_clear_refusals(string provider)
    {
        var archive = archives.Get(provider);
        var byName = Nianbao("summary", "--db", archive.Db, "--region", "信阳市", "--year", "2022-2023", "--by", "year", "--json");
        Assert.True(byName.Exit == 0, byName.Err);
        using (var json = JsonDocument.Parse(byName.Out))
        {
            var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToList();
            Assert.Equal(["2022", "2023"], groups.Select(g => g.GetProperty("key").GetString()));
            Assert.All(groups, g => Assert.Equal(3, g.GetProperty("coverage").GetProperty("reports").GetInt32()));
        }

        var byRegion = Nianbao("summary", "--db", archive.Db, "--region", "410000000000", "--year", "2023", "--by", "region", "--rank", "disclosureRate", "--json");
        Assert.True(byRegion.Exit == 0, byRegion.Err);
        using (var json = JsonDocument.Parse(byRegion.Out))
        {
            var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToList();
            Assert.Equal(["410000000000", "411500000000"], groups.Select(g => g.GetProperty("key").GetString()));
            Assert.Equal(["河南省（本级）", "河南省信阳市"], groups.Select(g => g.GetProperty("label").GetString()));
            var ranking = json.RootElement.GetProperty("ranking");
            Assert.Equal(4, ranking.GetProperty("ranked").GetArrayLength() + ranking.GetProperty("notApplicable").GetArrayLength());
        }

        var table = Nianbao("summary", "--db", archive.Db, "--region", "410000000000", "--year", "2023", "--by", "level");
        Assert.True(table.Exit == 0, table.Err);
        Assert.Contains("公开率", table.Out);
        Assert.Contains("应报未报", table.Out);
        Assert.Contains(Series.Kafang.Name, table.Out);

        var missing = Nianbao("missing", "--db", archive.Db, "--region", "410000000000", "--year", "2023", "--json");
        Assert.True(missing.Exit == 0, missing.Err);
        using (var json = JsonDocument.Parse(missing.Out))
            Assert.Equal([Series.Kafang.Name], json.RootElement.EnumerateArray().Select(m => m.GetProperty("agency").GetString()));
        var all = Nianbao("missing", "--db", archive.Db, "--year", "2021", "--json");
        using (var json = JsonDocument.Parse(all.Out))
            Assert.Equal(6, json.RootElement.GetArrayLength());

        var unknown = Nianbao("summary", "--db", archive.Db, "--region", "火星市", "--year", "2023");
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("火星市", unknown.Err);
        var badYear = Nianbao("summary", "--db", archive.Db, "--year", "23");
        Assert.Equal(2, badYear.Exit);
        var badMetric = Nianbao("summary", "--db", archive.Db, "--year", "2023", "--rank", "happiness");
        Assert.Equal(2, badMetric.Exit);
        Assert.Contains("disclosureRate", badMetric.Err);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Exports_from_the_archive_read_back_with_placements_and_the_generated_numbers(string provider)
    {
        var archive = archives.Get(provider);
        var parquet = Path.Combine(archive.Folder, $"reports-{Guid.NewGuid():N}.parquet");
        var run = Nianbao("export", "--db", archive.Db, "--format", "parquet", "-o", parquet);
        Assert.True(run.Exit == 0, run.Err);
        using (var db = new DuckDBConnection("Data Source=:memory:"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"SELECT * FROM read_parquet('{parquet}')";
            using var reader = cmd.ExecuteReader();
            var rows = 0;
            while (reader.Read())
            {
                rows++;
                var agency = GeneratedArchive.Agencies.Single(a => a.Name == reader.GetString(reader.GetOrdinal("agency")));
                Assert.Equal(agency.Placement!.RegionCode, reader.GetString(reader.GetOrdinal("regionCode")));
                Assert.Equal(agency.Placement.Level, reader.GetString(reader.GetOrdinal("level")));
                Assert.Equal(agency.Placement.RegionName, reader.GetString(reader.GetOrdinal("regionName")));
                var truth = archive.Truth[(agency.Id, (int)reader.GetInt64(reader.GetOrdinal("year")))];
                foreach (var (path, value) in truth.Tables.SelectMany(t => t.Cells()))
                {
                    var ordinal = reader.GetOrdinal(path.ToString().Replace('.', '_'));
                    Assert.Equal(value, reader.IsDBNull(ordinal) ? null : Convert.ToDecimal(reader.GetValue(ordinal), CultureInfo.InvariantCulture));
                }
            }
            Assert.Equal(archive.Truth.Count, rows);
        }

        var jsonl = Path.Combine(archive.Folder, $"reports-{Guid.NewGuid():N}.jsonl");
        Assert.Equal(0, Nianbao("export", "--db", archive.Db, "--format", "jsonl", "--region", "321322", "-o", jsonl).Exit);
        var lines = File.ReadAllLines(jsonl);
        Assert.Equal(2, lines.Length);
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            Assert.Equal("321322000000", doc.RootElement.GetProperty("archiveAgency").GetProperty("regionCode").GetString());
            var record = ReportJson.Read(doc.RootElement.GetProperty("record"));
            Assert.Equal(archive.Truth[(Series.Shuyang.Id, record.Year!.Value)].Tables.SelectMany(t => t.Cells()), record.Tables.SelectMany(t => t.Cells()));
            Assert.NotEmpty(record.Provenance);
        }

        var csv = Path.Combine(archive.Folder, $"cells-{Guid.NewGuid():N}.csv");
        Assert.Equal(0, Nianbao("export", "--db", archive.Db, "--format", "csv", "--long", "--year", "2023", "--agency", Series.Sidian.Name, "-o", csv).Exit);
        var bytes = File.ReadAllBytes(csv);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        using (var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8))
        using (var parser = new CsvHelper.CsvParser(text, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { DetectColumnCountChanges = true }))
        {
            parser.Read();
            var header = parser.Record!;
            var truth = archive.Truth[(Series.Sidian.Id, 2023)];
            var cells = 0;
            while (parser.Read())
            {
                cells++;
                var r = parser.Record!;
                var path = CellPath.Parse(r[Array.IndexOf(header, "cellPath")]);
                Assert.Equal(truth[path]?.ToString(CultureInfo.InvariantCulture) ?? "", r[Array.IndexOf(header, "value")]);
                Assert.Equal(truth[path] is null ? "blank" : "value", r[Array.IndexOf(header, "state")]);
                if (truth[path] is not null) Assert.Equal(r[Array.IndexOf(header, "value")], r[Array.IndexOf(header, "printedText")]);
            }
            Assert.Equal(truth.Tables.Sum(t => t.Schema.CellCount), cells);
        }

        var again = Nianbao("export", "--db", archive.Db, "--format", "csv", "-o", csv);
        Assert.Equal(2, again.Exit);
        Assert.Contains("--force", again.Err);
        Assert.Equal(0, Nianbao("export", "--db", archive.Db, "--format", "xlsx", "--labels", "--force", "-o", csv).Exit);
    }
}
