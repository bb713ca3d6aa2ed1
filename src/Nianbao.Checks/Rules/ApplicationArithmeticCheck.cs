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
    public IEnumerable<Finding> Check(Report report)
    {
        if (CheckedTables.Get(report, TableKind.Applications) is not { } table) return [];
        return [.. Balance(table), .. TotalHandled(table), .. RowTotals(table)];
    }

    private static Term T(TableValues table, string row, string field) =>
        new(new CellPath(TableKind.Applications, row, field), table[row, field]);

    /// <summary>T3-1: 一 + 二 = （七）总计 + 四, in every column.</summary>
    private static IEnumerable<Finding> Balance(TableValues table)
    {
        foreach (var column in ApplicationColumns.All)
        {
            var id = new Identity(
                [T(table, ApplicationRows.Received, column.Key), T(table, ApplicationRows.CarriedOver, column.Key)],
                [T(table, ApplicationRows.TotalHandled, column.Key), T(table, ApplicationRows.CarriedForward, column.Key)]);
            var finding = id.ToFinding(RuleIds.T3_Balance, () =>
                $"{column.PrintedLabel}: 一、本年新收 + 二、上年结转 = {Identity.Sum(id.Left)} but （七）总计 + 四、结转下年度 = {Identity.Sum(id.Right)}");
            if (finding is not null) yield return finding;
        }
    }

    /// <summary>T3-2: （七）总计 = Σ result rows (22 in the 2021 format, 20 in the 2019 format).</summary>
    private static IEnumerable<Finding> TotalHandled(TableValues table)
    {
        var resultRows = ApplicationRows.ResultRows(table.Schema).ToList();
        foreach (var column in ApplicationColumns.All)
        {
            var id = new Identity(
                [T(table, ApplicationRows.TotalHandled, column.Key)],
                [.. resultRows.Select(r => T(table, r.Key, column.Key))]);
            var finding = id.ToFinding(RuleIds.T3_TotalHandled, () =>
                $"（七）总计 {column.PrintedLabel} is {Labels.Number(id.Left[0].Value)} but the {resultRows.Count} result rows add up to {Labels.Number(id.RightKnown)}");
            if (finding is not null) yield return finding;
        }
    }

    /// <summary>T3-3: in every row, 总计 = the six applicant columns.</summary>
    private static IEnumerable<Finding> RowTotals(TableValues table)
    {
        foreach (var row in table.Schema.Rows)
        {
            var id = new Identity(
                [T(table, row.Key, ApplicationColumns.Total)],
                [.. ApplicationColumns.Applicants.Select(c => T(table, row.Key, c))]);
            var finding = id.ToFinding(RuleIds.T3_RowTotal, () =>
                $"{Labels.Row(row)}: 总计 is {Labels.Number(id.Left[0].Value)} but the six applicant columns add up to {Identity.Sum(id.Right)}");
            if (finding is not null) yield return finding;
        }
    }
}
