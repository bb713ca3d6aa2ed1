using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Templates;

namespace Nianbao.Checks.Rules;

using RuleIds = Nianbao.Domain.Findings.Rules;

/// <summary>T4-1: in each table-四 group, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.</summary>
public sealed class ReviewArithmeticCheck : IReportCheck
{
    public IEnumerable<Finding> Check(Report report)
    {
        if (CheckedTables.Get(report, TableKind.ReviewsAndLawsuits) is not { } table) yield break;
        foreach (var group in table.Schema.Rows)
        {
            Term T(string field) => new(new CellPath(TableKind.ReviewsAndLawsuits, group.Key, field), table[group.Key, field]);
            var id = new Identity([T(ReviewColumns.Total)], [.. ReviewColumns.Parts.Select(T)]);
            var finding = id.ToFinding(RuleIds.T4_GroupTotal, "T4-1",
                ("group", group.PrintedLabel), ("total", Labels.Number(id.Left[0].Value)), ("parts", "结果维持 + 结果纠正 + 其他结果 + 尚未审结"), ("sum", Identity.Sum(id.Right)));
            if (finding is not null) yield return finding;
        }
    }
}
