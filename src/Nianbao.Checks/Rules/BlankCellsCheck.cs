using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Checks.Rules;

using RuleIds = Nianbao.Domain.Findings.Rules;

/// <summary>
/// Blank cells in a table that is otherwise there (T3-4 table 三, T4-2 table 四, T2-4B table 二):
/// one warning per row naming the blank cells. The national format has a number in every cell — 0
/// when nothing happened — so a blank is incomplete reporting (or a cell the reader could not read
/// with certainty, which the reader's own finding then explains). A blank is never read as 0.
/// </summary>
public sealed class BlankCellsCheck : IReportCheck
{
    public IEnumerable<Finding> Check(Report report)
    {
        // Cells the reader left empty on purpose (ambiguous digits, lost cells, missing rows) are
        // already explained by the reader's finding; saying "blank" again would only add noise.
        HashSet<CellPath>? explained = null;
        foreach (var (kind, rule) in new[]
                 {
                     (TableKind.ActiveDisclosure, RuleIds.T2_Blank),
                     (TableKind.Applications, RuleIds.T3_Blank),
                     (TableKind.ReviewsAndLawsuits, RuleIds.T4_Blank),
                 })
        {
            if (CheckedTables.Get(report, kind) is not { } table) continue;
            foreach (var row in table.Schema.Rows)
            {
                var first = table.Schema.FirstSlotOf(row.Key);
                List<FieldSchema>? blankFields = null;
                for (var i = 0; i < row.Fields.Count; i++)
                {
                    if (table.ValueAt(first + i) is not null) continue;
                    explained ??= report.ReadingNotes
                        .Where(f => f.Rule is RuleIds.AmbiguousDigits or RuleIds.LostCells or RuleIds.TableNotFound)
                        .SelectMany(f => f.Cells)
                        .ToHashSet();
                    if (!explained.Contains(table.Schema.PathAt(first + i))) (blankFields ??= []).Add(row.Fields[i]);
                }
                if (blankFields is not { } blank) continue;
                var message = $"{Labels.Table(kind)} row {Labels.Row(row)} is incomplete: " +
                              (blank.Count == row.Fields.Count && row.Fields.Count > 1
                                  ? "every cell is blank"
                                  : string.Join(", ", blank.Select(f => f.PrintedLabel)) + (blank.Count == 1 ? " is blank" : " are blank"));
                if (TemplateSchema.For(report.Template)?.FeeAmountCell is { } fee && fee.Table == kind && fee.Row == row.Key)
                    message += "; the 2021 format asks for the amount charged in 万元, 0 when nothing was charged";
                yield return new Finding(rule, Severity.Warning, message + " (blank, '-', '/' or unreadable; not counted as 0)",
                    [.. blank.Select(f => new CellPath(kind, row.Key, f.Key))]);
            }
        }
    }
}
