namespace Nianbao.Cli.Tests;

/// <summary>
/// The terminal summary of <c>nianbao parse</c> names rows and columns as the national format prints
/// them, table 二 block by block with each block's own columns (the 2019 format's too), and amounts
/// with their unit — never the contract's keys.
/// </summary>
public sealed class SummaryTests
{
    private static readonly Dictionary<string, string> Wide = new() { ["COLUMNS"] = "240" };

    [Fact]
    public void The_2021_summary_uses_the_national_labels_and_each_blocks_own_columns()
    {
        var run = Nianbao.ExecIn(null, Wide, "parse", SharedFiles.Seed("001_5daa97a268f909c6.txt"), "--lang", "zh");

        Assert.Equal(0, run.ExitCode);
        foreach (var label in new[] { "第二十条第（一）项", "本年制发件数", "本年处理决定数量", "本年收费金额（单位：万元）", "（三）1.属于国家秘密", "（七）总计",
                     "四、结转下年度继续办理", "自然人", "社会公益组织", "结果维持", "尚未审结", "未经复议直接起诉" })
            Assert.Contains(label, run.Out);
        foreach (var key in new[] { "naturalPerson", "amountWanYuan", "withheldStateSecret", "issued", "activeDisclosure" })
            Assert.DoesNotContain(key, run.Out);
        // 行政许可 stands in the block headed 本年处理决定数量, not under 本年制发件数.
        var lines = run.Out.Split('\n');
        var licensing = Array.FindIndex(lines, l => l.Contains("行政许可", StringComparison.Ordinal));
        var header = lines.Take(licensing).Last(l => l.Contains("信息内容", StringComparison.Ordinal));
        Assert.Contains("本年处理决定数量", header);
        Assert.DoesNotContain("本年制发件数", header);
        // The fee is an amount in 万元.
        Assert.Contains(lines, l => l.Contains("行政事业性收费", StringComparison.Ordinal) && l.Contains("万元", StringComparison.Ordinal));
    }

    [Fact]
    public void The_2019_summary_has_the_2019_formats_own_columns()
    {
        var run = Nianbao.ExecIn(null, Wide, "parse", SharedFiles.Seed("003_145320c53f53a7db.txt"), "--lang", "zh");

        Assert.Equal(0, run.ExitCode);
        foreach (var label in new[] { "本年新制作数量", "上一年项目数量", "本年增/减", "其他对外管理服务事项", "采购项目数量", "采购总金额", "（六）其他处理" })
            Assert.Contains(label, run.Out);
        Assert.DoesNotContain("本年制发件数", run.Out);
    }
}
