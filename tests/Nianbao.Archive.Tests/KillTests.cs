using System.Diagnostics;
using System.Text;
using Dapper;
using Nianbao.Archive.Import;
using Nianbao.Pipeline;
using Nianbao.Synthetic;

namespace Nianbao.Archive.Tests;

/// <summary>
/// Kill-safety: <c>nianbao import</c> killed (SIGKILL) at random moments, several times, and then run
/// to the end leaves exactly the archive an uninterrupted import makes.
/// </summary>
public class KillTests
{
    /// <summary>A few thousand inputs in CI; NIANBAO_KILL_TEST_REPORTS sets another number (a quick local run).</summary>
    private static int Reports => int.TryParse(Environment.GetEnvironmentVariable("NIANBAO_KILL_TEST_REPORTS"), out var n) && n >= 100 ? n : 1500;

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void An_import_killed_at_random_moments_and_run_again_ends_with_the_same_archive(string provider)
    {
        using var clean = TestArchive.Create(provider);
        using var killed = clean.Sibling();
        var folder = Path.Combine(clean.Folder, "in");
        var files = CorpusFactory.Generate(Reports, seed: 77).ToList();
        foreach (var (name, bytes) in files) clean.WriteFile(Path.Combine("in", name), bytes);
        // Outcomes other than "imported": the same bytes twice, and files that are no report.
        foreach (var (name, bytes) in files.Take(25)) clean.WriteFile(Path.Combine("in", "copies", name), bytes);
        for (var i = 0; i < 10; i++) clean.WriteFile(Path.Combine("in", "notes", $"note{i}.txt"), Encoding.UTF8.GetBytes($"会议纪要第{i}号：讨论了下一步的工作安排。"));
        var inputs = Reports + 25 + 10;

        Dictionary<string, List<string>> expected;
        using (var store = clean.Open())
        {
            var summary = new ArchiveImporter(store, ReportPipeline.Default).Run([folder]);
            Assert.Equal(inputs, summary.Results.Count);
            Assert.Equal(10, summary.Count(InputOutcome.NotAReport));
            Assert.True(summary.Count(InputOutcome.AlreadyPresent) >= 25);
            expected = ArchiveDump.Of(store);
        }

        var random = new Random(2024);
        var killedMidway = 0;
        using (var watcher = killed.Open())
        {
            for (var round = 0; round < 4; round++)
            {
                var done = Recorded(watcher);
                if (done >= inputs) break;
                // Kill when a random number of further inputs has been recorded: somewhere in the middle of the run.
                var target = done + random.Next(1, Math.Max(2, (inputs - done) / 2));
                using var process = StartImport(folder, killed);
                var deadline = Stopwatch.StartNew();
                while (!process.HasExited && Recorded(watcher) < target && deadline.Elapsed < TimeSpan.FromMinutes(3)) Thread.Sleep(random.Next(5, 40));
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                    var now = Recorded(watcher);
                    if (now > done && now < inputs) killedMidway++;
                }
            }
        }
        Assert.True(killedMidway >= 3, $"only {killedMidway} of the kills fell in the middle of an import");

        using (var last = StartImport(folder, killed))
        {
            Assert.True(last.WaitForExit(TimeSpan.FromMinutes(5)), "the last import did not finish");
            Assert.Equal(0, last.ExitCode);
        }
        using (var store = killed.Open())
        {
            ArchiveDump.Equal(expected, ArchiveDump.Of(store));
            // The interrupted runs are recorded as such.
            Assert.True(store.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM imports WHERE finished_at IS NULL") >= 3);
        }
    }

    /// <summary>How many inputs have a standing outcome (each is committed with its report).</summary>
    private static int Recorded(ArchiveStore store) => store.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM inputs");

    private static Process StartImport(string folder, TestArchive archive)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = archive.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "nianbao.dll"), "import", folder, "--db", archive.DbOption, "--quiet" })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        // Drain the output so the child never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
