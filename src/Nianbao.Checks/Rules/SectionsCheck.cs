using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Templates;

namespace Nianbao.Checks.Rules;

using RuleIds = Nianbao.Domain.Findings.Rules;

/// <summary>
/// The six statutory sections (S-1), the 信息处理费 statement in section 六 (S-2, year ≥ 2021) and a
/// non-empty section 五 (S-3). Only for reports in a national format: before 2019 the structure was
/// different and a legacy report is not held to these six sections.
/// </summary>
public sealed class SectionsCheck : IReportCheck
{
    /// <summary>Wordings that show section 六 speaks about the fee (also "未收取…费用", "收费").</summary>
    private static readonly string[] FeeWords = ["信息处理费", "处理费", "收费", "收取费用", "收取任何费用"];

    public IEnumerable<Finding> Check(Report report)
    {
        if (TemplateSchema.For(report.Template) is not { } schema) yield break;

        var numbers = report.Sections.Select(s => s.Number).ToList();
        var missing = StatutorySections.All.Where(s => !numbers.Contains(s.Number)).ToList();
        if (missing.Count > 0)
            yield return new Finding(RuleIds.Sections, Severity.Error,
                "Missing statutory section" + (missing.Count > 1 ? "s " : " ") +
                string.Join(", ", missing.Select(s => $"{Labels.SectionNumeral(s.Number)}、{s.Title}")));
        if (!numbers.SequenceEqual(numbers.Order()) || numbers.Distinct().Count() != numbers.Count)
            yield return new Finding(RuleIds.Sections, Severity.Error,
                "Sections are not in the statutory order 一 to 六: the report has them as " +
                string.Join(", ", numbers.Select(Labels.SectionNumeral)));

        var six = report.Sections.FirstOrDefault(s => s.Number == 6);
        var year = report.Year ?? schema.FirstYear;
        if (six is not null && year >= StatutorySections.FeeStatementFromYear && !FeeWords.Any(w => six.Text.Contains(w, StringComparison.Ordinal) || six.Title.Contains(w, StringComparison.Ordinal)))
            yield return new Finding(RuleIds.FeeStatement, Severity.Warning,
                "Section 六 does not mention the 信息处理费 (information processing fee); since the 2021 reports it should state the fees charged, even if none");

        var five = report.Sections.FirstOrDefault(s => s.Number == 5);
        if (five is not null && IsEmpty(five.Text))
            yield return new Finding(RuleIds.EmptyProblems, Severity.Warning,
                $"Section 五 (存在的主要问题及改进情况) is empty{(five.Text.Trim().Length > 0 ? $" (\"{five.Text.Trim()}\")" : "")}; it should state the problems found and how they are being addressed");
    }

    /// <summary>No text, or only "无"/"暂无" and punctuation: nothing is said about problems.</summary>
    private static bool IsEmpty(string text)
    {
        var words = new string(text.Where(char.IsLetterOrDigit).ToArray());
        return words is "" or "无" or "暂无" or "没有" or "略";
    }
}
