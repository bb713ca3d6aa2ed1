using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using ExcelDataReader;
using Nianbao.Domain;
using Nianbao.Export;

namespace Nianbao.Analysis.Tests;

/// <summary>
/// CSV injection: text that came with an upload (a file name, an agency name as printed) and begins like
/// a formula is written with an apostrophe before it, so Excel shows it instead of running it; numbers
/// are never touched, and the other formats keep the text as it is.
/// </summary>
public sealed class CsvInjectionTests
{
    static CsvInjectionTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly string[] Hostile = ["=HYPERLINK(\"http://127.0.0.1/x\",\"点此\")", "+1+2", "-3+4", "@SUM(A1:A9)", "\t=1+1"];

    private static async Task<byte[]> Export(IEnumerable<ExportRow> rows, ExportOptions options)
    {
        using var stream = new MemoryStream();
        await Exporter.WriteAsync(rows, stream, options);
        return stream.ToArray();
    }

    private static List<string[]> ParseCsv(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectColumnCountChanges = true, BadDataFound = a => throw new InvalidDataException(a.RawRecord) });
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(csv.Record!);
        return rows;
    }

    /// <summary>Generated reports whose file name, printed agency and archive agency name begin like formulas.</summary>
    private static List<(SeriesReport Series, ExportRow Row, string Text)> Rows() =>
        Series.Make(7).Where(s => s.Report.Tables.Any()).Take(Hostile.Length).Select((s, i) =>
        {
            var text = Hostile[i];
            var report = s.Report with { Source = new SourceInfo(text + ".txt", new string('a', 64), "text"), Agency = text + "县人民政府" };
            return (s, new ExportRow(report, s.Agency with { Name = text + "机关" }, $"r{i:D3}"), text);
        }).ToList();

    [Fact]
    public async Task Csv_text_that_begins_like_a_formula_gets_an_apostrophe_and_numbers_stay_numbers()
    {
        var rows = Rows();
        Assert.Equal(Hostile.Length, rows.Count);
        var csv = ParseCsv(await Export(rows.Select(r => r.Row), new ExportOptions(ExportFormat.Csv)));
        var header = csv[0];
        for (var i = 0; i < rows.Count; i++)
        {
            var (series, row, text) = rows[i];
            var line = csv[i + 1];
            string At(string name) => line[Array.IndexOf(header, name)];
            Assert.Equal("'" + text + ".txt", At("sourceFile"));
            Assert.Equal("'" + text + "县人民政府", At("agencyAsPrinted"));
            Assert.Equal("'" + text + "机关", At("agency"));
            // Text that does not begin like a formula is untouched.
            Assert.Equal(row.ReportId, At("reportId"));
            Assert.Equal(series.Agency.Placement?.RegionName ?? "", At("regionName"));
            // Every number is written as the number the report holds, without an apostrophe.
            var table = series.Report.Tables.First();
            for (var slot = 0; slot < table.Schema.CellCount; slot++)
            {
                var path = table.Schema.PathAt(slot);
                var column = Array.IndexOf(header, path.ToString());
                if (column < 0) continue;
                var expected = table.ValueAt(slot);
                Assert.Equal(expected?.ToString(CultureInfo.InvariantCulture) ?? "", line[column]);
            }
        }
    }

    [Fact]
    public async Task Long_csv_defuses_the_text_and_xlsx_keeps_it_as_text()
    {
        var rows = Rows();
        var csv = ParseCsv(await Export(rows.Take(1).Select(r => r.Row), new ExportOptions(ExportFormat.Csv, Long: true)));
        var header = csv[0];
        Assert.All(csv.Skip(1), line => Assert.Equal("'" + rows[0].Text + ".txt", line[Array.IndexOf(header, "sourceFile")]));
        Assert.All(csv.Skip(1), line => Assert.DoesNotContain("'", line[Array.IndexOf(header, "value")]));

        // XLSX cells are typed: a string is never a formula there, so the text is kept exactly.
        var xlsx = await Export(rows.Take(1).Select(r => r.Row), new ExportOptions(ExportFormat.Xlsx));
        using var reader = ExcelReaderFactory.CreateReader(new MemoryStream(xlsx));
        Assert.True(reader.Read());
        var names = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString()).ToList();
        Assert.True(reader.Read());
        Assert.Equal(rows[0].Text + ".txt", reader.GetValue(names.IndexOf("sourceFile"))?.ToString());
    }
}
