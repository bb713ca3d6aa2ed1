using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Nianbao.Archive;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Domain.Templates;

namespace Nianbao.Server.Tests;

/// <summary>The author's form, the region dashboard and the comparison over real HTTP, on SQLite and PostgreSQL.</summary>
public sealed class AuthorDashboardCompareApiTests
{
    private const string Xinxian = "河南省信阳市新县人民政府办公室";
    private const string Guangshan = "河南省信阳市光山县人民政府办公室";
    private const string Luoshan = "河南省信阳市罗山县人民政府办公室";

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The form an author would type for this report: every number as text, every section.</summary>
    public static Dictionary<string, object?> FormOf(Report report, string? agency = null) => new()
    {
        ["agency"] = agency ?? report.Agency,
        ["year"] = report.Year,
        ["cells"] = report.Tables.SelectMany(t => t.Cells())
            .Where(c => c.Value is not null)
            .ToDictionary(c => c.Path.ToString(), c => (string?)c.Value!.Value.ToString(CultureInfo.InvariantCulture)),
        ["sections"] = report.Sections.ToDictionary(s => s.Number.ToString(CultureInfo.InvariantCulture), s => (string?)s.Text),
    };

    private static Dictionary<string, string?> Cells(Dictionary<string, object?> form) => (Dictionary<string, string?>)form["cells"]!;

