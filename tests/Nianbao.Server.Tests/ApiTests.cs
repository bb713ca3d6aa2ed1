using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Nianbao.Domain;
using Nianbao.Domain.Contract;

namespace Nianbao.Server.Tests;

/// <summary>Every API endpoint over real HTTP on loopback, against SQLite and PostgreSQL.</summary>
public sealed class ApiTests
{
    private const string Xinxian = "河南省信阳市新县人民政府办公室";
    private const string Guangshan = "河南省信阳市光山县人民政府办公室";

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }

    private static async Task<JsonElement> Upload(HttpClient client, params (string, byte[])[] files) =>
        await Json(await client.PostAsync("/api/reports", Reports.Files(files)), HttpStatusCode.OK);

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task Sign_in_is_required_and_wrong_passwords_are_refused(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        using var anonymous = server.Client();
        await AssertProblem(await anonymous.GetAsync("/api/reports"), HttpStatusCode.Unauthorized);
        await AssertProblem(await anonymous.PostAsync("/api/reports", Reports.Files(("a.txt", "x"u8.ToArray()))), HttpStatusCode.Unauthorized);
        await AssertProblem(await anonymous.PostAsJsonAsync("/api/session", new { name = "admin", password = "wrong-password" }), HttpStatusCode.Unauthorized);
        await AssertProblem(await anonymous.PostAsJsonAsync("/api/session", new { name = "nobody", password = TestServer.Password }), HttpStatusCode.Unauthorized);

        var response = await anonymous.PostAsJsonAsync("/api/session", new { name = "admin", password = TestServer.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(NianbaoServer.CookieName, StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("admin", (await Json(await anonymous.GetAsync("/api/session"), HttpStatusCode.OK)).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.DeleteAsync("/api/session")).StatusCode);
        await AssertProblem(await anonymous.GetAsync("/api/reports"), HttpStatusCode.Unauthorized);
    }

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task Uploaded_reports_come_back_with_the_numbers_they_print_and_bad_files_get_their_own_error(string provider)
    {
        await using var server = await TestServer.StartAsync(provider, maxFileBytes: 1024 * 1024, maxFiles: 8);
        server.AddAccount("admin", "admin");
        using var client = await server.SignedIn("admin");
        var xinxian = Reports.Generate(Xinxian, 2023, seed: 11);
        var corruptPdf = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog"u8.ToArray().Concat(new byte[300]).ToArray();
        var huge = new byte[1024 * 1024 + 1];
        var results = await Upload(client,
            ("xinxian-2023.txt", Reports.Print(xinxian)), ("notes.txt", Encoding.UTF8.GetBytes("会议纪要：今天讨论了午餐安排。")),
            ("broken.pdf", corruptPdf), ("bomb.zip", Reports.ZipBomb()), ("huge.txt", huge));
        var byFile = results.EnumerateArray().ToDictionary(r => r.GetProperty("file").GetString()!);
        Assert.Equal(5, byFile.Count);

        var report = byFile["xinxian-2023.txt"];
        Assert.StartsWith("imported", report.GetProperty("outcome").GetString());
        var id = report.GetProperty("reportId").GetString()!;
        foreach (var bad in new[] { "notes.txt", "broken.pdf", "bomb.zip", "huge.txt" })
        {
            Assert.True(byFile[bad].GetProperty("outcome").GetString() is "failed" or "notAReport", bad);
            Assert.Contains(bad, byFile[bad].GetProperty("reason").GetString());
            Assert.Equal(JsonValueKind.Null, byFile[bad].GetProperty("reportId").ValueKind);
        }
        Assert.Contains("过大", byFile["huge.txt"].GetProperty("reason").GetString());

        // The lossless record holds the generated numbers (the oracle), cell by cell.
        var record = ReportJson.Deserialize(await (await client.GetAsync($"/api/reports/{id}")).Content.ReadAsStringAsync());
        Assert.Equal(2023, record.Year);
        foreach (var path in new[] { "applications.received.total", "applications.granted.naturalPerson", "reviewsAndLawsuits.review.total" })
            Assert.Equal(xinxian.Truth[CellPath.Parse(path)], record[CellPath.Parse(path)]);

        var listed = await Json(await client.GetAsync("/api/reports?year=2023"), HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetString());
        Assert.StartsWith("41", Assert.Single(listed.EnumerateArray()).GetProperty("regionCode").GetString());
        Assert.Empty((await Json(await client.GetAsync("/api/reports?year=2022"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Empty((await Json(await client.GetAsync("/api/reports?hasErrors=true"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Single((await Json(await client.GetAsync("/api/reports?template=2021"), HttpStatusCode.OK)).EnumerateArray());
        await AssertProblem(await client.GetAsync("/api/reports/0123456789abcdef"), HttpStatusCode.NotFound);

        // The same bytes again are already present; too many files at once are refused as a whole.
        Assert.Equal("alreadyPresent", (await Upload(client, ("again.txt", Reports.Print(xinxian))))[0].GetProperty("outcome").GetString());
        var many = Enumerable.Range(0, 9).Select(i => ($"{i}.txt", new byte[] { 1 })).ToArray();
        await AssertProblem(await client.PostAsync("/api/reports", Reports.Files(many)), HttpStatusCode.RequestEntityTooLarge);
        await AssertProblem(await client.PostAsync("/api/reports", new StringContent("{}", Encoding.UTF8, "application/json")), HttpStatusCode.UnsupportedMediaType);
    }

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task A_dismissed_finding_stays_dismissed_after_reparsing_and_in_a_newer_version(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        using var client = await server.SignedIn("admin");
        var generated = Reports.Generate(Xinxian, 2023, seed: 5, inconsistent: true);
        var bytes = Reports.Print(generated);
        var id = (await Upload(client, ("v1.txt", bytes)))[0].GetProperty("reportId").GetString()!;
        var findings = await Json(await client.GetAsync($"/api/reports/{id}/findings"), HttpStatusCode.OK);
        var finding = findings.EnumerateArray().First(f => f.GetProperty("neighbourId").ValueKind == JsonValueKind.Null);
        var seq = finding.GetProperty("seq").GetInt32();
        var rule = finding.GetProperty("rule").GetString();
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("decision").ValueKind);

        await AssertProblem(await client.PutAsJsonAsync($"/api/reports/{id}/findings/{seq}/decision", new { decision = "ignore" }), HttpStatusCode.BadRequest);
        await AssertProblem(await client.PutAsJsonAsync($"/api/reports/{id}/findings/999/decision", new { decision = "dismissed" }), HttpStatusCode.NotFound);
        var decided = await Json(await client.PutAsJsonAsync($"/api/reports/{id}/findings/{seq}/decision", new { decision = "dismissed", comment = "原文如此 <b>ok</b>" }), HttpStatusCode.OK);
        Assert.Equal("dismissed", decided.GetProperty("kind").GetString());

        JsonElement Decision(JsonElement list) => list.EnumerateArray().Single(f => f.GetProperty("rule").GetString() == rule
            && f.GetProperty("neighbourId").ValueKind == JsonValueKind.Null && f.GetProperty("cells").ToString() == finding.GetProperty("cells").ToString()).GetProperty("decision");

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/reports/{id}/reparse", null)).StatusCode);
        var after = Decision(await Json(await client.GetAsync($"/api/reports/{id}/findings"), HttpStatusCode.OK));
        Assert.Equal("dismissed", after.GetProperty("kind").GetString());
        Assert.Equal("原文如此 <b>ok</b>", after.GetProperty("comment").GetString());

        // A newer version of the file (one more line at the end) is another report of the same agency-year.
        var newer = bytes.Concat(Encoding.UTF8.GetBytes("\n（本报告有更正）\n")).ToArray();
        var newId = (await Upload(client, ("v2.txt", newer)))[0].GetProperty("reportId").GetString()!;
        Assert.NotEqual(id, newId);
        Assert.Equal("dismissed", Decision(await Json(await client.GetAsync($"/api/reports/{newId}/findings"), HttpStatusCode.OK)).GetProperty("kind").GetString());
    }

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task Roles_limit_what_an_account_sees_and_changes(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        using var admin = await server.SignedIn("admin");
        var ids = new Dictionary<string, string>();
        foreach (var (agency, seed) in new[] { (Xinxian, 1), (Guangshan, 2) })
            ids[agency] = (await Upload(admin, ($"{seed}.txt", Reports.Print(Reports.Generate(agency, 2023, seed, inconsistent: true)))))[0].GetProperty("reportId").GetString()!;

        // Accounts are created through the API by an administrator only.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/users", new { name = "viewer", password = TestServer.Password, role = "viewer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/users", new { name = "bj", password = TestServer.Password, role = "reviewer", region = "110000000000" })).StatusCode);
        // A region given by name is kept as its code (else the account would match no report); an ambiguous name is refused.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/users", new { name = "hn", password = TestServer.Password, role = "reviewer", region = "河南省" })).StatusCode);
        await AssertProblem(await admin.PostAsJsonAsync("/api/users", new { name = "xh", password = TestServer.Password, role = "reviewer", region = "西湖区" }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/users", new { name = "author", password = TestServer.Password, role = "author", agency = Xinxian })).StatusCode);
        await AssertProblem(await admin.PostAsJsonAsync("/api/users", new { name = "short", password = "123", role = "viewer" }), HttpStatusCode.BadRequest);

        using var viewer = await server.SignedIn("viewer");
        Assert.Equal(2, (await Json(await viewer.GetAsync("/api/reports"), HttpStatusCode.OK)).GetArrayLength());
        await AssertProblem(await viewer.PostAsync("/api/reports", Reports.Files(("x.txt", Reports.Print(Reports.Generate(Xinxian, 2024, 3))))), HttpStatusCode.Forbidden);
        await AssertProblem(await viewer.PutAsJsonAsync($"/api/reports/{ids[Xinxian]}/findings/0/decision", new { decision = "dismissed" }), HttpStatusCode.Forbidden);
        await AssertProblem(await viewer.PostAsync($"/api/reports/{ids[Xinxian]}/reparse", null), HttpStatusCode.Forbidden);
        await AssertProblem(await viewer.PostAsJsonAsync("/api/users", new { name = "evil", password = TestServer.Password, role = "admin" }), HttpStatusCode.Forbidden);
        await AssertProblem(await viewer.GetAsync("/api/users"), HttpStatusCode.Forbidden);
        Assert.Equal(2, (await Json(await admin.GetAsync("/api/reports"), HttpStatusCode.OK)).GetArrayLength());

        using var beijing = await server.SignedIn("bj");
        Assert.Equal(0, (await Json(await beijing.GetAsync("/api/reports"), HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(0, (await Json(await beijing.GetAsync("/api/reports?region=410000000000"), HttpStatusCode.OK)).GetArrayLength());
        await AssertProblem(await beijing.GetAsync($"/api/reports/{ids[Xinxian]}"), HttpStatusCode.NotFound);
        await AssertProblem(await beijing.PutAsJsonAsync($"/api/reports/{ids[Xinxian]}/findings/0/decision", new { decision = "dismissed" }), HttpStatusCode.NotFound);
        using var henan = await server.SignedIn("hn");
        Assert.Equal(2, (await Json(await henan.GetAsync("/api/reports"), HttpStatusCode.OK)).GetArrayLength());

        using var author = await server.SignedIn("author");
        var own = await Json(await author.GetAsync("/api/reports"), HttpStatusCode.OK);
        Assert.Equal(ids[Xinxian], Assert.Single(own.EnumerateArray()).GetProperty("id").GetString());
        await AssertProblem(await author.GetAsync($"/api/reports/{ids[Guangshan]}"), HttpStatusCode.NotFound);
        await AssertProblem(await author.PostAsync($"/api/reports/{ids[Xinxian]}/reparse", null), HttpStatusCode.Forbidden);
        var csv = await (await author.GetAsync("/api/export?format=csv")).Content.ReadAsStringAsync();
        Assert.Contains(Xinxian, csv);
        Assert.DoesNotContain(Guangshan, csv);
    }

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task Summaries_exports_renderings_and_the_api_reference(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        using var client = await server.SignedIn("admin");
        var a = Reports.Generate(Xinxian, 2023, seed: 21);
        var b = Reports.Generate(Guangshan, 2023, seed: 22);
        var results = await Upload(client, ("a.txt", Reports.Print(a)), ("b.txt", Reports.Print(b)));
        var id = results[0].GetProperty("reportId").GetString()!;

        var summary = await Json(await client.GetAsync("/api/summary?region=411500000000&year=2023"), HttpStatusCode.OK);
        Assert.Contains("applicationsReceived", summary.ToString());
        var received = CellPath.Parse("applications.received.total");
        Assert.Contains(((a.Truth[received] ?? 0) + (b.Truth[received] ?? 0)).ToString(System.Globalization.CultureInfo.InvariantCulture), summary.ToString());
        var ranking = await Json(await client.GetAsync("/api/rankings/applicationsReceived?region=411500000000&year=2023"), HttpStatusCode.OK);
        Assert.Equal(2, ranking.GetProperty("ranked").GetArrayLength());
        await AssertProblem(await client.GetAsync("/api/rankings/noSuchMetric?year=2023"), HttpStatusCode.BadRequest);
        Assert.Equal(JsonValueKind.Array, (await Json(await client.GetAsync("/api/missing?year=2023"), HttpStatusCode.OK)).ValueKind);

        var csv = await (await client.GetAsync("/api/export?format=csv")).Content.ReadAsStringAsync();
        Assert.Contains(Xinxian, csv);
        Assert.Contains(Guangshan, csv);
        var xlsx = await (await client.GetAsync("/api/export?format=xlsx")).Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), xlsx[..2]);
        var parquet = await (await client.GetAsync("/api/export?format=parquet")).Content.ReadAsByteArrayAsync();
        Assert.Equal("PAR1"u8.ToArray(), parquet[..4]);
        await AssertProblem(await client.GetAsync("/api/export?format=doc"), HttpStatusCode.BadRequest);

        var html = await (await client.GetAsync($"/api/reports/{id}/rendered?format=html")).Content.ReadAsStringAsync();
        Assert.Contains(Xinxian, html);
        var docx = await (await client.GetAsync($"/api/reports/{id}/rendered?format=docx")).Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), docx[..2]);
        await AssertProblem(await client.GetAsync($"/api/reports/{id}/rendered?format=exe"), HttpStatusCode.BadRequest);

        var openapi = await Json(await client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        foreach (var path in new[] { "/api/reports", "/api/reports/{id}", "/api/reports/{id}/findings", "/api/summary", "/api/export", "/api/session" })
            Assert.True(openapi.GetProperty("paths").TryGetProperty(path, out _), path);
        var docs = await client.GetAsync("/api/docs");
        // The reference page may first redirect to its canonical address.
        var visited = new List<string> { "/api/docs" };
        for (var hops = 0; hops < 3 && (int)docs.StatusCode is 301 or 302 or 307 or 308; hops++)
        {
            // A relative Location is resolved against the address that answered, as a browser does.
            var next = new Uri(new Uri(server.BaseAddress, visited[^1]), docs.Headers.Location!);
            visited.Add(next.AbsolutePath);
            docs = await client.GetAsync(next);
        }
        Assert.True(docs.StatusCode == HttpStatusCode.OK, $"{docs.StatusCode}: {string.Join(" → ", visited)}");
        Assert.Contains("openapi", await docs.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
