using System.Text;
using Nianbao.Documents;
using Nianbao.Documents.Model;
using Nianbao.Pipeline;
using Nianbao.Robustness.Tests.Support;

namespace Nianbao.Robustness.Tests;

/// <summary>
/// The heap of the whole process is measured here, so nothing else may run beside it: a test of another
/// class holding a 300 MB bomb at that moment would count as growth. The collection runs alone.
/// </summary>
[CollectionDefinition(nameof(AloneInTheProcess), DisableParallelization = true)]
public sealed class AloneInTheProcess;

[Collection(nameof(AloneInTheProcess))]
public sealed class BatchMemoryTests
{
    [Fact]
    public void Reading_one_file_after_another_leaves_nothing_behind()
    {
        // Peak memory of a batch must not grow with the files before: readers keep no state between files.
        var files = Enumerable.Range(0, 24).Select(i => (i % 3) switch
        {
            0 => (Samples.Text(Samples.Report(200 + i)), "r.txt"),
            1 => (Samples.Html(Samples.Report(200 + i)), "r.html"),
            _ => (Samples.Docx(Samples.Report(200 + i)), "r.docx"),
        }).ToList();
        long Heap() { GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect(); return GC.GetTotalMemory(true); }
        foreach (var (bytes, name) in files.Take(6)) ReportPipeline.Default.Read(bytes, name);
        var after6 = Heap();
        foreach (var (bytes, name) in files.Skip(6)) ReportPipeline.Default.Read(bytes, name);
        var after24 = Heap();
        Assert.True(after24 - after6 < 16 * Budget.MiB, $"the heap grew by {(after24 - after6) >> 20} MB over 18 more files");
    }
}
