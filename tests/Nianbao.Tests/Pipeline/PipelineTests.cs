using System.Text;
using Nianbao.Documents;
using Nianbao.Documents.Model;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Rendering;
using Nianbao.Tests.Checks;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Pipeline;

public class PipelineTests
{
    private static byte[] GoodReport() => ReportRenderers.For("md").Render(CheckReports.Consistent().Publish());

    [Fact]
    public void A_batch_gives_one_outcome_per_input_whatever_the_others_do()
    {
        using var folder = new TempFolder("nianbao-pipeline-");
        File.WriteAllBytes(folder["good.md"], GoodReport());
        File.WriteAllText(folder["prose.txt"], "今天天气很好，我们去公园散步。\n没有任何表格。");
        File.WriteAllText(folder["empty-object.json"], "{}");
        File.WriteAllText(folder["empty-array.json"], "[]");
        File.WriteAllBytes(folder["broken.pdf"], "%PDF-1.7\n garbage, not a PDF body"u8.ToArray());
        File.WriteAllText(folder["bad-record.json"], """{"schemaVersion": 1, "template": "2021", "year": "next year"}""");
        var inputs = new[] { "good.md", "prose.txt", "empty-object.json", "empty-array.json", "broken.pdf", "bad-record.json", "missing.md" }
            .Select(n => PipelineInput.FromFile(folder[n])).ToList();

        var outcomes = ReportPipeline.Default.ReadAll(inputs);

        Assert.Equal(Enumerable.Range(0, inputs.Count), outcomes.Select(o => o.Index));
        Assert.Equal(
            [OutcomeKind.Report, OutcomeKind.NotAReport, OutcomeKind.NotAReport, OutcomeKind.NotAReport, OutcomeKind.Unreadable, OutcomeKind.Unreadable, OutcomeKind.Unreadable],
            outcomes.Select(o => o.Kind));
        Assert.Empty(outcomes[0].Report!.Findings);
        Assert.All(outcomes.Skip(1).Take(3), o => Assert.NotNull(o.Report));
        Assert.All(outcomes.Skip(4), o => Assert.StartsWith(inputs[o.Index].Name + ": ", o.Reason));
        Assert.Equal("year", Assert.IsType<ReportRecordException>(outcomes[5].Error!.InnerException).Field);
    }

    [Fact]
    public void An_input_that_throws_or_hangs_is_isolated_and_the_batch_goes_on()
    {
        var readers = new DocumentReaders([new MisbehavingReader(), .. DocumentReaders.Default.Readers]);
        // 5 s, not less: the good inputs must finish before the hung one times out even when a loaded CI machine
        // parses the first Markdown report cold (a CI run saw good-2.md come after a 500 ms timeout).
        var pipeline = new ReportPipeline(new PipelineOptions { FileTimeout = TimeSpan.FromSeconds(5), MaxParallelism = 2 }, readers);
        var good = GoodReport();
        var inputs = new List<PipelineInput>
        {
            PipelineInput.FromBytes("hang.txt", "HANG"u8.ToArray()),
            PipelineInput.FromBytes("good-1.md", good),
            PipelineInput.FromBytes("throw.txt", "THROW"u8.ToArray()),
            PipelineInput.FromBytes("good-2.md", good),
        };

        var streamed = pipeline.ReadMany(inputs).ToList();

        Assert.Equal(4, streamed.Count);
        var byName = streamed.ToDictionary(o => o.Name);
        Assert.Equal(OutcomeKind.TookTooLong, byName["hang.txt"].Kind);
        Assert.Equal(OutcomeKind.Unreadable, byName["throw.txt"].Kind);
        Assert.StartsWith("throw.txt: ", byName["throw.txt"].Reason);
        Assert.Equal("boom", byName["throw.txt"].Error!.InnerException!.Message);
        Assert.True(byName["good-1.md"].IsReport);
        Assert.True(byName["good-2.md"].IsReport);
        // The hung input finished last: the others streamed out before it.
        Assert.Equal("hang.txt", streamed[^1].Name);
        MisbehavingReader.Release.Set();
    }

    [Fact]
    public async Task A_cancelled_batch_stops()
    {
        var inputs = Enumerable.Range(0, 50).Select(i => PipelineInput.FromBytes($"r{i}.md", GoodReport())).ToList();
        using var cancel = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in ReportPipeline.Default.ReadManyAsync(inputs, cancellation: cancel.Token))
                if (++seen == 3) cancel.Cancel();
        });
        Assert.True(seen < 50);
    }

    [Fact]
    public void Cross_year_findings_are_added_to_the_current_report_only()
    {
        var previousDraft = CheckReports.Consistent(year: 2022);
        previousDraft.Applications!["carriedForward", "naturalPerson"] = 4;
        var previous = ReportPipeline.Default.Check(previousDraft.Publish());
        var current = ReportPipeline.Default.Check(CheckReports.Consistent(year: 2023).Publish());

        var result = ReportPipeline.CheckAcrossYears([previous], [current]);

        var now = Assert.Single(result);
        Assert.Contains(now.CheckFindings, f => f.Rule == Nianbao.Domain.Findings.Rules.T3_CarryOver);
        Assert.DoesNotContain(current.CheckFindings, f => f.Rule == Nianbao.Domain.Findings.Rules.T3_CarryOver);
    }

    [Fact]
    public void A_blank_report_has_the_six_sections_and_every_cell_blank()
    {
        var blank = ReportPipeline.Blank(ReportTemplate.Format2019, "某某局", 2020);

        Assert.Equal([1, 2, 3, 4, 5, 6], blank.Sections.Select(s => s.Number));
        Assert.All(blank.Tables.SelectMany(t => t.Cells()), c => Assert.Null(c.Value));
        Assert.Equal(3, blank.Tables.Count());
    }

    [Fact]
    public void A_published_report_is_shared_safely_between_threads()
    {
        var report = ReportPipeline.Default.Read(GoodReport(), "r.md");
        var json = ReportJson.Serialize(report);

        var results = Enumerable.Range(0, 8).AsParallel().Select(_ => ReportJson.Serialize(ReportPipeline.Default.Check(report))).ToList();

        Assert.All(results, r => Assert.Equal(json, r));
        Assert.Equal(json, ReportJson.Serialize(report));
    }

    /// <summary>A reader that hangs on "HANG" until released and throws on "THROW": what a broken reader can do.</summary>
    private sealed class MisbehavingReader : IDocumentReader
    {
        public static readonly ManualResetEventSlim Release = new(false);

        public SourceFormat Format => SourceFormat.Text;

        public bool CanRead(ReadOnlySpan<byte> bytes, string fileName) => bytes.SequenceEqual("HANG"u8) || bytes.SequenceEqual("THROW"u8);

        public SourceDocument Read(byte[] bytes, string fileName, ReadLimits limits, CancellationToken cancellation)
        {
            if (bytes.AsSpan().SequenceEqual("THROW"u8)) throw new InvalidOperationException("boom");
            Release.Wait(TimeSpan.FromSeconds(30));
            throw new InvalidOperationException("released");
        }
    }
}