    private static IEnumerable<JsonElement> FindingsOf(JsonElement check, string rule) =>
        check.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("rule").GetString() == rule);

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task The_form_is_checked_live_submitted_as_the_authors_agency_and_rendered(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        server.AddAccount("viewer", "viewer");
        using var admin = await server.SignedIn("admin");
        // The agency exists once a report of it is in the archive; its author account is tied to it.
        var earlier = Reports.Generate(Xinxian, 2022, seed: 31);
        await Json(await admin.PostAsync("/api/reports", Reports.Files(("x2022.txt", Reports.Print(earlier)))));
        server.AddAccount("author", "author", agency: Xinxian);
        using var author = await server.SignedIn("author");

        var truth = Reports.Generate(Xinxian, 2023, seed: 32).Truth;
        var form = FormOf(truth, agency: Guangshan); // an author cannot file for another agency: the form's name is ignored
        var clean = await Json(await author.PostAsJsonAsync("/api/author/check", form));
        Assert.Equal(Xinxian, clean.GetProperty("agency").GetString());
        Assert.Empty(FindingsOf(clean, "T3-3"));
        Assert.Empty(FindingsOf(clean, "F-1"));

        // A row total that does not add up: the check names the row and its cells, in Chinese.
        var total = "applications.received.total";
        var typed = decimal.Parse(Cells(form)[total]!, CultureInfo.InvariantCulture);
        Cells(form)[total] = (typed + 5).ToString(CultureInfo.InvariantCulture);
        var broken = await Json(await author.PostAsJsonAsync("/api/author/check", form));
        var rowTotal = Assert.Single(FindingsOf(broken, "T3-3"));
        Assert.Equal("error", rowTotal.GetProperty("severity").GetString());
        Assert.Contains(total, rowTotal.GetProperty("cells").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("本年新收", rowTotal.GetProperty("message").GetString());
        Assert.Contains((typed + 5).ToString(CultureInfo.InvariantCulture), rowTotal.GetProperty("message").GetString());
        Assert.True(broken.GetProperty("errors").GetInt32() >= 1);

        // Text that is not a number is told on its cell and left blank, never read as 0.
        Cells(form)[total] = "十二";
        var notNumber = Assert.Single(FindingsOf(await Json(await author.PostAsJsonAsync("/api/author/check", form)), "F-1"));
        Assert.Equal(total, Assert.Single(notNumber.GetProperty("cells").EnumerateArray()).GetString());
        Assert.Contains("十二", notNumber.GetProperty("message").GetString());
        var refused = await author.PostAsJsonAsync("/api/author/submit", form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);

        // Submitted: stored as the author's agency's report of the year, with exactly the typed numbers.
        Cells(form)[total] = typed.ToString(CultureInfo.InvariantCulture);
        var submitted = await Json(await author.PostAsJsonAsync("/api/author/submit", form));
        Assert.StartsWith("imported", submitted.GetProperty("outcome").GetString());
        Assert.Equal(Xinxian, submitted.GetProperty("agency").GetString());
        var id = submitted.GetProperty("reportId").GetString()!;
        var record = ReportJson.Deserialize(await (await author.GetAsync($"/api/reports/{id}")).Content.ReadAsStringAsync());
        Assert.Equal(2023, record.Year);
        Assert.Equal(ReportTemplate.Format2021, record.Template);
        foreach (var table in truth.Tables)
            foreach (var (path, value) in table.Cells())
                Assert.Equal(value, record[path]);
        Assert.Equal(truth.Sections.Select(s => s.Text.Trim()), record.Sections.Select(s => s.Text));
        var mine = await Json(await author.GetAsync("/api/reports?year=2023"));
        Assert.Equal(id, Assert.Single(mine.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(Xinxian, Assert.Single(mine.EnumerateArray()).GetProperty("agency").GetString());

        // The same form as a Word document in the national format, with the agency and the typed numbers in it.
        var docx = await author.PostAsJsonAsync("/api/author/rendered?format=docx", form);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using (var zip = new ZipArchive(new MemoryStream(await docx.Content.ReadAsByteArrayAsync())))
        {
            var xml = new StreamReader(zip.GetEntry("word/document.xml")!.Open()).ReadToEnd();
            Assert.Contains(Xinxian, xml);
            Assert.Contains($">{typed.ToString(CultureInfo.InvariantCulture)}<", xml);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await author.PostAsJsonAsync("/api/author/rendered?format=exe", form)).StatusCode);
        if (provider == "sqlite") // the PDF is printed by Chromium, the same whatever the archive: once is enough
        {
            var pdf = await author.PostAsJsonAsync("/api/author/rendered?format=pdf", form);
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            Assert.Equal("%PDF"u8.ToArray(), (await pdf.Content.ReadAsByteArrayAsync())[..4]);
        }

        // A viewer may check (it changes nothing) but not submit; an administrator names the agency.
        using var viewer = await server.SignedIn("viewer");
        Assert.Equal(HttpStatusCode.OK, (await viewer.PostAsJsonAsync("/api/author/check", form)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/author/submit", form)).StatusCode);
        var byAdmin = await Json(await admin.PostAsJsonAsync("/api/author/submit", FormOf(Reports.Generate(Guangshan, 2023, seed: 33).Truth)));
        Assert.Equal(Guangshan, byAdmin.GetProperty("agency").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/author/submit", new { year = 2023 })).StatusCode);
        using var anonymous = server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/author/check", form)).StatusCode);
    }

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task The_dashboard_counts_what_the_generated_reports_hold_and_lists_who_has_not_published(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        using var client = await server.SignedIn("admin");
        var x22 = Reports.Generate(Xinxian, 2022, seed: 41);
        var x23 = Reports.Generate(Xinxian, 2023, seed: 42);
        var g23 = Reports.Generate(Guangshan, 2023, seed: 43, inconsistent: true);
        await Json(await client.PostAsync("/api/reports", Reports.Files(("x22.txt", Reports.Print(x22)), ("x23.txt", Reports.Print(x23)), ("g23.txt", Reports.Print(g23)))));
        using (var store = ArchiveStore.Open(server.Location))
            store.UpsertExpected([new ExpectedAgency(Xinxian, "411523000000"), new ExpectedAgency(Guangshan, "411522000000"), new ExpectedAgency(Luoshan, "411521000000")]);

        var board = await Json(await client.GetAsync("/api/dashboard?region=411500000000&year=2023"));
        Assert.Equal(3, board.GetProperty("expected").GetInt32());
        Assert.Equal(2, board.GetProperty("received").GetInt32());
        Assert.Equal(2, board.GetProperty("receivedOfExpected").GetInt32());
        Assert.Equal(Luoshan, Assert.Single(board.GetProperty("missing").EnumerateArray()).GetProperty("agency").GetString());
        // The city's six-digit code is the same region as its twelve-digit one.
        var shortCode = await Json(await client.GetAsync("/api/dashboard?region=411500&year=2023"));
        Assert.Equal(2, shortCode.GetProperty("received").GetInt32());
        Assert.Equal(1, shortCode.GetProperty("missing").GetArrayLength());

        // Applications by applicant type and by outcome: the generated numbers summed (a blank adds nothing and is counted apart).
        decimal Sum(string path) => new[] { x23, g23 }.Sum(r => r.Truth[CellPath.Parse(path)] ?? 0);
        var applicants = board.GetProperty("applicants").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value").GetDecimal());
        Assert.Equal(6, applicants.Count);
        Assert.Equal(Sum("applications.received.naturalPerson"), applicants["naturalPerson"]);
        Assert.Equal(Sum("applications.received.commercial"), applicants["commercial"]);
        var outcomes = board.GetProperty("outcomes").EnumerateArray().ToDictionary(a => a.GetProperty("label").GetString()!, a => a.GetProperty("value").GetDecimal());
        Assert.Equal(Sum("applications.granted.total"), outcomes["（一）予以公开"]);
        var withheld = ApplicationRows.Format2021.Where(r => r.Group == "（三）不予公开").Sum(r => Sum($"applications.{r.Key}.total"));
        Assert.Equal(withheld, outcomes["（三）不予公开"]);
        Assert.Equal(6, outcomes.Count);

        // Error counts from the archive's findings; the trend over five years; a ranking of the two agencies.
        var errors = board.GetProperty("errors");
        using (var store = ArchiveStore.Open(server.Location))
        {
            var entries = store.ListReports(new ReportFilter { Year = 2023 });
            Assert.Equal(entries.Count(e => e.Errors > 0), errors.GetProperty("reportsWithErrors").GetInt32());
            Assert.Equal(entries.Sum(e => e.Errors), errors.GetProperty("errors").GetInt32());
        }
        var trend = board.GetProperty("trend").EnumerateArray().ToList();
        Assert.Equal([2019, 2020, 2021, 2022, 2023], trend.Select(t => t.GetProperty("year").GetInt32()));
        Assert.Equal(1, trend[3].GetProperty("reports").GetInt32());
        Assert.Equal(x22.Truth[CellPath.Parse("applications.received.total")], trend[3].GetProperty("applicationsReceived").GetDecimal());
        Assert.Equal(2, trend[4].GetProperty("reports").GetInt32());
        var received = board.GetProperty("rankings").EnumerateArray().Single(r => r.GetProperty("metric").GetString() == "applicationsReceived");
        var top = received.GetProperty("top").EnumerateArray().ToList();
        Assert.Equal(2, top.Count);
        Assert.True(top[0].GetProperty("value").GetDecimal() >= top[1].GetProperty("value").GetDecimal());

        // A reviewer limited to another region sees none of it.
        server.AddAccount("elsewhere", "reviewer", region: "420000000000");
        using var elsewhere = await server.SignedIn("elsewhere");
        var theirs = await Json(await elsewhere.GetAsync("/api/dashboard?region=411500000000&year=2023"));
        Assert.Equal(0, theirs.GetProperty("received").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/dashboard?region=nowhere-at-all&year=2023")).StatusCode);
    }

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task Two_years_of_an_agency_are_compared_cell_by_cell_and_section_by_section(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        using var client = await server.SignedIn("admin");
        var y22 = Reports.Generate(Xinxian, 2022, seed: 51);
        var y23 = Reports.Generate(Xinxian, 2023, seed: 52);
        var uploaded = await Json(await client.PostAsync("/api/reports", Reports.Files(("a.txt", Reports.Print(y22)), ("b.txt", Reports.Print(y23)))));
        var ids = uploaded.EnumerateArray().Select(u => u.GetProperty("reportId").GetString()!).ToList();

        var byYears = await Json(await client.GetAsync($"/api/compare?agency={Uri.EscapeDataString(Xinxian)}&year=2022&year2=2023"));
        var byIds = await Json(await client.GetAsync($"/api/compare?left={ids[0]}&right={ids[1]}"));
        Assert.Equal(byYears.GetProperty("differences").GetInt32(), byIds.GetProperty("differences").GetInt32());
        Assert.Equal(2022, byYears.GetProperty("left").GetProperty("year").GetInt32());
        Assert.Equal(2023, byYears.GetProperty("right").GetProperty("year").GetInt32());

        // Every cell against the two generated reports: marked different exactly when the numbers differ.
        var cells = byYears.GetProperty("tables").EnumerateArray().SelectMany(t => t.GetProperty("cells").EnumerateArray()).ToList();
        Assert.Equal(TemplateSchema.Format2021.Tables.Sum(t => t.CellCount), cells.Count);
        foreach (var cell in cells)
        {
            var path = CellPath.Parse(cell.GetProperty("path").GetString()!);
            decimal? left = y22.Truth[path], right = y23.Truth[path];
            Assert.Equal(left != right, cell.GetProperty("differs").GetBoolean());
            if (left is { } l && right is { } r) Assert.Equal(r - l, cell.GetProperty("change").GetDecimal());
        }
        Assert.Contains(cells, c => c.GetProperty("differs").GetBoolean());

        // The sections' diffs spell each side's text exactly; the year in the text is marked changed.
        foreach (var section in byYears.GetProperty("sections").EnumerateArray())
        {
            var segments = section.GetProperty("diff").EnumerateArray().ToList();
            string Spell(string skip) => string.Concat(segments.Where(s => s.GetProperty("kind").GetString() != skip).Select(s => s.GetProperty("text").GetString()));
            Assert.Equal(section.GetProperty("left").GetString() ?? "", Spell("inserted"));
            Assert.Equal(section.GetProperty("right").GetString() ?? "", Spell("deleted"));
        }
        var first = byYears.GetProperty("sections")[0];
        Assert.True(first.GetProperty("differs").GetBoolean());
        Assert.Contains(first.GetProperty("diff").EnumerateArray(), s => s.GetProperty("kind").GetString() == "inserted" && s.GetProperty("text").GetString()!.Contains('3'));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/compare?agency={Uri.EscapeDataString(Xinxian)}&year=2022&year2=2021")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/compare?left={ids[0]}")).StatusCode);
        server.AddAccount("author", "author", agency: Guangshan);
        using var author = await server.SignedIn("author");
        Assert.Equal(HttpStatusCode.NotFound, (await author.GetAsync($"/api/compare?left={ids[0]}&right={ids[1]}")).StatusCode);
    }
}
