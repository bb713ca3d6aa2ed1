using Nianbao.Documents;
using Nianbao.Robustness.Tests.Support;

namespace Nianbao.Robustness.Tests;

/// <summary>
/// Every input the fuzzers found worth keeping (crashes, hangs, blow-ups once fixed; and the seeds
/// they grew from) is read again on every run: Regressions/READER/* and the seeds of fuzz/corpus.
/// </summary>
public sealed class RegressionFileTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(AppContext.BaseDirectory, "Regressions");
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            if (!Path.GetFileName(file).StartsWith('.') && !file.EndsWith(".md", StringComparison.Ordinal) || file.Contains("seeds", StringComparison.Ordinal))
                data.Add(Path.GetRelativePath(root, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Is_read_or_refused_within_budget(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Regressions", file));
        var outcome = Budget.Run(() => DocumentReaders.Default.Read(bytes, Path.GetFileName(file), ReadLimits.Default, CancellationToken.None),
            TimeSpan.FromSeconds(20), 1024 * Budget.MiB);
        Assert.True(outcome.Value is not null || outcome.Refusal is not null);
    }
}
