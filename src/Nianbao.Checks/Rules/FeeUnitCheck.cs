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
        yield return FindingMessages.Make(RuleIds.T2_FeeUnit, Severity.Warning, "T2-3", [Fee], ("value", Labels.Number(table[Fee])));
    }
}
