using System.Runtime.CompilerServices;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Checks.Rules;

using RuleIds = Nianbao.Domain.Findings.Rules;

/// <summary>
/// Table 三 arithmetic: the format's own 勾稽关系 (T3-1), （七）总计 as the sum of the result rows
/// (T3-2) and 总计 as the sum of the six applicant columns (T3-3). Uses the table's own schema, so a
/// 2021 report printing the single 2019 （六） row is still added up the way it was printed.
/// </summary>
public sealed class ApplicationArithmeticCheck : IReportCheck
{
    /// <summary>One identity of the layout: its cells as slots, and how to say it is broken.</summary>
    private sealed record Rule(string Id, IdentityCells Left, IdentityCells Right, Func<Identity, (string, object?)[]> Describe);

    // About sixty identities per report, the same for every report of a layout: laid out once per schema.
    private static readonly ConditionalWeakTable<TableSchema, Rule[]> Plans = new();

    public IEnumerable<Finding> Check(Report report)
    {
        if (CheckedTables.Get(report, TableKind.Applications) is not { } table) return [];
        List<Finding>? findings = null;
        foreach (var rule in Plans.GetValue(table.Schema, Plan))
        {
            if (Identity.Holds(table, rule.Left, rule.Right)) continue;
            var id = Identity.Of(table, rule.Left, rule.Right);
            if (id.ToFinding(rule.Id, rule.Id, rule.Describe(id)) is { } finding) (findings ??= []).Add(finding);
        }
        return findings ?? [];
    }

    private static Rule[] Plan(TableSchema schema)
    {
        IdentityCells Cells(params IEnumerable<(string, string)> cells) => IdentityCells.Of(schema, cells);
        var rules = new List<Rule>();
        // T3-1: 一 + 二 = （七）总计 + 四, in every column.
        foreach (var column in ApplicationColumns.All)
            rules.Add(new Rule(RuleIds.T3_Balance,
                Cells((ApplicationRows.Received, column.Key), (ApplicationRows.CarriedOver, column.Key)),
                Cells((ApplicationRows.TotalHandled, column.Key), (ApplicationRows.CarriedForward, column.Key)),
                id => [("column", column.PrintedLabel), ("left", Identity.Sum(id.Left)), ("right", Identity.Sum(id.Right))]));
        // T3-2: （七）总计 = Σ result rows (22 in the 2021 format, 20 in the 2019 format).
        var resultRows = ApplicationRows.ResultRows(schema).ToArray();
        foreach (var column in ApplicationColumns.All)
            rules.Add(new Rule(RuleIds.T3_TotalHandled,
                Cells((ApplicationRows.TotalHandled, column.Key)),
                Cells(resultRows.Select(r => (r.Key, column.Key))),
                id => [("column", column.PrintedLabel), ("total", Labels.Number(id.Left[0].Value)), ("rows", resultRows.Length), ("sum", Labels.Number(id.RightKnown))]));
        // T3-3: in every row, 总计 = the six applicant columns.
        foreach (var row in schema.Rows)
            rules.Add(new Rule(RuleIds.T3_RowTotal,
                Cells((row.Key, ApplicationColumns.Total)),
                Cells(ApplicationColumns.Applicants.Select(c => (row.Key, c))),
                id => [("row", Labels.Row(row)), ("total", Labels.Number(id.Left[0].Value)), ("sum", Identity.Sum(id.Right))]));
        return [.. rules];
    }
}
