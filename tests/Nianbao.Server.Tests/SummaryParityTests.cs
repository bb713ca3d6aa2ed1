using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Nianbao.Domain;
using Nianbao.Synthetic;
using static Nianbao.Server.Tests.Http;

namespace Nianbao.Server.Tests;

/// <summary>
/// The server's summary is the command's: the same archive summed by <c>GET /api/summary</c> and by
/// <c>nianbao summary --json</c> (the built CLI, run as a process) gives the same JSON — including a
/// run-together row that only last year's report settles, which the stored record leaves empty.
/// </summary>
public sealed class SummaryParityTests
{
    private const string Pingtan = "福建省平潭县人民政府办公室";
    private const string Guangshan = "河南省信阳市光山县人民政府办公室";

    private static GeneratedReport Next(GeneratedReport previous, int seed, Action<ReportDraft> edit) =>
        ReportGenerator.Rebuild(Reports.Generate(previous.Truth.Agency!, previous.Truth.Year!.Value + 1, seed), edit, keepAlterations: false);

    internal static string Cli(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nianbao.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["LANG"] = "C.UTF-8";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(180))) { process.Kill(entireProcessTree: true); Assert.Fail("nianbao summary did not finish in 180 s"); }
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>The JSON re-written compactly, so only content (not spacing) is compared.</summary>
    internal static string Canonical(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task The_api_summary_equals_nianbao_summary_json_for_the_same_archive(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        using var admin = await server.SignedIn("admin");
        // 8 | 8 | 55698 run together after last year's 55698 in force: only one cut fits, settled by 2021.
        var y2021 = ReportGenerator.Rebuild(Reports.Generate(Pingtan, 2021, 601), r => r.ActiveDisclosure!["regulations", "inForce"] = 55698, keepAlterations: false);
        var y2022 = Next(y2021, 602, r => { r.ActiveDisclosure!["regulations", "issued"] = 8; r.ActiveDisclosure["regulations", "repealed"] = 8; r.ActiveDisclosure["regulations", "inForce"] = 55698; });
        await Upload(admin, ("pingtan-2022.txt", TextShapes.Render(y2022, TextShape.RunTogether, 1).Bytes));
        await Upload(admin, ("pingtan-2021.txt", Reports.Print(y2021)), ("guangshan-2022.txt", Reports.Print(Reports.Generate(Guangshan, 2022, 603))),
            ("guangshan-2021.txt", Reports.Print(Reports.Generate(Guangshan, 2021, 604))));

        var db = server.Location.Provider == Archive.ArchiveProvider.Sqlite ? server.Location.Display : server.Location.ConnectionString;
        foreach (var (query, args) in new[]
        {
            ("year=2022", new[] { "--year", "2022" }),
            ("year=2022&region=350000000000", new[] { "--year", "2022", "--region", "350000000000" }),
            ("year=2021&rank=applicationsReceived", new[] { "--year", "2021", "--rank", "applicationsReceived" }),
        })
        {
            var api = await Json(await admin.GetAsync($"/api/summary?{query}"), HttpStatusCode.OK);
            var cli = Cli(["summary", "--db", db, "--json", .. args]);
            Assert.Equal(Canonical(cli), Canonical(api.GetRawText()));
        }
        // The settled cells are in the sum (the stored record of 2022 leaves them empty: the document alone does not decide them).
        var fujian = await Json(await admin.GetAsync("/api/summary?year=2022&region=350000000000"), HttpStatusCode.OK);
        var regulations = fujian.GetProperty("activeDisclosure").GetProperty("regulations");
        Assert.Equal(55698, regulations.GetProperty("inForce").GetInt32());
        Assert.Equal(8, regulations.GetProperty("issued").GetInt32());
    }
}
