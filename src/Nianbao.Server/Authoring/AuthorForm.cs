using System.Globalization;
using System.Text.RegularExpressions;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Server.Authoring;

/// <summary>
/// What an author typed into the form: the agency and year, each table cell as typed (keyed by its
/// contract path, e.g. <c>applications.received.total</c>), the six sections' text (keyed 1–6) and the
/// optional fee-collection table 信息处理费收取情况 (keyed by the contract's field: <c>notifiedCount</c>,
/// <c>notifiedAmountYuan</c>, <c>collectedAmountYuan</c>). A cell left empty is blank (null), never 0;
/// all three fee cells empty means the report has no fee table. The national format is the one the
/// template definition gives for the year (<see cref="AuthorFormReader.SchemaFor"/>).
/// </summary>
public sealed record AuthorForm
{
    public string? Agency { get; init; }
    public int? Year { get; init; }
    public string? PublishedOn { get; init; }
    public Dictionary<string, string?> Cells { get; init; } = [];
    public Dictionary<string, string?> Sections { get; init; } = [];
    public Dictionary<string, string?> FeeCollection { get; init; } = [];
    /// <summary>The unit of a money cell whose format leaves it to the report (2019 采购总金额: 元 or 万元), keyed by the cell's path.</summary>
    public Dictionary<string, string?> Units { get; init; } = [];
}

/// <summary>One finding as the form shows it: in Chinese, with the cells to highlight.</summary>
public sealed record FormFinding(string Rule, string Severity, string Message, IReadOnlyList<string> Cells);

/// <summary>
/// Turns a filled-in form into a <see cref="Report"/> of the national format the form is laid out in
/// for its year. Only cells of that format are taken; a cell whose text is not a number in the strict
/// pattern is left blank and told as a form finding (F-1) on that cell, so the author sees it where
/// they typed it.
/// </summary>
public static class AuthorFormReader
{
    /// <summary>
    /// The format the form is laid out in for a reporting year: the one the template definition says
    /// applies to it (2019–2020 → 国办公开办函〔2019〕60号, from 2021 → 〔2021〕30号). A year before the
    /// first national format, or none yet, gets the current format: the checks then say the year is wrong.
    /// </summary>
    public static TemplateSchema SchemaFor(int? year) =>
        (year is { } y ? TemplateSchema.ExpectedFor(y) : null) ?? Current;

    /// <summary>The current national format (the one without a last year).</summary>
    public static TemplateSchema Current => TemplateSchema.All.First(s => s.LastYear is null);

    /// <summary>The form's name of a fee-collection cell, as findings name it: <c>feeCollection.notifiedCount</c>.</summary>
    public static string FeeCellName(string key) => $"feeCollection.{key}";

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
        var schema = SchemaFor(form.Year);
        var draft = ReportDraft.Blank(schema.Template, NullIfBlank(agencyOverride ?? form.Agency), form.Year);
        if (form.PublishedOn is { Length: > 0 } published)
        {
            if (DateOnly.TryParseExact(published.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) draft.PublishedOn = date;
            else problems.Add(new FormFinding(FormRule, "error", $"发布日期「{published}」应为 年-月-日（如 2025-01-20）。", []));
        }
        foreach (var (key, raw) in form.Cells)
        {
            if (string.IsNullOrWhiteSpace(raw)) continue;
            if (!CellPath.TryParse(key, out var path) || schema.Table(path.Table).Field(path) is not { } field)
            {
                problems.Add(new FormFinding(FormRule, "error", $"{schema.Template.ToContractName()}年格式的表格中没有单元格 {key}。", []));
                continue;
            }
            if (Number(raw, field.Kind == ValueKind.Money) is not { } value)
            {
                var expected = field.Kind == ValueKind.Money ? "金额（如 12.5）" : "整数";
                problems.Add(new FormFinding(NotANumberRule, "error", $"{CellLabel(path, schema.Table(path.Table))}：「{raw.Trim()}」不是{expected}，按空白处理。", [path.ToString()]));
                continue;
            }
            draft.Table(path.Table)![path.Row, path.Field] = value;
        }
        foreach (var (key, raw) in form.Units)
        {
            var unit = raw?.Trim();
            if (string.IsNullOrEmpty(unit)) continue; // not stated
            if (!CellPath.TryParse(key, out var path) || schema.Table(path.Table).Field(path) is not { UnitKey: not null })
            {
                problems.Add(new FormFinding(FormRule, "error", $"{schema.Template.ToContractName()}年格式的表格中没有可选单位的单元格 {key}。", []));
                continue;
            }
            if (unit is not ("元" or "万元"))
            {
                problems.Add(new FormFinding(FormRule, "error", $"{CellLabel(path, schema.Table(path.Table))}：单位「{unit}」应为 元 或 万元。", [path.ToString()]));
                continue;
            }
            draft.Table(path.Table)!.SetUnit(path.Row, path.Field, unit);
        }
        draft.FeeCollection = ReadFees(form.FeeCollection, problems);
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

    /// <summary>
    /// The optional fee table: all three cells empty is no table (null), never a table of zeros; a cell
    /// left empty beside filled ones is blank. 通知收取件数 is a whole number, the amounts in 元 may
    /// have decimals; a negative number is not a fee.
    /// </summary>
    private static FeeCollection? ReadFees(Dictionary<string, string?> typed, List<FormFinding> problems)
    {
        var values = new decimal?[Domain.FeeCollection.Columns.Count];
        foreach (var (key, raw) in typed)
        {
            if (string.IsNullOrWhiteSpace(raw)) continue;
            var index = Domain.FeeCollection.Columns.Select(c => c.Key).ToList().IndexOf(key);
            if (index < 0)
            {
                problems.Add(new FormFinding(FormRule, "error", $"信息处理费收取情况表中没有单元格 {key}。", []));
                continue;
            }
            var isCount = index == 0;
            if (Number(raw, money: !isCount) is not { } value || value < 0)
            {
                var label = Domain.FeeCollection.Columns[index].Label;
                problems.Add(new FormFinding(NotANumberRule, "error", $"{FeeCaption} · {label}：「{raw.Trim()}」不是{(isCount ? "整数" : "金额（如 12.5）")}，按空白处理。", [FeeCellName(key)]));
                continue;
            }
            values[index] = value;
        }
        return values.All(v => v is null) ? null : new FeeCollection(values[0], values[1], values[2]);
    }

    /// <summary>The caption of the fee-collection table, as the rendered report prints it.</summary>
    public const string FeeCaption = Rendering.ReportText.FeeCollectionCaption;

    /// <summary>A number in the strict pattern (full-width digits and spaces forgiven), or null.</summary>
    private static decimal? Number(string? raw, bool money)
    {
        var text = (raw ?? "").Trim().Normalize(System.Text.NormalizationForm.FormKC).Replace(" ", "", StringComparison.Ordinal);
        return (money ? Money : Count).IsMatch(text)
            && decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value : null;
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

    /// <summary>"表三 （七）总计 · 自然人": how the form names a cell of a layout to its author.</summary>
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
