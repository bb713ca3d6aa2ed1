using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Nianbao.Archive;
using static Nianbao.Server.Tests.Http;

namespace Nianbao.Server.Tests;

/// <summary>
/// Every write endpoint against every role, over real HTTP on SQLite and PostgreSQL: what an account may
/// not change is refused and, checked in the archive afterwards, not changed.
/// </summary>
public sealed class AuthorizationTests
{
    private const string Xinxian = "河南省信阳市新县人民政府办公室";
    private const string Guangshan = "河南省信阳市光山县人民政府办公室";
    private const string Dongcheng = "北京市东城区人民政府办公室";

    /// <summary>What the archive holds: reports (all versions), decisions, accounts, harvest runs.</summary>
    private static (int Reports, int Decisions, int Users, int Harvests) State(TestServer server)
    {
        using var store = ArchiveStore.Open(server.Location);
        var db = store.Connection;
        return (db.ExecuteScalar<int>("SELECT COUNT(*) FROM reports"), db.ExecuteScalar<int>("SELECT COUNT(*) FROM finding_decisions"),
            db.ExecuteScalar<int>("SELECT COUNT(*) FROM users"), db.ExecuteScalar<int>("SELECT COUNT(*) FROM harvest_runs"));
    }

    private static async Task<string> FirstFinding(HttpClient client, string id) =>
        (await Json(await client.GetAsync($"/api/reports/{id}/findings"), HttpStatusCode.OK)).EnumerateArray()
            .First(f => f.GetProperty("neighbourId").ValueKind == JsonValueKind.Null).GetProperty("seq").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task An_author_uploads_only_its_own_agencys_reports_and_the_rest_of_the_batch_goes_on(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        using var admin = await server.SignedIn("admin");
        // The author's account is made before any report of its agency is in the archive.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/users", new { name = "author", password = TestServer.Password, role = "author", agency = Xinxian })).StatusCode);
        using var author = await server.SignedIn("author");

        var own = Reports.Print(Reports.Generate(Xinxian, 2023, seed: 31));
        var other = Reports.Print(Reports.Generate(Guangshan, 2023, seed: 32));
        var results = await Upload(author, ("guangshan.txt", other), ("xinxian.txt", own), ("notes.txt", Encoding.UTF8.GetBytes("会议纪要：今天讨论了午餐安排。")));
        Assert.StartsWith("imported", results["xinxian.txt"].GetProperty("outcome").GetString());
        var problem = FileProblem(results["guangshan.txt"], "refused", 403);
        Assert.Contains(Guangshan, problem.GetProperty("detail").GetString());
        Assert.Contains("本机关", problem.GetProperty("detail").GetString());
        FileProblem(results["notes.txt"], "notAReport", 422);

        // Nothing of the refused report was stored; the author's own report is its to see.
        var all = await Json(await admin.GetAsync("/api/reports?history=true"), HttpStatusCode.OK);
        Assert.Equal(Xinxian, Assert.Single(all.EnumerateArray()).GetProperty("agency").GetString());
        var mine = await Json(await author.GetAsync("/api/reports"), HttpStatusCode.OK);
        Assert.Equal(results["xinxian.txt"].GetProperty("reportId").GetString(), Assert.Single(mine.EnumerateArray()).GetProperty("id").GetString());

        // The same bytes once an administrator stored them: still refused to the author, not "already present".
        Assert.StartsWith("imported", (await Upload(admin, ("guangshan.txt", other)))["guangshan.txt"].GetProperty("outcome").GetString());
        FileProblem((await Upload(author, ("again.txt", other)))["again.txt"], "refused", 403);
        Assert.Equal("alreadyPresent", (await Upload(author, ("mine-again.txt", own)))["mine-again.txt"].GetProperty("outcome").GetString());

        // The author changes nothing else: decisions, re-parsing, accounts, harvests.
        var before = State(server);
        var id = results["xinxian.txt"].GetProperty("reportId").GetString()!;
        await Problem(await author.PutAsJsonAsync($"/api/reports/{id}/findings/0/decision", new { decision = "dismissed" }), HttpStatusCode.Forbidden);
        await Problem(await author.PostAsync($"/api/reports/{id}/reparse", null), HttpStatusCode.Forbidden);
        await Problem(await author.PostAsJsonAsync("/api/users", new { name = "evil", password = TestServer.Password, role = "admin" }), HttpStatusCode.Forbidden);
        await Problem(await author.PostAsJsonAsync("/api/harvests", new { urls = new[] { "http://127.0.0.1:9/" } }), HttpStatusCode.Forbidden);
        Assert.Equal(before, State(server));
    }

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task A_reviewer_limited_to_a_region_sees_and_changes_only_that_region(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        server.AddAccount("hn", "reviewer", region: "410000000000");
        server.AddAccount("bj", "reviewer", region: "110000000000");
        using var admin = await server.SignedIn("admin");
        var xinxian = (await Upload(admin, ("x.txt", Reports.Print(Reports.Generate(Xinxian, 2023, 41, inconsistent: true)))))["x.txt"].GetProperty("reportId").GetString()!;
        var seq = await FirstFinding(admin, xinxian);

        // Beijing's reviewer: the Henan report does not exist for it, a Henan report is refused, its own region's is stored.
        using var beijing = await server.SignedIn("bj");
        var before = State(server);
        await Problem(await beijing.PutAsJsonAsync($"/api/reports/{xinxian}/findings/{seq}/decision", new { decision = "dismissed" }), HttpStatusCode.NotFound);
        await Problem(await beijing.PostAsync($"/api/reports/{xinxian}/reparse", null), HttpStatusCode.NotFound);
        await Problem(await beijing.GetAsync($"/api/reports/{xinxian}/findings"), HttpStatusCode.NotFound);
        await Problem(await beijing.PostAsJsonAsync("/api/users", new { name = "evil", password = TestServer.Password, role = "admin" }), HttpStatusCode.Forbidden);
        // A harvest stores whatever agencies a site publishes: not for a reviewer limited to a region.
        await Problem(await beijing.PostAsJsonAsync("/api/harvests", new { urls = new[] { "http://127.0.0.1:9/" } }), HttpStatusCode.Forbidden);
        var henanFile = await Upload(beijing, ("guangshan.txt", Reports.Print(Reports.Generate(Guangshan, 2023, 42))));
        Assert.Contains("110000000000", FileProblem(henanFile["guangshan.txt"], "refused", 403).GetProperty("detail").GetString());
        Assert.Equal(before, State(server));
        var ownFile = await Upload(beijing, ("dongcheng.txt", Reports.Print(Reports.Generate(Dongcheng, 2023, 43))));
        Assert.StartsWith("imported", ownFile["dongcheng.txt"].GetProperty("outcome").GetString());
        Assert.Equal(Dongcheng, Assert.Single((await Json(await beijing.GetAsync("/api/reports"), HttpStatusCode.OK)).EnumerateArray()).GetProperty("agency").GetString());
        Assert.Equal(JsonValueKind.Null, (await Json(await admin.GetAsync($"/api/reports/{xinxian}/findings"), HttpStatusCode.OK)).EnumerateArray()
            .Single(f => f.GetProperty("seq").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) == seq && f.GetProperty("neighbourId").ValueKind == JsonValueKind.Null)
            .GetProperty("decision").ValueKind);

