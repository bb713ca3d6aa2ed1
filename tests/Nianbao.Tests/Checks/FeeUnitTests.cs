using System.Text;
using Nianbao.Checks;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Recognition;
using static Nianbao.Tests.Checks.CheckReports;

namespace Nianbao.Tests.Checks;

/// <summary>T2-3: the 2021 format asks for 本年收费金额 in 万元; a cell printed in 元 is questioned, never converted.</summary>
public class FeeUnitTests
{
    private static Report Parse(string feeCell) => ReportPipeline.Default.Read(Encoding.UTF8.GetBytes($"""
        某某局2022年政府信息公开工作年度报告
        一、总体情况
        本报告统计期限为2022年1月1日至12月31日。
        二、主动公开政府信息情况
        第二十条第（八）项
        信息内容	本年收费金额（单位：万元）
        行政事业性收费	{feeCell}
        三、收到和处理政府信息公开申请情况
        四、政府信息公开行政复议、行政诉讼情况
        五、存在的主要问题及改进情况
        六、其他需要报告的事项
        """), "fees.txt");

    [Fact]
    public void A_fee_printed_in_yuan_is_questioned_and_kept_as_printed()
    {
        var report = Parse("12000元");

        Assert.Equal(12000m, report.ActiveDisclosure!["fees", "amountWanYuan"]);
        var finding = Assert.Single(report.Findings, f => f.Rule == Rules.T2_FeeUnit);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal([new CellPath(TableKind.ActiveDisclosure, "fees", "amountWanYuan")], finding.Cells);
        Assert.Contains("12000元", finding.Message);
    }

    [Theory]
    [InlineData("1.2万元")]
    [InlineData("1.2")]
    public void A_fee_in_wan_yuan_or_without_unit_is_not_questioned(string cell)
    {
        var report = Parse(cell);

        Assert.Equal(1.2m, report.ActiveDisclosure!["fees", "amountWanYuan"]);
        Assert.DoesNotContain(report.Findings, f => f.Rule == Rules.T2_FeeUnit);
    }

    [Fact]
    public void Only_the_2021_format_asks_for_wan_yuan()
    {
        var report = Consistent(ReportTemplate.Format2021);
        report.ActiveDisclosure!.SetUnit("fees", "amountWanYuan", "元");
        Assert.Contains(Run(report), f => f.Rule == Rules.T2_FeeUnit);

        var old = Consistent(ReportTemplate.Format2019, 2020);
        old.ActiveDisclosure!.SetUnit("procurement", "amount", "元");
        Assert.DoesNotContain(Run(old), f => f.Rule == Rules.T2_FeeUnit);
    }
}
