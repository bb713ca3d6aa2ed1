using Nianbao.Archive;
using Nianbao.Server.Accounts;

namespace Nianbao.Server.Comparing;

/// <summary>The two reports to compare, or why there are none (a report the account may not see is "not found").</summary>
public sealed record ComparePair(ReportEntry? Left, ReportEntry? Right, int Status, string? Problem);

/// <summary>
/// Picks the two reports a comparison asks for: by id (<c>left</c>, <c>right</c>), or an agency's
/// current reports of two years (<c>agency</c>, <c>year</c>, <c>year2</c>), or two agencies' of one
/// year (<c>agency</c>, <c>agency2</c>, <c>year</c>).
/// </summary>
public static class ComparePicker
{
    public static ComparePair Resolve(ArchiveStore store, Access access, string? left, string? right, string? agency, string? agency2, int? year, int? year2)
    {
        ReportEntry? a, b;
        string leftName = "左侧报告", rightName = "右侧报告";
        if (!string.IsNullOrWhiteSpace(left) || !string.IsNullOrWhiteSpace(right))
        {
            if (string.IsNullOrWhiteSpace(left) || string.IsNullOrWhiteSpace(right)) return Fail(400, "请选择两份报告（left 与 right）。");
            a = store.FindReport(left.Trim());
            b = store.FindReport(right.Trim());
        }
        else if (!string.IsNullOrWhiteSpace(agency) && year is { } y)
        {
            var otherAgency = string.IsNullOrWhiteSpace(agency2) ? agency : agency2;
            var otherYear = year2 ?? y;
            if (otherAgency == agency && otherYear == y) return Fail(400, "请选择两个不同的年度，或两个不同的机关。");
            a = store.CurrentReport(agency.Trim(), y);
            b = store.CurrentReport(otherAgency.Trim(), otherYear);
            leftName = $"{agency.Trim()}{y}年的报告";
            rightName = $"{otherAgency.Trim()}{otherYear}年的报告";
        }
        else return Fail(400, "请选择两份报告：left 与 right，或机关与两个年度，或两个机关与一个年度。");
        if (a is null || !access.CanSee(a)) return Fail(404, $"没有找到{leftName}。");
        if (b is null || !access.CanSee(b)) return Fail(404, $"没有找到{rightName}。");
        return new ComparePair(a, b, 200, null);
    }

    private static ComparePair Fail(int status, string problem) => new(null, null, status, problem);
}
