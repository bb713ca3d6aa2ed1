using System.Diagnostics;
using System.Text.Json;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Domain.Templates;
using Nianbao.Tests.Checks;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Cli;

/// <summary>The command line as a user runs it: the built nianbao.dll in a process of its own, its output and exit code.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempFolder _folder = new("nianbao-cli-");
    private string _dir => _folder.Path;

    public void Dispose() => _folder.Dispose();

    private sealed record Outcome(int ExitCode, string Out, string Error);

    private static Outcome Nianbao(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nianbao.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["COLUMNS"] = "400"; // findings on one line each
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), "nianbao did not finish in 120 s");
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }

    private string Write(string name, ReportDraft report) => Write(name, report.Publish());

    private string Write(string name, Report report)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, ReportJson.Serialize(report));
        return path;
    }

    [Fact]
    public void Parse_prints_one_json_object_for_one_file_and_an_array_for_several()
    {
        var seed = TestPaths.RequireSharedFile("seeds", "003_145320c53f53a7db.txt");

        var one = Nianbao("parse", seed, "--json");
        Assert.Equal(0, one.ExitCode);
        using (var json = JsonDocument.Parse(one.Out))
        {
            Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
            Assert.Equal("2019", json.RootElement.GetProperty("template").GetString());
            Assert.Equal(2020, json.RootElement.GetProperty("year").GetInt32());
        }

        var all = Nianbao("parse", TestPaths.Seeds, "--json");
        Assert.Equal(0, all.ExitCode);
        using var array = JsonDocument.Parse(all.Out);
        Assert.Equal(5, array.RootElement.GetArrayLength());
    }

    [Fact]
    public void A_bad_file_is_named_and_the_others_still_go_through()
    {
        var good = Write("good.json", CheckReports.Consistent());
        var bad = Path.Combine(_dir, "broken.pdf");
        File.WriteAllBytes(bad, "%PDF-1.7\n garbage, not a PDF body"u8.ToArray());

        var run = Nianbao("check", good, bad);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("broken.pdf", run.Error);
        Assert.Contains("good.json", run.Out);
        Assert.Contains("no findings", run.Out);
    }

    [Fact]
    public void Check_exits_1_when_a_report_has_errors_and_keeps_the_wrong_total()
    {
        var report = CheckReports.Consistent();
        report.Applications![ApplicationRows.Received, ApplicationColumns.Total] = 14; // 10 + 3 printed as 14
        var path = Write("wrong.json", report);

        var run = Nianbao("check", path);
        var parsed = Nianbao("parse", path, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("T3-3", run.Out);
        using var json = JsonDocument.Parse(parsed.Out);
        Assert.Equal(14, json.RootElement.GetProperty("applications").GetProperty("received").GetProperty("total").GetInt32());
    }

    [Fact]
    public void Check_compares_a_report_with_last_years_given_with_previous()
    {
        var previous = CheckReports.Consistent(year: 2022);
        previous.Applications![ApplicationRows.CarriedForward, ApplicationColumns.NaturalPerson] = 4; // this year's 上年结转 says 2
        var current = CheckReports.Consistent(year: 2023);
        current.ReviewsAndLawsuits![ReviewRows.Review, ReviewColumns.Upheld] = 2;
        current.ReviewsAndLawsuits[ReviewRows.Review, ReviewColumns.Total] = 3;
        current.ActiveDisclosure!["normativeDocuments", "inForce"] = 11;
        var last = Write("2022.json", previous);
        var now = Write("2023.json", current);

        var alone = Nianbao("check", now);
        var withPrevious = Nianbao("check", now, "--previous", last);
        var together = Nianbao("check", last, now); // both years among the inputs, same agency

        Assert.DoesNotContain("T3-5", alone.Out);
        Assert.Contains("T3-5", withPrevious.Out);
        Assert.Contains("T3-5", together.Out);
        Assert.Equal(0, withPrevious.ExitCode); // a cross-year difference is a warning
    }
}
