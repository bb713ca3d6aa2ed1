using System.Globalization;
using System.Text.Json;
using Dapper;
using Nianbao.Archive;
using Nianbao.Checks;
using Nianbao.Domain.Findings;

namespace Nianbao.Server.Findings;

public static class DecisionKinds
{
    public const string Confirmed = "confirmed";
    public const string Dismissed = "dismissed";
}

/// <summary>A reviewer's decision on a finding, and what it is about.</summary>
public sealed record Decision
{
    public required string Key { get; init; }
    public required string AgencyKey { get; init; }
    public int? Year { get; init; }
    public required string Rule { get; init; }
    public required string Cells { get; init; }
    /// <summary>confirmed | dismissed.</summary>
    public required string Kind { get; init; }
    public string? Comment { get; init; }
    public required string DecidedBy { get; init; }
    public required string DecidedAt { get; init; }
}

/// <summary>
/// A finding of a report with the decision taken on it (null while undecided). <see cref="Message"/> is the
/// stored (English) text; <see cref="MessageZh"/> the same finding told in Chinese from its rule and values
/// (the findings message catalog) — what the pages show —, or the stored text when none were kept.
/// </summary>
public sealed record FindingView(int Seq, string Rule, string Severity, string Message, IReadOnlyList<string> Cells, string? Candidates, string? NeighbourId, Decision? Decision)
{
    public string MessageZh { get; init; } = Message;

    /// <summary>The stored finding in Chinese: from its catalog entry and values when it has them; a text already in both languages ("中文 | English") by its Chinese half.</summary>
    public static string Chinese(FindingEntry f)
    {
        if (f.Args is { Length: > 0 } json)
        {
            try
            {
                using var doc = JsonDocument.Parse(json);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    var args = doc.RootElement.EnumerateObject()
                        .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))
                        .ToList();
                    return FindingMessages.Text(new Finding(f.Rule, Domain.Findings.Severity.Warning, f.Message) { Args = args }, MessageLanguage.Zh);
                }
            }
            catch (JsonException) { /* values not kept as JSON: the stored text */ }
        }
        var bar = f.Message.IndexOf(" | ", StringComparison.Ordinal);
        return bar > 0 && f.Message[..bar].Any(c => c >= '\u4e00' && c <= '\u9fff') ? f.Message[..bar] : f.Message;
    }
}

/// <summary>
/// Decisions keyed by what a finding is about — the agency, the year, the rule and the cells — never
/// by report id or finding number, which change when a file is re-read or replaced by a newer
/// version. So a dismissed finding stays dismissed after re-parsing and in the next version.
/// </summary>
public sealed class DecisionStore(ArchiveStore store)
{
    public static string AgencyKey(ReportEntry report) => report.AgencyId ?? "printed:" + (report.AgencyPrinted ?? report.Id);

    public static string CellsKey(string cells) =>
        string.Join(' ', cells.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

    public static string KeyOf(ReportEntry report, string rule, string cells) =>
        string.Join('|', AgencyKey(report), report.Year?.ToString(CultureInfo.InvariantCulture) ?? "", rule, CellsKey(cells));

    /// <summary>The report's own findings and those across reports, each with its decision.</summary>
    public IReadOnlyList<FindingView> Findings(ReportEntry report)
    {
        var decisions = store.Connection.Query<Decision>(
            "SELECT key AS Key, agency_key AS AgencyKey, year AS Year, rule AS Rule, cells AS Cells, decision AS Kind, comment AS Comment, decided_by AS DecidedBy, decided_at AS DecidedAt FROM finding_decisions WHERE agency_key = @agency",
            new { agency = AgencyKey(report) }).ToDictionary(d => d.Key, StringComparer.Ordinal);
        var pairs = new Dictionary<(string, string), IReadOnlyList<Finding>?>();
        return store.Findings(report.Id).Select(f => new FindingView(f.Seq, f.Rule, f.Severity, f.Message,
            f.Cells.Split(' ', StringSplitOptions.RemoveEmptyEntries), f.Candidates, f.NeighbourId,
            decisions.GetValueOrDefault(KeyOf(report, f.Rule, f.Cells))) { MessageZh = AcrossYears(f, pairs) ?? FindingView.Chinese(f) }).ToList();
    }

    /// <summary>
    /// A finding between two years' reports in Chinese. The archive keeps its English text only, so the
    /// pair is compared again (<see cref="CrossYearChecks.Compare"/>, what the archive stored, in the same
    /// order: the stored seq is the finding's index) and the finding is told from its values — only when
    /// the comparison gives the very text stored, so a stale or different finding is never relabelled.
    /// </summary>
    private string? AcrossYears(FindingEntry f, Dictionary<(string, string), IReadOnlyList<Finding>?> pairs)
    {
        if (f.NeighbourId is not { } previous || previous.StartsWith("region:", StringComparison.Ordinal) || f.Args is not null) return null;
        if (!pairs.TryGetValue((previous, f.ReportId), out var findings))
        {
            try { findings = CrossYearChecks.Compare(store.LoadReport(previous), store.LoadReport(f.ReportId)); }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or System.Text.Json.JsonException) { findings = null; }
            pairs[(previous, f.ReportId)] = findings;
        }
        return findings is not null && f.Seq < findings.Count && findings[f.Seq] is var match && match.Rule == f.Rule && match.Message == f.Message
            ? FindingMessages.Text(match, MessageLanguage.Zh)
            : null;
    }

    /// <summary>Records (or replaces) the decision on the report's own finding number <paramref name="seq"/>; null when there is none.</summary>
    public Decision? Decide(ReportEntry report, int seq, string kind, string? comment, string by)
    {
        var finding = store.Findings(report.Id).FirstOrDefault(f => f.NeighbourId is null && f.Seq == seq);
        if (finding is null) return null;
        var decision = new Decision
        {
            Key = KeyOf(report, finding.Rule, finding.Cells), AgencyKey = AgencyKey(report), Year = report.Year, Rule = finding.Rule,
            Cells = CellsKey(finding.Cells), Kind = kind, Comment = comment, DecidedBy = by, DecidedAt = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture),
        };
        using var tx = store.BeginTransaction();
        store.Connection.Execute("DELETE FROM finding_decisions WHERE key = @Key", decision, tx);
        store.Connection.Execute(
            "INSERT INTO finding_decisions (key, agency_key, year, rule, cells, decision, comment, decided_by, decided_at) VALUES (@Key, @AgencyKey, @Year, @Rule, @Cells, @Kind, @Comment, @DecidedBy, @DecidedAt)",
            decision, tx);
        tx.Commit();
        return decision;
    }
}
