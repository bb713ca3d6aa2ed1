using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Domain.Templates;
using Nianbao.Synthetic;

namespace Nianbao.Server.Tests;

/// <summary>
/// The author's form in the 2019 format (chosen by the year, as the template definition says) and its
/// optional fee-collection table 信息处理费收取情况, over real HTTP on SQLite and PostgreSQL: a generated
/// report with known numbers typed in, checked, submitted and read back from the archive.
/// </summary>
public sealed class AuthorFormFormatsApiTests
{
    private const string Xinxian = "河南省信阳市新县人民政府办公室";

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static IEnumerable<JsonElement> FindingsOf(JsonElement check, string rule) =>
        check.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("rule").GetString() == rule);

    /// <summary>A generated report of the 2019 format (known numbers), for the given year.</summary>
    public static Report Generate2019(int year, int seed)
    {
        var g = ReportGenerator.Generate(new GenerationSpec(seed, ReportTemplate.Format2019, NumberScale.Mixed, Inconsistent: false));
        return ReportGenerator.Rebuild(g, r => { r.Agency = Xinxian; r.Year = year; }).Truth;
    }

    private static Dictionary<string, object?> FormOf(Report report, Dictionary<string, string?>? fees = null, Dictionary<string, string?>? units = null) => new()
    {
        ["agency"] = report.Agency,
        ["year"] = report.Year,
        ["cells"] = report.Tables.SelectMany(t => t.Cells()).Where(c => c.Value is not null)
            .ToDictionary(c => c.Path.ToString(), c => (string?)c.Value!.Value.ToString(CultureInfo.InvariantCulture)),
        ["sections"] = report.Sections.ToDictionary(s => s.Number.ToString(CultureInfo.InvariantCulture), s => (string?)s.Text),
        ["feeCollection"] = fees ?? [],
        ["units"] = units ?? [],
    };

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task A_2019_format_report_is_typed_checked_and_submitted_for_a_year_of_that_format(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        using var admin = await server.SignedIn("admin");
        var truth = Generate2019(2020, seed: 41);
        var form = FormOf(truth, units: new() { ["activeDisclosure.procurement.amount"] = "万元" });

        // The year says which format: 2020 is a year of the 2019 format, so its own cells (采购项目数量,
        // （六）其他处理 as one row) are taken and the checks run on it.
        var check = await Json(await admin.PostAsJsonAsync("/api/author/check", form));
        Assert.Equal("2019", check.GetProperty("template").GetString());
        Assert.Empty(FindingsOf(check, "F-1"));
        Assert.Empty(FindingsOf(check, "F-2"));
        Assert.Empty(FindingsOf(check, "Y-3"));   // the format fits the year
        Assert.Empty(FindingsOf(check, "T3-3"));

        // A 2019 row total that does not add up fires on its cells.
        var cells = (Dictionary<string, string?>)form["cells"]!;
        var total = "applications.received.total";
        var typed = decimal.Parse(cells[total]!, CultureInfo.InvariantCulture);
        cells[total] = (typed + 3).ToString(CultureInfo.InvariantCulture);
        var broken = Assert.Single(FindingsOf(await Json(await admin.PostAsJsonAsync("/api/author/check", form)), "T3-3"));
        Assert.Contains(total, broken.GetProperty("cells").EnumerateArray().Select(c => c.GetString()));
        cells[total] = typed.ToString(CultureInfo.InvariantCulture);

        // Submitted: stored as a 2019-format report with exactly the typed numbers and the unit chosen.
        var submitted = await Json(await admin.PostAsJsonAsync("/api/author/submit", form));
        Assert.StartsWith("imported", submitted.GetProperty("outcome").GetString());
        var record = ReportJson.Deserialize(await (await admin.GetAsync($"/api/reports/{submitted.GetProperty("reportId").GetString()}")).Content.ReadAsStringAsync());
        Assert.Equal(ReportTemplate.Format2019, record.Template);
        Assert.Equal(2020, record.Year);
        foreach (var table in truth.Tables)
            foreach (var (path, value) in table.Cells())
                Assert.True(value == record[path], $"{path}: typed {value}, stored {record[path]}");
        Assert.Equal("万元", record.ActiveDisclosure!.UnitOf("procurement", "amount"));
        Assert.Null(record.FeeCollection);   // no fee cell typed: no fee table, not one of zeros

        // The same form for a year of the 2021 format: the 2019-only cells are not in that format's tables.
        form["year"] = 2022;
        var other = await Json(await admin.PostAsJsonAsync("/api/author/check", form));
        Assert.Equal("2021", other.GetProperty("template").GetString());
        Assert.Contains(FindingsOf(other, "F-2"), f => f.GetProperty("message").GetString()!.Contains("activeDisclosure.procurement.projects"));
    }

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task The_fee_collection_cells_are_checked_stored_and_rendered(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        using var admin = await server.SignedIn("admin");
        var truth = Reports.Generate(Xinxian, 2025, seed: 42).Truth;

        // Text that is not a number, a negative amount: told on their cells, left blank.
        var bad = await Json(await admin.PostAsJsonAsync("/api/author/check",
            FormOf(truth, fees: new() { ["notifiedCount"] = "三件", ["notifiedAmountYuan"] = "-5" })));
        var notNumbers = FindingsOf(bad, "F-1").ToList();
        Assert.Equal(2, notNumbers.Count);
        Assert.Contains(notNumbers, f => f.GetProperty("cells")[0].GetString() == "feeCollection.notifiedCount" && f.GetProperty("message").GetString()!.Contains("三件"));
        Assert.Contains(notNumbers, f => f.GetProperty("cells")[0].GetString() == "feeCollection.notifiedAmountYuan");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PostAsJsonAsync("/api/author/submit",
            FormOf(truth, fees: new() { ["notifiedCount"] = "三件" }))).StatusCode);

        // Two of three typed (with a thousands comma), one left empty: stored as typed, the empty one blank and questioned.
        var form = FormOf(truth, fees: new() { ["notifiedCount"] = "3", ["notifiedAmountYuan"] = "1,200.50", ["collectedAmountYuan"] = "" });
        var check = await Json(await admin.PostAsJsonAsync("/api/author/check", form));
        Assert.Single(FindingsOf(check, "S-2B"));
        var submitted = await Json(await admin.PostAsJsonAsync("/api/author/submit", form));
        var id = submitted.GetProperty("reportId").GetString();
        var record = ReportJson.Deserialize(await (await admin.GetAsync($"/api/reports/{id}")).Content.ReadAsStringAsync());
        Assert.Equal(new FeeCollection(3, 1200.50m, null), record.FeeCollection);
        foreach (var table in truth.Tables)
            foreach (var (path, value) in table.Cells())
                Assert.Equal(value, record[path]);

        // The Word document prints the fee table with the typed numbers (and nothing for the blank).
        var filled = FormOf(truth, fees: new() { ["notifiedCount"] = "3", ["notifiedAmountYuan"] = "1200.5", ["collectedAmountYuan"] = "987" });
        var docx = await admin.PostAsJsonAsync("/api/author/rendered?format=docx", filled);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using (var zip = new ZipArchive(new MemoryStream(await docx.Content.ReadAsByteArrayAsync())))
        {
            var xml = new StreamReader(zip.GetEntry("word/document.xml")!.Open()).ReadToEnd();
            Assert.Contains("信息处理费收取情况", xml);
            Assert.Contains("通知收取金额（元）", xml);
            Assert.Contains(">1200.5<", xml);
            Assert.Contains(">987<", xml);
        }
    }
}
