using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Nianbao.Harvesting;
using static Nianbao.Server.Tests.Http;

namespace Nianbao.Server.Tests;

/// <summary>
/// Harvests through the API: a loopback site (127.0.0.1 only) serves two generated reports, a slow one
/// and a missing one; an administrator starts the harvest, a second start is refused while it runs,
/// and its progress is read until every URL has its outcome and the reports are in the archive.
/// </summary>
public sealed class HarvestApiTests
{
    private const string Xinxian = "河南省信阳市新县人民政府办公室";
    private const string Guangshan = "河南省信阳市光山县人民政府办公室";

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task A_harvest_started_through_the_api_runs_alone_and_reports_its_progress(string provider)
    {
        var files = new Dictionary<string, byte[]>
        {
            ["/ndbg/xinxian-2023.txt"] = Reports.Print(Reports.Generate(Xinxian, 2023, 71)),
            ["/ndbg/guangshan-2023.txt"] = Reports.Print(Reports.Generate(Guangshan, 2023, 72)),
        };
        var (site, root) = await ReportSite.StartAsync(files, "/ndbg/xinxian-2023.txt", ct => Task.Delay(TimeSpan.FromSeconds(2), ct));
        await using var _ = site;
        var harvest = new HarvestOptions { MinIntervalPerHost = TimeSpan.Zero, RequestTimeout = TimeSpan.FromSeconds(20), MaxRetries = 0 };
        await using var server = await TestServer.StartAsync(provider, harvest: harvest);
        server.AddAccount("admin", "admin");
        server.AddAccount("reviewer", "reviewer");
        using var admin = await server.SignedIn("admin");
        using var reviewer = await server.SignedIn("reviewer");

        await Problem(await admin.PostAsJsonAsync("/api/harvests", new { urls = Array.Empty<string>() }), HttpStatusCode.BadRequest);
        await Problem(await admin.PostAsJsonAsync("/api/harvests", new { urls = new[] { "file:///etc/passwd" } }), HttpStatusCode.BadRequest);
        await Problem(await admin.PostAsJsonAsync("/api/harvests", new { urls = new[] { "/relative/path" } }), HttpStatusCode.BadRequest);

        var urls = new[] { new Uri(root, "/ndbg/xinxian-2023.txt"), new Uri(root, "/ndbg/guangshan-2023.txt"), new Uri(root, "/ndbg/gone-2022.txt") }.Select(u => u.AbsoluteUri).ToArray();
        var started = await admin.PostAsJsonAsync("/api/harvests", new { urls });
        var run = await Json(started, HttpStatusCode.Accepted);
        var id = run.GetProperty("id").GetString()!;
        Assert.Equal($"/api/harvests/{id}", started.Headers.Location?.OriginalString);

        // The first URL takes two seconds: meanwhile the harvest is running and a second one is refused.
        var busy = await Problem(await reviewer.PostAsJsonAsync("/api/harvests", new { urls = new[] { urls[1] } }), HttpStatusCode.Conflict);
        Assert.Equal(id, busy.GetProperty("runningId").GetString());
        Assert.Equal("running", (await Json(await reviewer.GetAsync($"/api/harvests/{id}"), HttpStatusCode.OK)).GetProperty("status").GetString());

        JsonElement status = default;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            status = await Json(await admin.GetAsync($"/api/harvests/{id}"), HttpStatusCode.OK);
            if (status.GetProperty("status").GetString() != "running") break;
            await Task.Delay(200);
        }
        Assert.Equal("finished", status.GetProperty("status").GetString());
        var outcomes = status.GetProperty("outcomes").EnumerateArray().ToDictionary(o => o.GetProperty("url").GetString()!, o => o.GetProperty("outcome").GetString());
        Assert.Equal(3, outcomes.Count);
        Assert.Equal("imported", outcomes[urls[0]]);
        Assert.Equal("imported", outcomes[urls[1]]);
        Assert.Equal("failed", outcomes[urls[2]]);
        Assert.Equal(2, status.GetProperty("tally").GetProperty("imported").GetInt32());

        // The reports are in the archive, as an upload would have put them; the run is listed.
        var reports = await Json(await admin.GetAsync("/api/reports?year=2023"), HttpStatusCode.OK);
        Assert.Equal(new[] { Guangshan, Xinxian }.Order(), reports.EnumerateArray().Select(r => r.GetProperty("agency").GetString()!).Order());
        Assert.Equal(id, Assert.Single((await Json(await reviewer.GetAsync("/api/harvests"), HttpStatusCode.OK)).EnumerateArray()).GetProperty("id").GetString());
        await Problem(await admin.GetAsync("/api/harvests/no-such-run"), HttpStatusCode.NotFound);

        // Once it is done another may start (the same URLs again: nothing new, every report unchanged or present).
        var second = await Json(await reviewer.PostAsJsonAsync("/api/harvests", new { urls = urls[..2] }), HttpStatusCode.Accepted);
        Assert.NotEqual(id, second.GetProperty("id").GetString());
    }
}
