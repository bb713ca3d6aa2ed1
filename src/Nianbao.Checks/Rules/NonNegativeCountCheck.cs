using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;

namespace Nianbao.Checks.Rules;

using RuleIds = Nianbao.Domain.Findings.Rules;

/// <summary>
/// T3-8: every cell of tables 三 and 四 counts applications or cases, so it is a whole number ≥ 0.
/// Reported as an error rather than the reference's "info": a negative or fractional count cannot
/// be a true figure, whether the document misprints it or the reader misread it, and someone has
/// to look at it before any sum over the table means anything.
/// </summary>
public sealed class NonNegativeCountCheck : IReportCheck
{
    public IEnumerable<Finding> Check(Report report)
    {
        foreach (var kind in new[] { TableKind.Applications, TableKind.ReviewsAndLawsuits })
        {
            if (CheckedTables.Get(report, kind) is not { } table) continue;
            for (var slot = 0; slot < table.Schema.CellCount; slot++)
            {
                if (table.ValueAt(slot) is not { } v || v >= 0 && v == decimal.Truncate(v)) continue;
                if (table.Schema.FieldAt(slot).Kind != ValueKind.Count) continue;
                var path = table.Schema.PathAt(slot);
                if (v < 0)
                    yield return FindingMessages.Make(RuleIds.T3_NonNegative, Severity.Error, "T3-8.negative", [path],
                        ("table", Labels.Table(kind)), ("cell", Labels.Cell(table, path)), ("value", Labels.Number(v)));
                else if (v != decimal.Truncate(v))
                    yield return FindingMessages.Make(RuleIds.T3_NonNegative, Severity.Error, "T3-8.fraction", [path],
                        ("table", Labels.Table(kind)), ("cell", Labels.Cell(table, path)), ("value", Labels.Number(v)));
            }
        }
    }
}
