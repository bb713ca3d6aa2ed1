using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Checks;

using RuleIds = Nianbao.Domain.Findings.Rules;

/// <summary>
/// Checks between two reports of the same agency for consecutive years: the carry-over (T3-5), the
/// stock of documents in force (T2-1), the 2019 format's items carried into next year's 上一年项目数量
/// (T2-4), numbers copied from last year (D-1) and a section 五 copied
/// from last year (S-3). The caller decides that the two reports are the same agency's — agency
/// names are printed in too many ways (市科委 / 上海市科学技术委员会) to judge that here.
/// Cell paths in the findings name cells of <c>current</c>, and of <c>previous</c> where the message says so.
/// </summary>
public static class CrossYearChecks
{
    /// <summary>D-1 needs this many non-zero numbers repeated: an agency with no applications and no cases prints the same zeros every year.</summary>
    public const int CopiedNonZeroMinimum = 3;

    public static IReadOnlyList<Finding> Compare(Report previous, Report current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        return Compare(CrossYearFacts.Of(previous), CrossYearFacts.Of(current));
    }

    /// <summary>The same checks on what they read of the two reports (an archive keeps only that of its current versions).</summary>
    public static IReadOnlyList<Finding> Compare(CrossYearFacts previous, CrossYearFacts current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        if (previous.Year is { } py && current.Year is { } cy && cy != py + 1)
            throw new ArgumentException($"Cross-year checks compare consecutive years; got {py} and {cy}.");

        var findings = new List<Finding>();
        findings.AddRange(CarryOver(previous, current));
        findings.AddRange(StockFlow(previous, current));
        findings.AddRange(ItemsCarryOver(previous, current));
        findings.AddRange(Copied(previous, current));
        findings.AddRange(CopiedProblems(previous, current));
        return findings;
    }

