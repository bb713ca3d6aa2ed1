using System.Globalization;
using System.Text.RegularExpressions;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Server.Authoring;

/// <summary>
/// What an author typed into the form: the agency and year, each table cell as typed (keyed by its
/// contract path, e.g. <c>applications.received.total</c>) and the six sections' text (keyed 1–6).
/// A cell left empty is blank (null), never 0.
/// </summary>
public sealed record AuthorForm
{
    public string? Agency { get; init; }
    public int? Year { get; init; }
    public string? PublishedOn { get; init; }
    public Dictionary<string, string?> Cells { get; init; } = [];
    public Dictionary<string, string?> Sections { get; init; } = [];
}

/// <summary>One finding as the form shows it: in Chinese, with the cells to highlight.</summary>
public sealed record FormFinding(string Rule, string Severity, string Message, IReadOnlyList<string> Cells);

/// <summary>
/// Turns a filled-in form into a <see cref="Report"/> of the national format the form is laid out in.
/// Only cells of that format are taken; a cell whose text is not a number in the strict pattern is
/// left blank and told as a form finding (F-1) on that cell, so the author sees it where they typed it.
/// </summary>
public static class AuthorFormReader
{
    /// <summary>The format the form is laid out in (国办公开办函〔2021〕30号).</summary>
    public static TemplateSchema Schema => TemplateSchema.Format2021;

    public const string NotANumberRule = "F-1";
    public const string FormRule = "F-2";

    public const int MaxSectionLength = 50_000;

    // Strict: digits (optionally grouped by commas), an optional sign, a decimal part only where the
    // column holds money. Full-width digits are the author's keyboard, not a different number.
    private static readonly Regex Count = new(@"^[+-]?(\d{1,3}(,\d{3})+|\d{1,12})$", RegexOptions.CultureInvariant);
    private static readonly Regex Money = new(@"^[+-]?(\d{1,3}(,\d{3})+|\d{1,12})(\.\d{1,6})?$", RegexOptions.CultureInvariant);

    public static (Report Report, IReadOnlyList<FormFinding> Problems) Read(AuthorForm form, string? agencyOverride = null)
    {
        var problems = new List<FormFinding>();
        var draft = ReportDraft.Blank(Schema.Template, NullIfBlank(agencyOverride ?? form.Agency), form.Year);
        if (form.PublishedOn is { Length: > 0 } published)
        {
            if (DateOnly.TryParseExact(published.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) draft.PublishedOn = date;
            else problems.Add(new FormFinding(FormRule, "error", $"发布日期「{published}」应为 年-月-日（如 2025-01-20）。", []));
        }
        foreach (var (key, raw) in form.Cells)
        {
            if (string.IsNullOrWhiteSpace(raw)) continue;
            if (!CellPath.TryParse(key, out var path) || Schema.Table(path.Table).Field(path) is not { } field)
            {
                problems.Add(new FormFinding(FormRule, "error", $"表格中没有单元格 {key}。", []));
                continue;
            }
            var text = raw.Trim().Normalize(System.Text.NormalizationForm.FormKC).Replace(" ", "", StringComparison.Ordinal);
            var pattern = field.Kind == ValueKind.Money ? Money : Count;
            if (!pattern.IsMatch(text)
                || !decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                var expected = field.Kind == ValueKind.Money ? "金额（如 12.5）" : "整数";
                problems.Add(new FormFinding(NotANumberRule, "error", $"{CellLabel(path)}：「{raw.Trim()}」不是{expected}，按空白处理。", [path.ToString()]));
                continue;
            }
            draft.Table(path.Table)![path.Row, path.Field] = value;
        }
        foreach (var section in StatutorySections.All)
        {
            var text = form.Sections.GetValueOrDefault(section.Number.ToString(CultureInfo.InvariantCulture))?.Trim();
            if (string.IsNullOrEmpty(text)) continue; // a section not written is absent, never empty
            if (text.Length > MaxSectionLength)
            {
                problems.Add(new FormFinding(FormRule, "error", $"第{StatutorySections.ChineseNumerals[section.Number - 1]}部分过长（最多 {MaxSectionLength} 字），已截断。", []));
                text = text[..MaxSectionLength];
            }
            draft.Sections.Add(new Section(section.Number, $"{StatutorySections.ChineseNumerals[section.Number - 1]}、{section.Title}", text));
        }
        return (draft.Publish(), problems);
    }

    /// <summary>The findings of a report (the checks' and the form's) as the form shows them, errors first.</summary>
    public static IReadOnlyList<FormFinding> Findings(Report checkedReport, IEnumerable<FormFinding> formProblems) =>
        formProblems.Concat(checkedReport.Findings.Select(f => new FormFinding(f.Rule, SeverityName(f.Severity),
                FindingMessages.Text(f, MessageLanguage.Zh), f.Cells.Select(c => c.ToString()).ToList())))
            .OrderBy(f => f.Severity switch { "error" => 0, "warning" => 1, _ => 2 })
            .ToList();

    public static string SeverityName(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    /// <summary>"表三 （七）总计 · 自然人": how the form names a cell to its author.</summary>
    public static string CellLabel(CellPath path) => CellLabel(path, Schema.Table(path.Table));

    /// <summary>The same, for a cell of another layout (a 2019 report in a comparison).</summary>
    public static string CellLabel(CellPath path, TableSchema table)
    {
        var row = table.Row(path.Row);
        var field = table.Field(path);
        var tableName = path.Table switch
        {
            TableKind.ActiveDisclosure => "表二",
            TableKind.Applications => "表三",
            _ => "表四",
        };
        var rowLabel = row is null ? path.Row : row.Group is { } g && row.ItemNumber is not null ? $"{g}{row.PrintedLabel}" : row.PrintedLabel;
        if (rowLabel.Length > 30) rowLabel = rowLabel[..30] + "…";
        return $"{tableName} {rowLabel} · {field?.PrintedLabel ?? path.Field}";
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
