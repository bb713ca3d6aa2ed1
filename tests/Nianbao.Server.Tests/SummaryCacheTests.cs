using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nianbao.Archive;
using Nianbao.Domain;
using Nianbao.Queries;
using Nianbao.Synthetic;
using static Nianbao.Server.Tests.Http;

namespace Nianbao.Server.Tests;

/// <summary>
/// Summaries and dashboards are kept per archive write generation (<see cref="GenerationCache"/>): a
/// second read with no write between is served from the cache and equal to the first; a write between
/// two reads — an upload, a placement changed outside the server, expected agencies, a decision, an
/// upload through another server on the same PostgreSQL — changes what the second read says, and the
/// answer still equals <c>nianbao summary --json</c>.
/// </summary>
public sealed class SummaryCacheTests
{
    private const string Xinxian = "河南省信阳市新县人民政府办公室";
    private const string Guangshan = "河南省信阳市光山县人民政府办公室";
    private const string Luoshan = "河南省信阳市罗山县人民政府办公室";
    private const string Xinyang = "411500000000";
    private const string Summary = "/api/summary?region=411500000000&year=2023";
    private static readonly CellPath Received = CellPath.Parse("applications.received.total");

    private static async Task<string> Text(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }

    private static (int Reports, decimal? Received) Read(string summary)
    {
        var root = JsonDocument.Parse(summary).RootElement;
        var received = root.GetProperty("applications").GetProperty("received").GetProperty("total");
        return (root.GetProperty("coverage").GetProperty("reports").GetInt32(), received.ValueKind == JsonValueKind.Null ? null : received.GetDecimal());
    }

    private static decimal Sum(params GeneratedReport[] reports) => reports.Sum(r => r.Truth[Received] ?? 0);

    private static long Generation(TestServer server)
    {
        using var store = ArchiveStore.Open(server.Location);
        return store.Generation();
    }

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task A_write_between_two_reads_changes_the_second_read(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        using var admin = await server.SignedIn("admin");
        var cache = server.Services.GetRequiredService<GenerationCache>();
        var x = Reports.Generate(Xinxian, 2023, seed: 71);
        var g = Reports.Generate(Guangshan, 2023, seed: 72, inconsistent: true);
        await Upload(admin, ("x.txt", Reports.Print(x)), ("g.txt", Reports.Print(g)));

        // Two reads, no write between: the second is the first, served from the cache.
        var first = await Text(admin, Summary);
        var computed = cache.Computed;
        Assert.Equal(first, await Text(admin, Summary));
        Assert.Equal(computed, cache.Computed);
        Assert.Equal((2, Sum(x, g)), Read(first));

        // 1. An upload through the API.
        var l = Reports.Generate(Luoshan, 2023, seed: 73);
        var before = Generation(server);
        await Upload(admin, ("l.txt", Reports.Print(l)));
        Assert.True(Generation(server) > before);
        Assert.Equal((3, Sum(x, g, l)), Read(await Text(admin, Summary)));

        // 2. A placement changed outside the server (as `nianbao agencies place` does, on its own connection):
        //    罗山县's office moved to another province leaves the region.
        using (var store = ArchiveStore.Open(server.Location))
            Assert.True(store.SetPlacement(store.FindAgencyId(Luoshan)!, new Placement(PlacementStatuses.Placed, "420100000000", "county", "office", null, null), pinned: true));
        Assert.Equal((2, Sum(x, g)), Read(await Text(admin, Summary)));

        // 3. Expected agencies imported outside the server: the dashboard's missing list follows.
        var board = await Json(await admin.GetAsync("/api/dashboard?region=411500000000&year=2023"), HttpStatusCode.OK);
        Assert.Equal(0, board.GetProperty("expected").GetInt32());
        Assert.Equal(2, board.GetProperty("received").GetInt32());
        using (var store = ArchiveStore.Open(server.Location))
            store.UpsertExpected([new ExpectedAgency(Xinxian, "411523000000"), new ExpectedAgency(Guangshan, "411522000000"), new ExpectedAgency("河南省信阳市潢川县人民政府办公室", "411526000000")]);
        board = await Json(await admin.GetAsync("/api/dashboard?region=411500000000&year=2023"), HttpStatusCode.OK);
        Assert.Equal(3, board.GetProperty("expected").GetInt32());
        Assert.Equal("河南省信阳市潢川县人民政府办公室", Assert.Single(board.GetProperty("missing").EnumerateArray()).GetProperty("agency").GetString());

        // 4. A reviewer's decision is a write too: the generation moves, so nothing computed before it is served after it.
        var id = (await Json(await admin.GetAsync($"/api/reports?agency={Uri.EscapeDataString(Guangshan)}&year=2023"), HttpStatusCode.OK))[0].GetProperty("id").GetString()!;
        var finding = (await Json(await admin.GetAsync($"/api/reports/{id}/findings"), HttpStatusCode.OK)).EnumerateArray().First(f => f.GetProperty("neighbourId").ValueKind == JsonValueKind.Null);
        before = Generation(server);
        await Json(await admin.PutAsJsonAsync($"/api/reports/{id}/findings/{finding.GetProperty("seq").GetInt32()}/decision", new { decision = "dismissed", comment = "原文如此" }), HttpStatusCode.OK);
        Assert.True(Generation(server) > before);
        computed = cache.Computed;
        var afterDecision = await Text(admin, Summary);
        Assert.Equal(computed + 1, cache.Computed);

        // What the cache answers after all these writes is what the command prints for the same archive.
        var db = server.Location.Provider == ArchiveProvider.Sqlite ? server.Location.Display : server.Location.ConnectionString;
        Assert.Equal(SummaryParityTests.Canonical(SummaryParityTests.Cli("summary", "--db", db, "--json", "--year", "2023", "--region", Xinyang)),
            SummaryParityTests.Canonical(afterDecision));
        Assert.Equal(afterDecision, await Text(admin, Summary));
    }

