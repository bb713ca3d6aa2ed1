using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nianbao.Archive;
using Nianbao.Domain;
using Nianbao.Server;
using Nianbao.Server.Accounts;
using Nianbao.Synthetic;

namespace Nianbao.Server.Tests;

/// <summary>
/// The real server on 127.0.0.1 (a free port) over a fresh archive: an SQLite file in a temp folder, or
/// a new database on the throw-away PostgreSQL server named by NIANBAO_TEST_PG (test.sh starts it).
/// Without that server the PostgreSQL tests fail: a test skipped is not a test passed.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    public const string Password = "correct-horse-42";
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private readonly WebApplication _app;
    private readonly ThrowAwayArchive? _place; // null for a second server on another's archive

    private TestServer(WebApplication app, ArchiveLocation location, ThrowAwayArchive? place)
    {
        _app = app;
        Location = location;
        _place = place;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
    }

    public ArchiveLocation Location { get; }
    public Uri BaseAddress { get; }

    /// <summary>The server's services (its summary cache, for tests that look at what was computed).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// A second server on the same archive (as two servers behind one intranet name share one PostgreSQL);
    /// the first one's disposal drops the database, this one's only stops it.
    /// </summary>
    public async Task<TestServer> StartAnotherAsync()
    {
        var app = Build(Location, 2 * 1024 * 1024, 5, null);
        await app.StartAsync();
        return new TestServer(app, Location, null);
    }

    private static WebApplication Build(ArchiveLocation location, long maxFileBytes, int maxFiles, Nianbao.Harvesting.HarvestOptions? harvest) =>
        NianbaoServer.Build(new ServerOptions { Archive = location, Urls = "http://127.0.0.1:0", MaxFileBytes = maxFileBytes, MaxFiles = maxFiles, Harvest = harvest ?? new() },
            logging => { logging.ClearProviders(); logging.AddConsole(); logging.SetMinimumLevel(LogLevel.Error); });

    public static async Task<TestServer> StartAsync(string provider, long maxFileBytes = 2 * 1024 * 1024, int maxFiles = 5, Nianbao.Harvesting.HarvestOptions? harvest = null)
    {
        var place = new ThrowAwayArchive(provider, "server-test");
        var location = ArchiveLocation.Parse(place.Db);
        var app = Build(location, maxFileBytes, maxFiles, harvest);
        await app.StartAsync();
        return new TestServer(app, location, place);
    }

    /// <summary>Adds an account straight in the archive (as <c>nianbao users add</c> does).</summary>
    public void AddAccount(string name, string role, string? region = null, string? agency = null)
    {
        using var store = ArchiveStore.Open(Location);
        var agencyId = agency is null ? null : store.FindAgencyId(agency) ?? agency;
        new AccountStore(store).Add(name, Password, role, region, agencyId);
    }

    /// <summary>A client with its own cookie jar, not signed in.</summary>
    public HttpClient Client() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    /// <summary>A client signed in as <paramref name="name"/>.</summary>
    public async Task<HttpClient> SignedIn(string name)
    {
        var client = Client();
        var response = await client.PostAsJsonAsync("/api/session", new { name, password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _place?.Dispose();
    }
}

/// <summary>Report files generated with known numbers (the oracle), printed as tab-separated text.</summary>
public static class Reports
{
    public static GeneratedReport Generate(string agency, int year, int seed, bool inconsistent = false)
    {
        var g = ReportGenerator.Generate(new GenerationSpec(seed, ReportTemplate.Format2021, NumberScale.Mixed, Inconsistent: inconsistent));
        var generatedYear = g.Truth.Year!.Value;
        return ReportGenerator.Rebuild(g, r =>
        {
            r.Agency = agency;
            r.Year = year;
            var sections = r.Sections.Select(s => s with { Text = s.Text.Replace($"{generatedYear}年", $"{year}年", StringComparison.Ordinal) }).ToList();
            r.Sections.Clear();
            r.Sections.AddRange(sections);
        }, keepAlterations: inconsistent);
    }

    public static byte[] Print(GeneratedReport report) => Encoding.UTF8.GetBytes(TextShapes.Render(report, TextShape.Tabs, 1).Text);

    /// <summary>A zip whose one entry expands 1000-fold (64 MB of zeros).</summary>
    public static byte[] ZipBomb()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("report.txt", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++) entry.Write(zeros);
        }
        return buffer.ToArray();
    }

    public static MultipartFormDataContent Files(params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files) form.Add(new ByteArrayContent(bytes), "file", name);
        return form;
    }
}
