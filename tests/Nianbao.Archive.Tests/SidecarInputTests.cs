using System.Text;
using Dapper;
using Nianbao.Archive.Import;
using Nianbao.Pipeline;

namespace Nianbao.Archive.Tests;

/// <summary>
/// Notes and expected answers beside the reports in a folder (README.md, SOURCES.md, *.expected.json,
/// dot-files) are not read as reports, but nothing silently disappears: each is an input with an
/// outcome, and the closing tally adds up to every file of the folder.
/// </summary>
public class SidecarInputTests
{
    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void Files_beside_the_reports_are_inputs_recorded_as_skipped_not_dropped(string provider)
    {
        using var archive = TestArchive.Create(provider);
        var report = archive.WriteFile("in/a.txt", Series.Print(Series.Generate("甲县人民政府", 2022, 1), new DateOnly(2023, 1, 15)));
        var sidecars = new[]
        {
            archive.WriteFile("in/README.md", Encoding.UTF8.GetBytes("# 样本说明\n")),
            archive.WriteFile("in/SOURCES.md", Encoding.UTF8.GetBytes("- https://example.invalid/a\n")),
            archive.WriteFile("in/a.expected.json", Encoding.UTF8.GetBytes("{}")),
            archive.WriteFile("in/sub/.hidden", Encoding.UTF8.GetBytes("x")),
        };
        var fileCount = Directory.GetFiles(Path.Combine(archive.Folder, "in"), "*", SearchOption.AllDirectories).Length;
        Assert.Equal(5, fileCount);

        using var store = archive.Open();
        var summary = new ArchiveImporter(store, ReportPipeline.Default).Run([Path.Combine(archive.Folder, "in")]);
        Assert.Equal(fileCount, summary.Results.Count);
        Assert.Equal(fileCount, Enum.GetValues<InputOutcome>().Sum(summary.Count));
        Assert.Equal(InputOutcome.Imported, summary.Results.Single(r => r.Input == report).Outcome);
        foreach (var sidecar in sidecars)
        {
            var result = summary.Results.Single(r => r.Input == sidecar);
            Assert.Equal(InputOutcome.NotAReport, result.Outcome);
            Assert.Null(result.ReportId);
            // Named, in Chinese and in English.
            Assert.StartsWith(sidecar + ": 跳过：不是报告文件", result.Reason);
            Assert.Contains("skipped: not a report file", result.Reason);
        }
        Assert.Equal(1, store.CountReports());
        Assert.Equal(4, store.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM import_inputs WHERE outcome = 'notAReport'"));
        // The count for the progress bar is the same number of inputs.
        Assert.Equal(fileCount, InputExpander.Count([Path.Combine(archive.Folder, "in")]));
    }
}