    [Fact]
    public async Task Two_servers_on_one_PostgreSQL_see_each_others_writes()
    {
        await using var a = await TestServer.StartAsync("postgres");
        a.AddAccount("admin", "admin");
        await using var b = await a.StartAnotherAsync();
        using var atA = await a.SignedIn("admin");
        using var atB = await b.SignedIn("admin");
        var x = Reports.Generate(Xinxian, 2023, seed: 81);
        var g = Reports.Generate(Guangshan, 2023, seed: 82);
        await Upload(atA, ("x.txt", Reports.Print(x)));
        Assert.Equal((1, Sum(x)), Read(await Text(atA, Summary)));
        Assert.Equal((1, Sum(x)), Read(await Text(atB, Summary)));
        var dashboardAtA = await Json(await atA.GetAsync("/api/dashboard?region=411500000000&year=2023"), HttpStatusCode.OK);
        Assert.Equal(1, dashboardAtA.GetProperty("received").GetInt32());

        // Written through B: A's next read, with its summary and dashboard cached, says so.
        await Upload(atB, ("g.txt", Reports.Print(g)));
        Assert.Equal((2, Sum(x, g)), Read(await Text(atA, Summary)));
        dashboardAtA = await Json(await atA.GetAsync("/api/dashboard?region=411500000000&year=2023"), HttpStatusCode.OK);
        Assert.Equal(2, dashboardAtA.GetProperty("received").GetInt32());
    }

    [Fact]
    public void A_kept_result_is_served_only_at_its_generation_or_later()
    {
        var folder = Directory.CreateTempSubdirectory("nianbao-cache-test-").FullName;
        try
        {
            var location = ArchiveLocation.Parse(Path.Combine(folder, "archive.db"));
            using var store = ArchiveStore.Open(location);
            var cache = new GenerationCache();
            var calls = 0;
            string Compute() => $"result {++calls} at {store.Generation()}";
            var first = cache.Get(store, "k", Compute);
            Assert.Same(first, cache.Get(store, "k", Compute));
            // Another connection writes (as another process would): the next read computes afresh.
            using (var other = ArchiveStore.Open(location))
                other.UpsertExpected([new ExpectedAgency(Xinxian, "411523000000")]);
            var second = cache.Get(store, "k", Compute);
            Assert.NotEqual(first, second);
            Assert.Equal(2, calls);
            // A computation that fails is not kept.
            Assert.Throws<InvalidOperationException>(() => cache.Get<string>(store, "bad", () => throw new InvalidOperationException("no")));
            Assert.Equal("ok", cache.Get(store, "bad", () => "ok"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
