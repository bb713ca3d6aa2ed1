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
            if (NotFilledIn(report, kind) is { } empty)
            {
                yield return empty;
                continue;
            }
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
                var isFee = TemplateSchema.For(report.Template)?.FeeAmountCell is { } fee && fee.Table == kind && fee.Row == row.Key;
                var key = isFee ? "blank.fees"
                    : blank.Count == row.Fields.Count && row.Fields.Count > 1 ? "blank.row-all" : blank.Count == 1 ? "blank.row" : "blank.row-some";
                yield return FindingMessages.Make(rule, Severity.Warning, key, [.. blank.Select(f => new CellPath(kind, row.Key, f.Key))],
                    ("table", Labels.Table(kind)), ("row", Labels.Row(row)),
                    ("fields", string.Join(", ", blank.Select(f => f.PrintedLabel))));
            }
        }
        // The optional fee-collection table: only when printed (absent is null, not a blank table).
        if (report.FeeCollection is { } feeTable)
        {
            var blankFees = Enumerable.Range(0, FeeCollection.Columns.Count).Where(i => feeTable.Values[i] is null).Select(i => FeeCollection.Columns[i].Label).ToList();
            if (blankFees.Count > 0)
                yield return FindingMessages.Make(RuleIds.FeeTable_Blank, Severity.Warning, "blank.fee-table", [], ("fields", string.Join(", ", blankFees)));
        }
    }

    /// <summary>
    /// A national table that is there but holds no number, with no reader note explaining its cells:
    /// a report that was never filled in (a blank from <c>nianbao new</c>). One error per table — a
    /// blank report is incomplete, not clean — instead of a warning for every row.
    /// </summary>
    private static Finding? NotFilledIn(Report report, TableKind kind)
    {
        if (report.Template is not (ReportTemplate.Format2021 or ReportTemplate.Format2019)) return null;
        if (report.Table(kind) is not { IsEmpty: true } table) return null;
        var explained = report.Findings.Where(f => f.Rule.StartsWith("R-", StringComparison.Ordinal)).SelectMany(f => f.Cells).ToHashSet();
        if (table.Schema.Cells().Any(explained.Contains)) return null;
        var rule = kind switch
        {
            TableKind.ActiveDisclosure => RuleIds.T2_Blank,
            TableKind.Applications => RuleIds.T3_Blank,
            _ => RuleIds.T4_Blank,
        };
        return FindingMessages.Make(rule, Severity.Error, "blank.table", [], ("table", Labels.Table(kind)), ("cells", table.Schema.CellCount));
    }
}
