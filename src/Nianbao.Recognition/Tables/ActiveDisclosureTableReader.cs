using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;
using Nianbao.Recognition.Text;

namespace Nianbao.Recognition.Tables;

/// <summary>
/// Table 二: small blocks whose rows have no totals, so a run of digits can be split only when the
/// digits alone allow one reading ("000" is 0, 0, 0; "693665" is not). Rows are found by label in any
/// order (converters move blocks around); a row's numbers are those right after its label, up to
/// the next words.
/// </summary>
public static class ActiveDisclosureTableReader
{
    public static TableDraft? Read(DocumentView view, TableRegions regions, TemplateSchema template, ReportDraft report)
    {
        if (!regions.HasTable2) return null;
        var schema = template.ActiveDisclosure;
        var c = view.Compact;
        var end = regions.T3Start > regions.T2Start ? regions.T3Start : c.Value.Length;
        var outcomes = new List<RowOutcome>();
        var labels = new List<int>();
        var headings = ColumnHeadings(schema).ToArray();
        foreach (var row in schema.Rows)
        {
            var (index, key) = FindLabel(c, row, regions.T2Start, end);
            labels.Add(index);
            if (index < 0)
            {
                outcomes.Add(new RowOutcome { Row = row, Tokens = [], Problem = RowProblem.Missing });
                continue;
            }
            // Another row's label, or a column heading: text that reads the table column by column
            // ("政府集中采购 本年新制作数量 8 1 …") puts other cells' numbers after a row's label.
            var otherLabels = schema.Rows.Where(r => r != row).SelectMany(r => r.MatchKeys).Concat(headings).ToArray();
            var tokens = NumbersAfter(view, view.NEnd(index + key!.Length), view.N(end), otherLabels);
            // A ruled PDF prints nothing in a blank cell: the block's heading row then places what is printed.
            var grid = tokens.Count < row.Fields.Count && HeaderColumns.SharedRow(tokens) is { } line
                ? HeaderColumns.OfBlockFields(view, line, row.Fields.Count, view.N(regions.T2Start))
                : null;
            outcomes.Add(RowReader.Read(row, tokens, [], dataColumns: grid));
        }
        if (outcomes.All(o => o.Problem == RowProblem.Missing)) return null;
        var table = new TableDraft(schema);
        TableAssembler.Commit(report, table, outcomes);
        for (var i = 0; i < outcomes.Count; i++)
            if (labels[i] >= 0) CaptureUnits(view, table, outcomes[i], regions.T2Start, labels[i]);
        return table;
    }

    /// <summary>
    /// 采购总金额 (2019) names no unit: agencies print it with the amount ("251000元") or in the column
    /// header ("采购总金额(单位:万元,保留4位小数)"). Kept as printed; left null when neither says. Other
    /// amounts keep a unit printed in their cell, for the checks (2021 收费金额 is asked in 万元).
    /// </summary>
    private static void CaptureUnits(DocumentView view, TableDraft table, RowOutcome outcome, int headerFrom, int labelAt)
    {
        var row = outcome.Row;
        for (var i = 0; i < row.Fields.Count; i++)
        {
            var field = row.Fields[i];
            if (field.UnitKey is null && field.Kind != ValueKind.Money) continue;
            // Only the last column's number is followed by its unit rather than by the next number.
            var inCell = i == row.Fields.Count - 1 && outcome.Tokens.Count > 0 ? UnitAfter(view.Text, outcome.Tokens[^1]) : null;
            var unit = inCell ?? (field.UnitKey is null ? null : UnitInHeader(view.Compact.Value, field.PrintedLabel, headerFrom, labelAt));
            if (unit is not null) table.SetUnit(row.Key, field.Key, unit);
        }
    }

    private static string? UnitAfter(string text, NumberToken token)
    {
        var at = token.Start + token.Length;
        while (at < text.Length && text[at] is ' ' or '\t') at++;
        var rest = text.AsSpan(at);
        return rest.StartsWith("万元", StringComparison.Ordinal) ? "万元" : rest.StartsWith("元", StringComparison.Ordinal) ? "元" : null;
    }

    /// <summary>
    /// The unit right after the column's label in the header before the row: "采购总金额（万元）",
    /// "采购总金额(单位:万元,保留4位小数)", or with the punctuation lost in conversion "采购总金额单位元".
    /// </summary>
    private static string? UnitInHeader(string compact, string label, int from, int to)
    {
        if (to <= from) return null;
        var at = compact.LastIndexOf(label, to - 1, to - from, StringComparison.Ordinal);
        if (at < 0) return null;
        var match = HeaderUnit.Match(compact, at + label.Length, Math.Min(12, to - at - label.Length));
        return match.Success ? match.Groups[1].Value : null;
    }

    private static readonly System.Text.RegularExpressions.Regex HeaderUnit =
        new(@"\G[(（]?(?:单位[:：]?)?(万元|元)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The fields' headings without their bracketed units: 本年新制作数量, 本年收费金额.</summary>
    private static IEnumerable<string> ColumnHeadings(TableSchema schema) =>
        schema.Rows.SelectMany(r => r.Fields).Select(f => f.PrintedLabel.Split('（', '(')[0]).Where(h => h.Length >= 4).Distinct();

    /// <summary>A row label, not the same words inside a longer label (规章 is not in 规范性文件's row).</summary>
    private static (int, string?) FindLabel(CompactText c, RowSchema row, int from, int to)
    {
        var at = from;
        while (true)
        {
            var (index, key) = c.FindFirst(row.MatchKeys, at, to);
            if (index < 0) return (-1, null);
            // 行政处罚 in "实施行政处罚、行政强制的依据" of a caption is not the row: a row label is
            // followed by numbers or a cell break, not by more caption words like 的.
            var after = index + key!.Length;
            if (after < c.Value.Length && c.Value[after] is '的' or '、') { at = after; continue; }
            return (index, key);
        }
    }

    private static List<NumberToken> NumbersAfter(DocumentView view, int start, int end, IReadOnlyList<string> otherLabels)
    {
        var text = view.Text;
        var result = new List<NumberToken>();
        var candidates = view.TokensBetween(start, end);
        var cursor = start;
        foreach (var token in candidates)
        {
            // Label words after the key (e.g. a Hubei explanation in brackets) may stand before the
            // first number; after it, any word ends the row.
            if (result.Count > 0 && HasWords(text, cursor, token.Start)) break;
            if (result.Count == 0 && HasRowBreak(text, cursor, token.Start, otherLabels)) break;
            result.Add(token);
            cursor = token.Start + token.Length;
        }
        return result;
    }

    private static bool HasWords(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var ch = text[i];
            if (ch >= 0x3400 || char.IsAsciiLetter(ch)) return true;
        }
        return false;
    }

    // Before the first number, another caption, header or row label means the row has no numbers
    // of its own ("行政处罚⇥" then "行政强制⇥0": the 0 is 行政强制's).
    private static bool HasRowBreak(string text, int from, int to, IReadOnlyList<string> otherLabels)
    {
        var span = text.AsSpan(from, to - from);
        if (span.Contains("第二十条", StringComparison.Ordinal) || span.Contains("信息内容", StringComparison.Ordinal)) return true;
        foreach (var label in otherLabels)
            if (span.Contains(label, StringComparison.Ordinal)) return true;
        return false;
    }
}
