using Nianbao.Documents;

namespace Nianbao.Robustness.Tests.Support;

/// <summary>What one read came to: a value or a refusal, how long it took and what it allocated.</summary>
public sealed record Outcome<T>(T? Value, DocumentReadException? Refusal, TimeSpan Elapsed, long AllocatedBytes, Exception? Unexpected)
{
    public override string ToString() =>
        $"{(Refusal is not null ? "refused: " + Refusal.Message : Unexpected is not null ? "UNEXPECTED " + Unexpected : "read")} in {Elapsed.TotalMilliseconds:0} ms, {AllocatedBytes >> 20} MB allocated";
}

/// <summary>
/// Runs one read on a thread of its own, so that the time it takes and the bytes it allocates are its
/// own. Allocation on the thread bounds from above what the read can have held at its peak.
/// A read that does not end within the budget fails the test (its thread is abandoned, not joined).
/// </summary>
public static class Budget
{
    public const long MiB = 1 << 20;

    public static Outcome<T> Run<T>(Func<T> read, TimeSpan time, long memoryBytes)
    {
        Outcome<T>? outcome = null;
        var thread = new Thread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            T? value = default;
            DocumentReadException? refusal = null;
            Exception? unexpected = null;
            try { value = read(); }
            catch (DocumentReadException ex) { refusal = ex; }
            catch (Exception ex) { unexpected = ex; }
            outcome = new Outcome<T>(value, refusal, clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before, unexpected);
        }, 64 << 20) { IsBackground = true };
        thread.Start();
        if (!thread.Join(time + TimeSpan.FromSeconds(2)))
            Assert.Fail($"the read did not end within its budget of {time.TotalSeconds:0} s");
        var result = outcome!;
        Assert.True(result.Unexpected is null, $"the read threw something other than DocumentReadException: {result.Unexpected}");
        Assert.True(result.Elapsed <= time, $"over the time budget: {result}");
        Assert.True(result.AllocatedBytes <= memoryBytes, $"over the memory bound of {memoryBytes >> 20} MB: {result}");
        if (result.Refusal is { } r) Messages.AssertForPeople(r);
        return result;
    }
}

/// <summary>The form every refusal message has (issue 9 "Messages").</summary>
public static class Messages
{
    private static readonly string[] Internals =
        ["Exception", "System.", "Object reference", "DtdProcessing", "The given key", "   at ", "Parameter '", "Index was outside"];

    public static void AssertForPeople(DocumentReadException ex)
    {
        Assert.StartsWith(ex.FileName + ": ", ex.Message);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", ex.ProblemChinese);
        Assert.True(ex.Problem.Length > 0);
        foreach (var s in Internals) Assert.DoesNotContain(s, ex.Message);
    }
}
