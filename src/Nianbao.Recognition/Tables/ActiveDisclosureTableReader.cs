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
    public static TableValues? Read(DocumentView view, TableRegions regions, TemplateSchema template, Report report)
    {
        if (!regions.HasTable2) return null;
        var schema = template.ActiveDisclosure;
        var c = view.Compact;
        var end = regions.T3Start > regions.T2Start ? regions.T3Start : c.Value.Length;
        var outcomes = new List<RowOutcome>();
        foreach (var row in schema.Rows)
        {
            var (index, key) = FindLabel(c, row, regions.T2Start, end);
            if (index < 0)
            {
                outcomes.Add(new RowOutcome { Row = row, Tokens = [], Problem = RowProblem.Missing });
                continue;
            }
            var otherLabels = schema.Rows.Where(r => r != row).SelectMany(r => r.MatchKeys).ToArray();
            var tokens = NumbersAfter(view, view.NEnd(index + key!.Length), view.N(end), otherLabels);
            outcomes.Add(RowReader.Read(row, tokens, []));
        }
        if (outcomes.All(o => o.Problem == RowProblem.Missing)) return null;
        var table = new TableValues(schema);
        TableAssembler.Commit(report, table, outcomes);
        return table;
    }

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