        // Henan's reviewer decides and re-parses in its region; a Beijing report is refused to it.
        using var henan = await server.SignedIn("hn");
        Assert.Equal("dismissed", (await Json(await henan.PutAsJsonAsync($"/api/reports/{xinxian}/findings/{seq}/decision", new { decision = "dismissed", comment = "核对原文" }), HttpStatusCode.OK)).GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.OK, (await henan.PostAsync($"/api/reports/{xinxian}/reparse", null)).StatusCode);
        FileProblem((await Upload(henan, ("dc.txt", Reports.Print(Reports.Generate(Dongcheng, 2024, 44)))))["dc.txt"], "refused", 403);
        Assert.StartsWith("imported", (await Upload(henan, ("gs.txt", Reports.Print(Reports.Generate(Guangshan, 2023, 45)))))["gs.txt"].GetProperty("outcome").GetString());
        Assert.Equal(2, Count(await Json(await henan.GetAsync("/api/reports"), HttpStatusCode.OK)));
        Assert.Equal(1, Count(await Json(await beijing.GetAsync("/api/reports"), HttpStatusCode.OK)));
    }

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task A_viewer_changes_nothing(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        server.AddAccount("viewer", "viewer");
        using var admin = await server.SignedIn("admin");
        var id = (await Upload(admin, ("x.txt", Reports.Print(Reports.Generate(Xinxian, 2023, 51, inconsistent: true)))))["x.txt"].GetProperty("reportId").GetString()!;
        var seq = await FirstFinding(admin, id);
        using var viewer = await server.SignedIn("viewer");
        var before = State(server);
        await Problem(await viewer.PostAsync("/api/reports", Reports.Files(("y.txt", Reports.Print(Reports.Generate(Guangshan, 2023, 52))))), HttpStatusCode.Forbidden);
        await Problem(await viewer.PutAsJsonAsync($"/api/reports/{id}/findings/{seq}/decision", new { decision = "confirmed" }), HttpStatusCode.Forbidden);
        await Problem(await viewer.PostAsync($"/api/reports/{id}/reparse", null), HttpStatusCode.Forbidden);
        await Problem(await viewer.PostAsJsonAsync("/api/users", new { name = "evil", password = TestServer.Password, role = "admin" }), HttpStatusCode.Forbidden);
        await Problem(await viewer.PostAsJsonAsync("/api/harvests", new { urls = new[] { "http://127.0.0.1:9/" } }), HttpStatusCode.Forbidden);
        await Problem(await viewer.GetAsync("/api/harvests"), HttpStatusCode.Forbidden);
        Assert.Equal(before, State(server));
        // What it may do: read.
        Assert.Equal(1, Count(await Json(await viewer.GetAsync("/api/reports"), HttpStatusCode.OK)));
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/reports/{id}/findings")).StatusCode);
    }
}
