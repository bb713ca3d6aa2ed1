using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using DuckDB.NET.Data;
using ExcelDataReader;
using Nianbao.Analysis.Summaries;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Domain.Templates;
using Nianbao.Export;
using Nianbao.Pipeline;
using Nianbao.Synthetic;

namespace Nianbao.Analysis.Tests;

public sealed class ExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nianbao-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static ExportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly string[] AgencyColumns =
        ["reportId", "agencyId", "agency", "agencyAsPrinted", "regionCode", "regionName", "level", "kind", "year", "template", "publishedOn", "sourceFile", "sha256", "errors", "warnings"];

    /// <summary>Every cell path of both templates, from the templates themselves.</summary>
    private static readonly HashSet<string> AllPaths =
        TemplateSchema.All.SelectMany(t => t.Tables).SelectMany(t => t.Cells()).Select(p => p.ToString()).ToHashSet();

    private static List<(SeriesReport Series, ExportRow Row)> Rows(int seed) =>
        Series.Make(seed).Select((s, i) => (s, new ExportRow(s.Report, s.Agency, $"r{i:D3}"))).ToList();

    private static async Task<byte[]> Export(IEnumerable<ExportRow> rows, ExportOptions options)
    {
        using var stream = new MemoryStream();
        await Exporter.WriteAsync(rows, stream, options);
        return stream.ToArray();
    }

    private static string Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>A strict CSV parse (CsvHelper): bad quoting or a row of another width throws.</summary>
    private static List<string[]> ParseCsv(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectColumnCountChanges = true, BadDataFound = a => throw new InvalidDataException(a.RawRecord) });
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(csv.Record!);
        return rows;
    }

    [Fact]
    public async Task Wide_csv_has_a_bom_labels_and_one_row_per_report_with_every_number_as_generated()
    {
        var rows = Rows(5);
        var bytes = await Export(rows.Select(r => r.Row), new ExportOptions(ExportFormat.Csv, Labels: true));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var csv = ParseCsv(bytes);
        var header = csv[0];
        Assert.Equal(AgencyColumns, header[..AgencyColumns.Length]);
        Assert.Equal(AllPaths.Order(), header.Where(AllPaths.Contains).Order());
        Assert.Equal(header.Length, header.Distinct().Count());
        Assert.Contains("activeDisclosure.procurement.amountUnit", header);
        var labels = csv[1];
        var col = Array.IndexOf(header, "applications.withheldStateSecret.naturalPerson");
        Assert.Contains("属于国家秘密", labels[col]);
        Assert.Contains("自然人", labels[col]);
        Assert.Equal(rows.Count, csv.Count - 2);
        for (var i = 0; i < rows.Count; i++)
        {
            var (series, row) = rows[i];
            var line = csv[i + 2];
            string At(string name) => line[Array.IndexOf(header, name)];
            Assert.Equal(row.ReportId, At("reportId"));
            Assert.Equal(series.Agency.Name, At("agency"));
            Assert.Equal(series.Agency.Placement?.RegionCode ?? "", At("regionCode"));
            Assert.Equal(series.Agency.Placement?.RegionName ?? "", At("regionName"));
            Assert.Equal(series.Agency.Placement?.Level ?? "", At("level"));
            Assert.Equal(series.Agency.Placement?.Kind ?? "", At("kind"));
            Assert.Equal(series.Report.Year!.Value.ToString(CultureInfo.InvariantCulture), At("year"));
            foreach (var path in AllPaths)
            {
                var p = CellPath.Parse(path);
                var table = series.Report.Table(p.Table);
                var expected = table is not null && table.HasRow(p.Row) ? Text(table[p]) : "";
                Assert.Equal(expected, At(path));
            }
            var procurement = series.Report.ActiveDisclosure?.HasRow("procurement") == true ? series.Report.ActiveDisclosure.UnitOf("procurement", "amount") : null;
            Assert.Equal(procurement ?? "", At("activeDisclosure.procurement.amountUnit"));
        }
    }

    [Fact]
    public async Task Long_csv_has_one_row_per_cell_with_its_state_readings_and_provenance()
    {
        var rows = Rows(6);
        var bytes = await Export(rows.Select(r => r.Row), new ExportOptions(ExportFormat.Csv, Long: true));
        var csv = ParseCsv(bytes);
        var header = csv[0];
        int C(string name) => Array.IndexOf(header, name);
        Assert.Equal(rows.Sum(r => r.Series.Report.Tables.Sum(t => t.Schema.CellCount)), csv.Count - 1);
        var byReport = csv.Skip(1).GroupBy(l => l[C("reportId")]).ToDictionary(g => g.Key, g => g.ToDictionary(l => l[C("cellPath")]));
        foreach (var (series, row) in rows)
        {
            if (series.Report.Template == ReportTemplate.Legacy) { Assert.False(byReport.ContainsKey(row.ReportId!)); continue; }
            var cells = byReport[row.ReportId!];
            foreach (var table in series.Report.Tables)
            foreach (var (path, value) in table.Cells())
            {
                var line = cells[path.ToString()];
                Assert.Equal(Text(value), line[C("value")]);
                var state = value is not null ? "value" : series.Ambiguous.ContainsKey(path) ? "ambiguous" : series.Unread.ContainsKey(path) ? "unread" : "blank";
                Assert.Equal(state, line[C("state")]);
                Assert.Equal(series.Agency.Placement?.RegionCode ?? "", line[C("regionCode")]);
                if (state == "ambiguous") Assert.Contains(series.Ambiguous[path].ToString(CultureInfo.InvariantCulture), line[C("candidates")].Split(" | "));
            }
        }

        // Provenance of a report read from a document: the printed text and where it stands.
        var generated = ReportGenerator.Generate(new GenerationSpec(7, ReportTemplate.Format2021, NumberScale.Mixed, false));
        var rendered = TextShapes.Render(generated, TextShape.Tabs, 7);
        var parsed = ReportPipeline.Default.Read(rendered.Bytes, rendered.FileName);
        // Offsets are into the document's normalized text, as the reader made it.
        var text = ReportPipeline.Default.Readers.Read(rendered.Bytes, rendered.FileName).Text.Value;
        var longRows = ParseCsv(await Export([new ExportRow(parsed, Series.Xinxian, "doc")], new ExportOptions(ExportFormat.Csv, Long: true)));
        var withSource = longRows.Skip(1).Where(l => l[C("printedText")] != "").ToList();
        Assert.True(withSource.Count > 100);
        foreach (var l in withSource)
        {
            var start = int.Parse(l[C("start")], CultureInfo.InvariantCulture);
            var length = int.Parse(l[C("length")], CultureInfo.InvariantCulture);
            Assert.Equal(l[C("printedText")], text.Substring(start, length));
            Assert.Equal(decimal.Parse(l[C("printedText")], CultureInfo.InvariantCulture), decimal.Parse(l[C("value")], CultureInfo.InvariantCulture));
            Assert.Equal(Text(generated.Truth[CellPath.Parse(l[C("cellPath")])]), l[C("value")]);
            Assert.Equal("exact", l[C("confidence")]);
        }
    }

    [Fact]
    public async Task A_cell_settled_by_another_years_report_is_a_number_that_says_so_and_names_the_report()
    {
        var report = ReportGenerator.Generate(new GenerationSpec(3, ReportTemplate.Format2021, NumberScale.Small, false)).Truth;
        var settled = CellPath.Parse("activeDisclosure.normativeDocuments.inForce");
        var row = new ExportRow(report, Series.Sidian, "this") { SettledBy = new Dictionary<CellPath, string> { [settled] = "last-year" }, Errors = 2, Warnings = 5 };
        var csv = ParseCsv(await Export([row], new ExportOptions(ExportFormat.Csv, Long: true)));
        int C(string name) => Array.IndexOf(csv[0], name);
        var line = csv.Single(l => l[C("cellPath")] == settled.ToString());
        Assert.Equal(("settled", "last-year", Text(report[settled])), (line[C("state")], line[C("settledBy")], line[C("value")]));
        Assert.All(csv.Skip(1).Where(l => l != line), l => Assert.Equal("", l[C("settledBy")]));
        Assert.All(csv.Skip(1), l => Assert.Equal(("2", "5"), (l[C("errors")], l[C("warnings")])));
    }

    [Fact]
    public async Task Xlsx_read_back_by_another_reader_has_the_same_numbers_as_numbers()
    {
        var rows = Rows(8);
        var path = Path.Combine(_dir, "reports.xlsx");
        await File.WriteAllBytesAsync(path, await Export(rows.Select(r => r.Row), new ExportOptions(ExportFormat.Xlsx, Labels: true)));
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        var sheet = new List<object?[]>();
        while (reader.Read())
        {
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++) values[i] = reader.GetValue(i);
            sheet.Add(values);
        }
        var header = sheet[0].Select(v => (string)v!).ToArray();
        Assert.Equal(AgencyColumns, header[..AgencyColumns.Length]);
        Assert.Contains("行政复议", (string)sheet[1][Array.IndexOf(header, "reviewsAndLawsuits.review.corrected")]!);
        Assert.Equal(rows.Count + 2, sheet.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (series, row) = rows[i];
            var line = sheet[i + 2];
            Assert.Equal(row.ReportId, line[0]);
            Assert.Equal(series.Agency.Placement?.RegionCode, line[Array.IndexOf(header, "regionCode")]);
            foreach (var p in AllPaths)
            {
                var cell = CellPath.Parse(p);
                var table = series.Report.Table(cell.Table);
                decimal? expected = table is not null && table.HasRow(cell.Row) ? table[cell] : null;
                var actual = line[Array.IndexOf(header, p)];
                if (expected is null) Assert.Null(actual);
                else Assert.Equal((double)expected.Value, Assert.IsType<double>(actual));
            }
        }
    }

    private static DuckDBConnection Duck()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        return connection;
    }

    private static List<Dictionary<string, object?>> Query(DuckDBConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    [Fact]
    public async Task Parquet_read_back_by_duckdb_has_typed_columns_and_the_generators_numbers()
    {
        var rows = Rows(9);
        var path = Path.Combine(_dir, "reports.parquet");
        await File.WriteAllBytesAsync(path, await Export(rows.Select(r => r.Row), new ExportOptions(ExportFormat.Parquet)));
        using var db = Duck();
        var types = Query(db, $"DESCRIBE SELECT * FROM read_parquet('{path}')").ToDictionary(r => (string)r["column_name"]!, r => (string)r["column_type"]!);
        Assert.Equal("BIGINT", types["applications_received_total"]);
        Assert.Equal("DECIMAL(28,8)", types["activeDisclosure_fees_amountWanYuan"]);
        Assert.Equal("VARCHAR", types["regionCode"]);
        Assert.Equal("BIGINT", types["year"]);
        var data = Query(db, $"SELECT * FROM read_parquet('{path}') ORDER BY reportId");
        Assert.Equal(rows.Count, data.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (series, row) = rows[i];
            Assert.Equal(row.ReportId, data[i]["reportId"]);
            Assert.Equal(series.Agency.Placement?.RegionName, data[i]["regionName"]);
            Assert.Equal(series.Agency.Placement?.Level, data[i]["level"]);
            foreach (var p in AllPaths)
            {
                var cell = CellPath.Parse(p);
                var table = series.Report.Table(cell.Table);
                decimal? expected = table is not null && table.HasRow(cell.Row) ? table[cell] : null;
                var actual = data[i][p.Replace('.', '_')];
                Assert.Equal(expected, actual is null ? null : Convert.ToDecimal(actual, CultureInfo.InvariantCulture));
            }
        }

        // What an analyst does with it: DuckDB's sums (nulls skipped) equal the summary's.
        var current = rows.Where(r => r.Series.Report.Year == 2022).ToList();
        var builder = new SummaryBuilder(new SummaryOptions());
        foreach (var r in current) builder.Add(r.Series.Entry);
        var summary = builder.Build();
        var sums = Query(db, $"SELECT sum(applications_received_total) AS received, sum(reviewsAndLawsuits_review_corrected) AS corrected FROM read_parquet('{path}') WHERE year = 2022")[0];
        Assert.Equal(summary.Total.Tables[CellPath.Parse("applications.received.total")].Sum, Dec(sums["received"]));
        Assert.Equal(summary.Total.Tables[CellPath.Parse("reviewsAndLawsuits.review.corrected")].Sum, Dec(sums["corrected"]));
    }

    /// <summary>DuckDB answers sums of BIGINT as HUGEINT (BigInteger).</summary>
    private static decimal? Dec(object? value) =>
        value is null ? null : decimal.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Long_parquet_spans_several_row_groups_and_counts_states_as_the_summary_does()
    {
        var rows = Rows(10);
        var path = Path.Combine(_dir, "cells.parquet");
        await File.WriteAllBytesAsync(path, await Export(rows.Select(r => r.Row), new ExportOptions(ExportFormat.Parquet, Long: true)));
        using var db = Duck();
        var groups = Query(db, $"SELECT count(DISTINCT row_group_id) AS n FROM parquet_metadata('{path}')")[0]["n"];
        Assert.True(Convert.ToInt64(groups) > 1);
        var total = rows.Sum(r => r.Series.Report.Tables.Sum(t => t.Schema.CellCount));
        Assert.Equal((long)total, Convert.ToInt64(Query(db, $"SELECT count(*) AS n FROM read_parquet('{path}')")[0]["n"]));

        var builder = new SummaryBuilder(new SummaryOptions());
        foreach (var r in rows.Where(r => r.Series.Report.Year == 2021)) builder.Add(r.Series.Entry);
        var summary = builder.Build();
        var states = Query(db, $"SELECT cellPath, state, count(*) AS n, sum(value) AS s FROM read_parquet('{path}') WHERE year = 2021 GROUP BY ALL");
        foreach (var cell in summary.Total.Tables.Cells().Where(c => c.Summed + c.NotSummed > 0))
        {
            long Count(string state) => states.Where(s => (string)s["cellPath"]! == cell.Path.ToString() && (string)s["state"]! == state).Sum(s => Convert.ToInt64(s["n"]));
            Assert.Equal((cell.Summed, cell.Blank, cell.Ambiguous, cell.Unread), ((int)Count("value"), (int)Count("blank"), (int)Count("ambiguous"), (int)Count("unread")));
        }
    }

    [Fact]
    public async Task Json_lines_carry_contract_records_that_read_back_beside_the_agencys_placement()
    {
        var rows = Rows(12);
        var bytes = await Export(rows.Select(r => r.Row), new ExportOptions(ExportFormat.JsonLines));
        var lines = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rows.Count, lines.Length);
        for (var i = 0; i < rows.Count; i++)
        {
            var (series, row) = rows[i];
            using var doc = JsonDocument.Parse(lines[i]);
            Assert.Equal(row.ReportId, doc.RootElement.GetProperty("reportId").GetString());
            var agency = doc.RootElement.GetProperty("archiveAgency");
            Assert.Equal(series.Agency.Id, agency.GetProperty("id").GetString());
            Assert.Equal(series.Agency.Placement?.RegionCode, agency.GetProperty("regionCode").GetString());
            var back = ReportJson.Read(doc.RootElement.GetProperty("record"));
            Assert.Equal(series.Report.Template, back.Template);
            Assert.Equal(series.Report.Year, back.Year);
            Assert.Equal(series.Report.Tables.SelectMany(t => t.Cells()), back.Tables.SelectMany(t => t.Cells()));
            Assert.Equal(series.Report.Findings.Select(f => (f.Rule, string.Join(",", f.Cells))), back.Findings.Select(f => (f.Rule, string.Join(",", f.Cells))));
            Assert.Equal(series.Report.ReadingNotes.Select(f => string.Join("|", f.Candidates ?? [])), back.ReadingNotes.Select(f => string.Join("|", f.Candidates ?? [])));
        }
    }

    /// <summary>A stream that remembers how much had been written whenever the exporter asked for the next report.</summary>
    private sealed class Probe(Stream inner)
    {
        public List<long> LengthAtEachReport { get; } = [];

        public IEnumerable<ExportRow> Rows(int count)
        {
            for (var i = 0; i < count; i++)
            {
                LengthAtEachReport.Add(inner.Length);
                var report = ReportGenerator.Generate(new GenerationSpec(i, ReportTemplate.Format2021, NumberScale.Mixed, false)).Truth;
                yield return new ExportRow(report, Series.Shuyang, $"r{i}");
            }
        }
    }

    [Theory]
    [InlineData(ExportFormat.Csv, false, 400)]
    [InlineData(ExportFormat.JsonLines, false, 400)]
    [InlineData(ExportFormat.Parquet, true, 60)]
    public async Task Export_streams_reports_as_they_come(ExportFormat format, bool longFormat, int count)
    {
        var path = Path.Combine(_dir, "stream.out");
        await using var file = File.Create(path);
        var probe = new Probe(file);
        var written = await Exporter.WriteAsync(probe.Rows(count), file, new ExportOptions(format, Long: longFormat));
        Assert.True(written >= count);
        // Output was already on its way long before the last report was asked for (buffers are bounded).
        var probeAt = count * 3 / 4;
        Assert.True(probe.LengthAtEachReport[probeAt] > 0, $"nothing written after {probeAt} of {count} reports ({format})");
    }

    [Fact]
    public async Task An_empty_export_still_has_its_columns()
    {
        var csv = ParseCsv(await Export([], new ExportOptions(ExportFormat.Csv)));
        Assert.Single(csv);
        Assert.Equal(AgencyColumns, csv[0][..AgencyColumns.Length]);
        var path = Path.Combine(_dir, "empty.parquet");
        await File.WriteAllBytesAsync(path, await Export([], new ExportOptions(ExportFormat.Parquet)));
        using var db = Duck();
        Assert.Equal(0L, Convert.ToInt64(Query(db, $"SELECT count(*) AS n FROM read_parquet('{path}')")[0]["n"]));
    }
}