    /// <summary>
    /// Pairs reports of the same agency for consecutive years: the agency names must be printed the
    /// same (trimmed), and an agency-year with two reports is left unpaired rather than guessed.
    /// </summary>
    public static IEnumerable<(Report Previous, Report Current)> ConsecutivePairs(IEnumerable<Report> reports)
    {
        var byAgencyYear = reports
            .Where(r => r.Agency is { Length: > 0 } && r.Year is not null)
            .GroupBy(r => (Agency: r.Agency!.Trim(), Year: r.Year!.Value))
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single());
        foreach (var ((agency, year), current) in byAgencyYear.OrderBy(p => p.Key.Agency, StringComparer.Ordinal).ThenBy(p => p.Key.Year))
            if (byAgencyYear.TryGetValue((agency, year - 1), out var previous))
                yield return (previous, current);
    }

    private static string Year(CrossYearFacts r, string fallback) => r.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? fallback;

    /// <summary>T3-5: this year's 二、上年结转 = last year's 四、结转下年度继续办理, per column.</summary>
    private static IEnumerable<Finding> CarryOver(CrossYearFacts previous, CrossYearFacts current)
    {
        if (previous.Applications is not { } before || current.Applications is not { } now) yield break;
        foreach (var column in ApplicationColumns.All)
        {
            if (now[ApplicationRows.CarriedOver, column.Key] is not { } over
                || before[ApplicationRows.CarriedForward, column.Key] is not { } forward
                || over == forward) continue;
            yield return FindingMessages.Make(RuleIds.T3_CarryOver, Severity.Warning, "T3-5", [
                new CellPath(TableKind.Applications, ApplicationRows.CarriedOver, column.Key),
                new CellPath(TableKind.Applications, ApplicationRows.CarriedForward, column.Key)],
                ("column", column.PrintedLabel), ("over", Labels.Number(over)), ("current", Year(current, "this year")), ("previous", Year(previous, "previous")), ("forward", Labels.Number(forward)));
        }
    }

    /// <summary>
    /// T2-1 (2021 format): 现行有效(N) ≈ 现行有效(N−1) + 制发(N) − 废止(N). Soft: amendments and
    /// reclassification break it legitimately, so it is a warning and says so.
    /// </summary>
    private static IEnumerable<Finding> StockFlow(CrossYearFacts previous, CrossYearFacts current)
    {
        if (previous.ActiveDisclosure is not { } before || current.ActiveDisclosure is not { } now) yield break;
        foreach (var row in new[] { "regulations", "normativeDocuments" })
        {
            if (!Has(before, row, "inForce") || !Has(now, row, "inForce")) continue;
            if (before[row, "inForce"] is not { } stock || now[row, "issued"] is not { } issued
                || now[row, "repealed"] is not { } repealed || now[row, "inForce"] is not { } inForce) continue;
            if (!Arithmetic.Judgeable(stock, issued, repealed, inForce)) continue;
            var expected = stock + issued - repealed;
            if (expected == inForce) continue;
            yield return FindingMessages.Make(RuleIds.T2_StockFlow, Severity.Warning, "T2-1", [
                new CellPath(TableKind.ActiveDisclosure, row, "inForce"),
                new CellPath(TableKind.ActiveDisclosure, row, "issued"),
                new CellPath(TableKind.ActiveDisclosure, row, "repealed")],
                ("row", Labels.Row(now, row)), ("inForce", Labels.Number(inForce)), ("stock", Labels.Number(stock)), ("issued", Labels.Number(issued)),
                ("repealed", Labels.Number(repealed)), ("expected", Labels.Number(expected)));
        }
    }

    /// <summary>
    /// T2-4 (2019 format): 上一年项目数量(N) ≈ 上一年项目数量(N−1) + 本年增/减(N−1). Soft like T2-1:
    /// items are merged, split and renamed between years.
    /// </summary>
    private static IEnumerable<Finding> ItemsCarryOver(CrossYearFacts previous, CrossYearFacts current)
    {
        if (previous.ActiveDisclosure is not { } before || current.ActiveDisclosure is not { } now) yield break;
        foreach (var row in now.Schema.Rows)
        {
            if (!Has(now, row.Key, "previousItems") || !Has(before, row.Key, "previousItems") || !Has(before, row.Key, "change")) continue;
            if (before[row.Key, "previousItems"] is not { } items || before[row.Key, "change"] is not { } change
                || now[row.Key, "previousItems"] is not { } carried) continue;
            if (!Arithmetic.Judgeable(items, change, carried)) continue;
            var expected = items + change;
            if (expected == carried) continue;
            yield return FindingMessages.Make(RuleIds.T2_ItemsCarryOver, Severity.Warning, "T2-4", [
                new CellPath(TableKind.ActiveDisclosure, row.Key, "previousItems"),
                new CellPath(TableKind.ActiveDisclosure, row.Key, "change")],
                ("row", Labels.Row(now, row.Key)), ("carried", Labels.Number(carried)), ("current", Year(current, "this year")), ("previous", Year(previous, "previous")),
                ("items", Labels.Number(items)), ("change", Labels.Number(change)), ("expected", Labels.Number(expected)));
        }
    }

    private static bool Has(TableValues table, string row, string field) =>
        table.Schema.Row(row)?.Fields.Any(f => f.Key == field) == true;

    /// <summary>D-1: every number of every table the two reports share is the same as last year's.</summary>
    private static IEnumerable<Finding> Copied(CrossYearFacts previous, CrossYearFacts current)
    {
        var compared = 0;
        var nonZero = new List<CellPath>();
        foreach (var now in current.Tables)
        {
            if (previous.Table(now.Kind) is not { } before) continue;
            foreach (var (path, value) in now.Cells())
            {
                if (!Has(before, path.Row, path.Field)) continue;
                if (value != before[path]) yield break;
                compared++;
                if (value is { } v && v != 0) nonZero.Add(path);
            }
        }
        if (compared == 0 || nonZero.Count < CopiedNonZeroMinimum) yield break;
        yield return FindingMessages.Make(RuleIds.SameAsLastYear, Severity.Warning, "D-1", nonZero,
            ("compared", compared), ("previous", Year(previous, "previous")), ("nonZero", nonZero.Count));
    }

    /// <summary>S-3 across years: section 五 repeated word for word ("内容雷同" is what the format's notice warns against).</summary>
    private static IEnumerable<Finding> CopiedProblems(CrossYearFacts previous, CrossYearFacts current)
    {
        // Compared by their letters and digits (ProblemsFingerprint): equal fingerprints, equal texts.
        if (previous.Problems is not { } before || current.Problems is not { } now) yield break;
        if (now.Length >= 20 && before == now)
            yield return FindingMessages.Make(RuleIds.EmptyProblems, Severity.Warning, "S-3.repeated", [], ("previous", Year(previous, "previous")));
    }
}
