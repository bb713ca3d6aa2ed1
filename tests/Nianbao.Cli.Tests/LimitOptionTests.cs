namespace Nianbao.Cli.Tests;

/// <summary>
/// <c>--limit NAME=VALUE</c>: the readers' limits (issue 9) raised or lowered for one run from the command
/// line, with a clear message for a name or value that is wrong — run through the built nianbao.
/// </summary>
public sealed class LimitOptionTests
{
    [Fact]
    public void A_lowered_limit_refuses_the_file_and_a_raised_one_reads_it()
    {
        var seed = SharedFiles.Seed("002_3b18a393dc797b1b.txt");
        var size = new FileInfo(seed).Length;

        var lowered = Nianbao.Exec("check", "-q", seed, "--limit", $"MaxFileBytes={size - 1}");
        Assert.Equal(2, lowered.ExitCode);
        Assert.Contains("unreadable", lowered.Out);
        Assert.Contains($"{size} bytes", lowered.Error);

        var exact = Nianbao.Exec("check", "-q", seed, "--limit", $"maxfilebytes={size}", "--limit", "MaxReadTime=120");
        Assert.NotEqual(2, exact.ExitCode);
        Assert.DoesNotContain("unreadable", exact.Out);
    }

    [Theory]
    [InlineData("Bogus=1", "没有这个上限")]
    [InlineData("MaxFileBytes=-5", "名称=正整数")]
    [InlineData("MaxFileBytes", "名称=正整数")]
    [InlineData("MaxXmlDepth=99999999999", "数值超出范围")]
    public void A_wrong_limit_is_named_and_nothing_is_read(string setting, string problem)
    {
        var run = Nianbao.Exec("parse", SharedFiles.Seed("002_3b18a393dc797b1b.txt"), "--json", "--limit", setting);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"--limit {setting}", run.Error);
        Assert.Contains(problem, run.Error);
        Assert.DoesNotContain("\"schemaVersion\"", run.Out);
    }
}
