using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nianbao.Cli.Tests;

/// <summary>
/// What an audit of the command line as a new user found untested or wrong: the batch that
/// <c>parse --json</c> writes fed back in; records read back by the built nianbao with and without
/// provenance; the language when no locale variable is set; a batch streaming its results while later
/// files are still being read; the progress bar on a terminal and never in a pipe.
/// </summary>
public sealed class BatchAndTerminalTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[] TwoSeeds = [SharedFiles.Seed("001_5daa97a268f909c6.txt"), SharedFiles.Seed("002_3b18a393dc797b1b.txt")];

    [Fact]
    public void The_array_parse_json_writes_for_a_batch_is_refused_as_a_batch_never_checked_as_text()
    {
        var batch = Nianbao.Exec(["parse", .. TwoSeeds, "--json"]);
        Assert.Equal(0, batch.ExitCode);
        var path = _dir.Write("all.json", batch.Out);

        var check = Nianbao.Exec("check", path, "--lang", "en");
        var checkZh = Nianbao.Exec("check", path, "--lang", "zh");
        var parse = Nianbao.Exec("parse", path, "--json");

        // Read as text it used to become a report made of the JSON's own characters, with findings about it.
        Assert.Equal(2, check.ExitCode);
        Assert.Contains("all.json", check.Error);
        Assert.Contains("an array of 2 report records", check.Error);
        Assert.Contains("2 份年报记录组成的数组", checkZh.Error);
        Assert.DoesNotContain("S-1", check.Out);
        Assert.DoesNotContain("no findings", check.Out);
        Assert.Equal(2, parse.ExitCode);
        Assert.DoesNotContain("\"agency\"", parse.Out);
    }

    [Fact]
    public void Every_record_of_a_batch_and_a_single_record_read_back_by_nianbao_give_the_same_bytes()
    {
        var batch = Nianbao.Exec(["parse", .. TwoSeeds, "--json"]);
        var lines = batch.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{')).Select(l => l.TrimEnd(',')).ToList();
        Assert.Equal(2, lines.Count);

        foreach (var (seed, line) in TwoSeeds.Zip(lines))
        {
            var single = Nianbao.Exec("parse", seed, "--json");
            // The batch's compact line is the same record as the single file's indented object.
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(single.Out), JsonNode.Parse(line)), $"{seed}: the batch line differs from the single record");

            var record = _dir.Write(Path.GetFileNameWithoutExtension(seed) + ".json", single.Out);
            var again = Nianbao.Exec("parse", record, "--json");
            Assert.Equal(0, again.ExitCode);
            Assert.Equal(single.Out, again.Out);

            // Checking the record twice gives the findings checking the document gave.
            Assert.Equal(Nianbao.Exec("check", seed).Out.Split('\n').Skip(1), Nianbao.Exec("check", record).Out.Split('\n').Skip(1));
        }
    }

    [Fact]
    public void A_record_without_provenance_reads_back_to_the_same_bytes_and_keeps_its_numbers()
    {
        var seed = TwoSeeds[1];
        var lean = Nianbao.Exec("parse", seed, "--json", "--no-provenance");
        var full = Nianbao.Exec("parse", seed, "--json");
        using (var leanJson = lean.Json()) Assert.False(leanJson.RootElement.TryGetProperty("provenance", out _));
        var record = _dir.Write("lean.json", lean.Out);

        var again = Nianbao.Exec("parse", record, "--json");

        Assert.Equal(lean.Out, again.Out);
        var withoutProvenance = JsonNode.Parse(full.Out)!.AsObject();
        withoutProvenance.Remove("provenance");
        Assert.True(JsonNode.DeepEquals(withoutProvenance, JsonNode.Parse(again.Out)), "the numbers, sections or findings changed without provenance");
    }

    public static TheoryData<string, string, string, string> Locales => new()
    {
        // LC_ALL, LC_MESSAGES, LANG ("" = not set) → the language of the messages
        { "", "", "", "zh" },
        { "", "", "C", "en" },
        { "", "", "en_US.UTF-8", "en" },
        { "", "", "zh_CN.UTF-8", "zh" },
        { "", "zh_TW.UTF-8", "en_US.UTF-8", "zh" },
        { "en_US.UTF-8", "", "zh_CN.UTF-8", "en" },
        { "C.UTF-8", "zh_CN.UTF-8", "zh_CN.UTF-8", "en" },
    };

    [Theory]
    [MemberData(nameof(Locales))]
    public void The_language_defaults_from_the_first_locale_variable_set_and_chinese_when_none_is(string lcAll, string lcMessages, string lang, string expected)
    {
        var prose = _dir.Write("prose.txt", "今天天气很好，我们去公园散步。");
        var environment = new Dictionary<string, string> { ["LC_ALL"] = lcAll, ["LC_MESSAGES"] = lcMessages, ["LANG"] = lang };

        var run = Nianbao.ExecIn(null, environment, "check", prose);

        Assert.Equal(1, run.ExitCode);
        if (expected == "zh") Assert.Contains("错误", run.Out);
        else Assert.Contains("error   R-0 not a government information-disclosure annual report", run.Out);
        // --lang wins over the environment either way.
        Assert.Contains(expected == "zh" ? "error" : "错误", Nianbao.ExecIn(null, environment, "check", prose, "--lang", expected == "zh" ? "en" : "zh").Out);
    }

    /// <summary>Generated report files with known numbers, as <c>nianbao bench --generate</c> writes them.</summary>
    private string Generated(int count)
    {
        var dir = _dir["generated"];
        var run = Nianbao.Exec("bench", "--generate", dir, "--reports", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "11");
        Assert.Equal(0, run.ExitCode);
        return dir;
    }

    /// <summary>
    /// Streaming shown by behaviour, not by timing: the test reads the first result and then stops
    /// reading, so the process can run only a little ahead of what it has printed (the pipe fills); it
    /// then deletes the second half of the batch. A command that streams has not read those files yet
    /// and reports each as unreadable; one that read the whole batch before printing never notices.
    /// </summary>
    [Theory]
    [InlineData("parse")]
    [InlineData("check", "--json")]
    [InlineData("parse", "--json")]
    public async Task A_large_batch_prints_its_first_results_before_reading_the_later_files(params string[] command)
    {
        var dir = Generated(2000);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "nianbao.dll"), .. command, dir, "--lang", "en"]) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            string? first;
            do first = process.StandardOutput.ReadLine();
            while (first is "[" or "");
            Assert.NotNull(first);
            var later = Directory.GetFiles(dir).Order(StringComparer.Ordinal).Skip(1000).ToList();
            foreach (var file in later) File.Delete(file);

            var rest = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(180)));
            // The problems: on stderr, or (check --json) the lines of the unreadable files.
            var problems = await stderr + string.Join("\n", rest.Split('\n').Where(l => l.Contains("\"outcome\":\"unreadable\"", StringComparison.Ordinal)));
            // Only the few files read ahead of the output (the pipe and the pipeline's buffer) were read before.
            var missed = later.Count(f => problems.Contains(Path.GetFileName(f), StringComparison.Ordinal));
            Assert.True(missed >= 800, $"{string.Join(' ', command)}: only {missed} of the 1,000 deleted files were missed: the batch was read before its results were printed");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        Assert.Equal(2, process.ExitCode); // files could not be read
    }

    /// <summary>
    /// Runs nianbao with stderr on a pseudo-terminal (util-linux <c>script</c>, part of every Debian) and
    /// stdout in a file: the progress bar goes to the terminal, never into the results.
    /// </summary>
    private (string Terminal, string Stdout) OnATerminal(params string[] args)
    {
        var stdout = _dir["stdout.txt"];
        var command = "exec dotnet " + Quote(Path.Combine(AppContext.BaseDirectory, "nianbao.dll")) + " " + string.Join(' ', args.Select(Quote)) + " > " + Quote(stdout);
        var start = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in (string[])["-qec", command, "/dev/null"]) start.ArgumentList.Add(a);
        start.Environment["TERM"] = "xterm";
        start.Environment["LANG"] = "C.UTF-8";
        using var process = Process.Start(start)!;
        var terminal = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(180)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("nianbao on a terminal did not finish in 180 s");
        }
        return (terminal.Result, File.ReadAllText(stdout));
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [Fact]
    public void Progress_is_shown_on_a_terminal_and_kept_out_of_the_results_and_out_of_quiet_and_json_runs()
    {
        var dir = Generated(600);

        var (terminal, results) = OnATerminal("check", dir, "--lang", "en");
        Assert.Contains("Checking 600 files", terminal);
        Assert.DoesNotContain("Checking", results);
        Assert.EndsWith("0 not reports, 0 unreadable", results.Trim());

        var (parseTerminal, parsed) = OnATerminal("parse", dir, "--lang", "en");
        Assert.Contains("Reading 600 files", parseTerminal);
        Assert.DoesNotContain("Reading", parsed);

        var (quietTerminal, quiet) = OnATerminal("check", dir, "-q", "--lang", "en");
        Assert.DoesNotContain("Checking", quietTerminal);
        var lines = quiet.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("\tacross years\t", StringComparison.Ordinal)).ToList();
        Assert.Equal(601, lines.Count); // a line a file and the tally (and a line for each report with findings across years)

        var (jsonTerminal, json) = OnATerminal("check", dir, "--json", "--lang", "en");
        Assert.DoesNotContain("Checking", jsonTerminal);
        Assert.All(json.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => JsonDocument.Parse(l).Dispose());
    }

    [Fact]
    public void Import_shows_its_progress_on_a_terminal_then_the_problems_and_keeps_it_out_of_the_tally_pipes_and_quiet_runs()
    {
        var dir = Generated(300);
        File.WriteAllBytes(Path.Combine(dir, "zz-scan.bin"), [0x00, 0xFF, 0x10, 0x80, 0x00, 0x01]); // not a report: one problem line

        var (terminal, results) = OnATerminal("import", dir, "--db", _dir["a.db"]);
        // The bar counts every input, the unreadable one too. (Spectre draws the bar on a terminal it finds
        // interactive, else a line at 25, 50, 75 % … a second at most: the test sees a percentage either way.)
        Assert.Contains("导入 importing 301 inputs", terminal);
        Assert.Matches(@"\d+%", terminal);
        // The problem is printed once the bar is done, under it, not lost in it.
        var problem = terminal.LastIndexOf("zz-scan.bin", StringComparison.Ordinal);
        Assert.True(problem > terminal.LastIndexOf("importing 301 inputs", StringComparison.Ordinal), "the problem line comes after the bar");
        Assert.DoesNotContain("importing", results);
        Assert.Contains("301 个输入 inputs", results);

        // A pipe gets no bar; neither does a quiet run on a terminal.
        var piped = Nianbao.Exec("import", dir, "--db", _dir["b.db"]);
        Assert.DoesNotContain("importing", piped.Error);
        Assert.Contains("zz-scan.bin", piped.Error);
        var (quietTerminal, quiet) = OnATerminal("import", dir, "--db", _dir["c.db"], "-q");
        Assert.DoesNotContain("importing", quietTerminal);
        Assert.Contains("zz-scan.bin", quietTerminal);
        Assert.Contains("301 个输入 inputs", quiet);
    }
}
