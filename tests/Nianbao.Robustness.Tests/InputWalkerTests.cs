using System.Diagnostics;
using Nianbao.Documents;
using Nianbao.Documents.Inputs;
using Nianbao.Robustness.Tests.Support;

namespace Nianbao.Robustness.Tests;

/// <summary>Inputs are what they claim: special files are refused unopened, link cycles end.</summary>
public sealed class InputWalkerTests
{
    private static void MakeFifo(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void A_fifo_among_the_inputs_is_refused_without_being_opened_and_the_rest_is_listed()
    {
        using var folder = new TempFolder("nianbao-fifo");
        File.WriteAllText(folder["a.txt"], "一、总体情况");
        MakeFifo(folder["pipe.txt"]);
        var clock = Stopwatch.StartNew();
        var expansion = InputWalker.Expand([folder.Path, folder["pipe.txt"]]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal([folder["a.txt"]], expansion.Files);
        Assert.Equal(2, expansion.Problems.Count); // found by the walk and named directly
        Assert.All(expansion.Problems, p =>
        {
            Assert.Equal(ReadFailure.NotAFile, p.Kind);
            Assert.Contains("FIFO", p.Message);
            Messages.AssertForPeople(p);
        });
        // Reading it directly does not block either: the status is asked, the file never opened.
        var outcome = Budget.Run(() => DocumentReaders.Default.ReadFile(folder["pipe.txt"], ReadLimits.Default, CancellationToken.None), TimeSpan.FromSeconds(5), 16 * Budget.MiB);
        Assert.Equal(ReadFailure.NotAFile, outcome.Refusal?.Kind);
    }

    [Fact]
    public void Devices_are_refused_unopened()
    {
        var expansion = InputWalker.Expand(["/dev/zero", "/dev/null"]);
        Assert.Empty(expansion.Files);
        Assert.All(expansion.Problems, p => Assert.Contains("device", p.Message));
    }

    [Fact]
    public void A_folder_with_a_link_back_up_its_tree_is_walked_once_and_the_walk_ends()
    {
        using var folder = new TempFolder("nianbao-loop");
        var sub = Directory.CreateDirectory(folder["reports"]).FullName;
        File.WriteAllText(Path.Combine(sub, "r.txt"), "一、总体情况");
        File.CreateSymbolicLink(Path.Combine(sub, "loop"), folder.Path);
        File.CreateSymbolicLink(Path.Combine(sub, "again"), sub);
        File.CreateSymbolicLink(folder["elsewhere"], sub);
        var clock = Stopwatch.StartNew();
        var expansion = InputWalker.Expand([folder.Path, folder["elsewhere"], Path.Combine(folder.Path, "**", "*.txt")]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Single(expansion.Files);
        Assert.Empty(expansion.Problems);
    }

    [Fact]
    public void A_dangling_link_and_a_missing_input_are_named_as_given()
    {
        using var folder = new TempFolder("nianbao-dangling");
        File.CreateSymbolicLink(folder["gone.txt"], folder["nowhere.txt"]);
        var expansion = InputWalker.Expand([folder["gone.txt"], "no/such/file.txt", "no/*.pdf"]);
        Assert.Empty(expansion.Files);
        Assert.Equal([folder["gone.txt"], "no/such/file.txt", "no/*.pdf"], expansion.Problems.Select(p => p.FileName));
        Assert.All(expansion.Problems, Messages.AssertForPeople);
    }

    [Fact]
    public void A_folder_given_as_a_file_is_refused_with_its_name()
    {
        using var folder = new TempFolder("nianbao-dir");
        var ex = Assert.Throws<DocumentReadException>(() => DocumentReaders.Default.ReadFile(folder.Path, ReadLimits.Default, CancellationToken.None));
        Assert.Equal(ReadFailure.NotAFile, ex.Kind);
        Assert.StartsWith(folder.Path + ": ", ex.Message);
    }

    [Fact]
    public void A_read_that_takes_longer_than_its_budget_took_too_long_and_caller_cancellation_propagates()
    {
        // A long page: three hundred reports in one (well within the size limits), read with a budget far
        // shorter than it needs even on a fast idle machine.
        var html = System.Text.Encoding.UTF8.GetString(Samples.Html(Samples.Report()));
        var body = html[(html.IndexOf("<body", StringComparison.Ordinal))..html.LastIndexOf("</body>", StringComparison.Ordinal)];
        var bytes = System.Text.Encoding.UTF8.GetBytes("<html>" + string.Concat(Enumerable.Repeat(body.Replace("<body>", "<div>", StringComparison.Ordinal) + "</div>", 300)) + "</html>");
        var slow = ReadLimits.Default with { MaxReadTime = TimeSpan.FromMilliseconds(1) };
        var ex = Assert.Throws<DocumentReadException>(() => DocumentReaders.Default.Read(bytes, "slow.html", slow, CancellationToken.None));
        Assert.Equal(ReadFailure.TookTooLong, ex.Kind);
        Messages.AssertForPeople(ex);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => DocumentReaders.Default.Read(bytes, "c.html", ReadLimits.Default, cancelled.Token));
    }
}
