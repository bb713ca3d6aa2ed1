using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;

namespace Nianbao.Checks.Rules;

using RuleIds = Nianbao.Domain.Findings.Rules;

/// <summary>
/// T2-3 (2021 format): 本年收费金额 is asked in 万元. A cell that prints its amount with 元
/// ("12000元") was most likely counted in 元, ten thousand times the asked unit. The number stays as
/// printed; the finding asks the agency which unit it meant.
/// </summary>
public sealed class FeeUnitCheck : IReportCheck
{
    public IEnumerable<Finding> Check(Report report)
    {
        if (Nianbao.Domain.Templates.TemplateSchema.For(report.Template)?.FeeAmountCell is not { } Fee
            || CheckedTables.Get(report, TableKind.ActiveDisclosure) is not { } table) yield break;
        if (table.Schema.SlotOf(Fee.Row, Fee.Field) < 0 || table.UnitOf(Fee.Row, Fee.Field) != "元") yield break;
        yield return new Finding(RuleIds.T2_FeeUnit, Severity.Warning,
            $"table 二 行政事业性收费: 本年收费金额 is printed as {Labels.Number(table[Fee])}元, but the 2021 format asks for the amount in 万元 (1万元 = 10000元); the number is kept as printed",
            [Fee]);
    }
}
