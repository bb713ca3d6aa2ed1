using System.Text;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Domain.Templates;
using Nianbao.Recognition;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Corpus;

/// <summary>
/// 2019 table 二: 采购总金额 names no unit, so the unit printed with it is kept (data contract
/// <c>procurement.amountUnit</c>, template-reference T2-5). Expected units read off the documents by hand.
/// </summary>
public class ProcurementUnitTests
{
    private static string? Unit(Report report) => report.ActiveDisclosure?.UnitOf("procurement", "amount");

    [Fact]
    public void Seed_003_states_the_unit_in_the_column_header()
    {
        // Line 39: "采购总金额(单位:万元,保留4位小数)".
        var report = ReportPipeline.Default.ReadFile(TestPaths.RequireSharedFile("seeds", "003_145320c53f53a7db.txt"));
        Assert.Equal("万元", Unit(report));
        Assert.Equal(0m, report.ActiveDisclosure!["procurement", "amount"]);
    }

    [Fact]
    public void Pingtan_2019_prints_the_unit_after_the_amount_even_where_the_digits_stay_ambiguous()
    {
        // "采购总金额政府集中采购13575394432.52元": the two cells run together, the unit does not.
        var report = ReportPipeline.Default.ReadFile(TestPaths.RequireSharedFile("corpus", "pingtan-2019.txt"));
        Assert.Equal("元", Unit(report));
        Assert.Null(report.ActiveDisclosure!["procurement", "amount"]);
    }

    private static Report Parse(string table2) => ReportPipeline.Default.Read(Encoding.UTF8.GetBytes($"""
        某某局2020年政府信息公开工作年度报告
        一、总体情况
        本报告统计期限为2020年1月1日至12月31日。
        二、主动公开政府信息情况
        {table2}
        三、收到和处理政府信息公开申请情况
        四、政府信息公开行政复议、行政诉讼情况
        五、存在的主要问题及改进情况
        六、其他需要报告的事项
        """), "unit.txt");

    [Theory]
    [InlineData("第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额（万元）\n政府集中采购\t3\t12.5", "万元", 12.5)]
    [InlineData("第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额(元)\n政府集中采购\t3\t125000", "元", 125000)]
    [InlineData("第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t3\t251000元", "元", 251000)]
    [InlineData("第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t3\t25.1 万元", "万元", 25.1)]
    [InlineData("第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t3\t251000", null, 251000)]
    public void The_unit_is_taken_from_the_cell_or_the_header_as_printed(string table2, string? unit, double amount)
    {
        var report = Parse(table2);
        Assert.Equal(ReportTemplate.Format2019, report.Template);
        Assert.Equal(3m, report.ActiveDisclosure!["procurement", "projects"]);
        Assert.Equal((decimal)amount, report.ActiveDisclosure["procurement", "amount"]);
        Assert.Equal(unit, Unit(report));
    }

    [Fact]
    public void Text_that_runs_column_by_column_gives_no_row_another_rows_numbers()
    {
        // A PDF's text in drawing order: every row label first, then each column heading with its numbers.
        var report = Parse("""
            第二十条第（一）项
            信息内容
            规章
            规范性文件
            第二十条第（九）项
            信息内容
            政府集中采购
            本年新制作数量
            8
            1
            本年新公开数量
            8
            1
            """);

        // No row has numbers of its own here: the table is reported as not read, never filled with 8 and 1.
        Assert.All(report.ActiveDisclosure?.Cells() ?? [], c => Assert.Null(c.Value));
        Assert.Contains(report.Findings, f => f.Rule == Nianbao.Domain.Findings.Rules.TableNotFound);
    }

    [Fact]
    public void The_unit_survives_the_contract_json_and_only_2019_procurement_has_one()
    {
        var report = ReportDraft.Blank(ReportTemplate.Format2019, "某某局", 2020);
        report.ActiveDisclosure!["procurement", "amount"] = 12.5m;
        report.ActiveDisclosure.SetUnit("procurement", "amount", "万元");
        var json = ReportJson.Serialize(report.Publish());
        Assert.Contains("\"amountUnit\": \"万元\"", json);
        var back = ReportJson.Read(System.Text.Json.JsonDocument.Parse(json).RootElement);
        Assert.Equal("万元", Unit(back));

        // The 2021 fee column names its unit: a unit printed in the cell is for the checks (T2-3), not a contract field.
        var report2021 = ReportDraft.Blank(ReportTemplate.Format2021, "某某局", 2022);
        report2021.ActiveDisclosure!.SetUnit("fees", "amountWanYuan", "元");
        Assert.DoesNotContain("Unit", ReportJson.Serialize(report2021.Publish()));
        Assert.Throws<ArgumentException>(() => report2021.ActiveDisclosure.SetUnit("licensing", "decisions", "元"));
    }
}
