using Nianbao.Documents.Model;

namespace Nianbao.Recognition.Text;

/// <summary>
/// Finds the number tokens of a document. Strict by design: a token is a digit run (optionally
/// signed, with one decimal part, or with well-formed thousands groups) — never whatever
/// decimal.TryParse would accept. Item numbers ("2." before a label) and numbers that are part of
/// prose ("2022年", "保留4位小数") are not tokens.
/// </summary>
public static class NumberScanner
{
    private static readonly HashSet<string> BlankMarks = ["", "-", "--", "/", "—", "——", "–", "无", "\\", "－", "__"];
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> BlankMarkLookup = BlankMarks.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly int LongestBlankMark = BlankMarks.Max(m => m.Length);
    private const string UnitsAfterNonCell = "年月日号位时%％点";

    public static List<NumberToken> Scan(SourceDocument document)
    {
        var text = document.Text.Value;
        // Sized once from the text's length (an estimate; the list still grows if a report prints
        // more) rather than doubled from empty: growing it was among the larger allocations of a batch.
        var tokens = new List<NumberToken>(text.Length / 12 + 16);
        foreach (var line in document.Lines)
        {
            var pipeRow = IsPipeRow(text, line);
            // "|---|:---:|": the Markdown header separator holds no cells.
            if (pipeRow && line.Cells.All(c => c.Text.Trim().Trim(':').Length == 0 || c.Text.Trim().Trim(':').All(ch => ch == '-'))) continue;
            var structured = line.IsTableRow || pipeRow;
            foreach (var cell in line.Cells)
            {
                // An empty field is a blank only where the grid is real; a mark ("-", "/", "—", "无")
                // standing alone in its field is a blank in any shape.
                // Looked up without a trimmed copy, and only when short enough to be a mark: a line of
                // prose is one cell, and hashing it whole for every line cost more than scanning it.
                var trimmed = cell.Text.AsSpan().Trim();
                if (trimmed.Length <= LongestBlankMark && BlankMarkLookup.Contains(trimmed) && (structured || trimmed.Length > 0 || BetweenNumbers(line, cell)))
                {
                    tokens.Add(new NumberToken(cell.Start, cell.Length, "", line, cell) { IsBlank = true });
                    continue;
                }
                ScanCell(text, line, cell, tokens);
            }
        }
        return tokens;
    }

    /// <summary>
    /// In tab-separated text, empty fields before the first number and after the last are debris of
    /// merged cells (seeds 002, 004); an empty field between two numbers is a blank cell.
    /// </summary>
    private static bool BetweenNumbers(DocLine line, DocCell cell)
    {
        var index = -1;
        for (var i = 0; i < line.Cells.Count; i++)
            if (ReferenceEquals(line.Cells[i], cell)) index = i;
        if (index <= 0 || index >= line.Cells.Count - 1) return false;
        static bool Numeric(DocCell c) => c.Text.Trim() is { Length: > 0 } t && (char.IsAsciiDigit(t[^1]) || BlankMarks.Contains(t));
        return line.Cells.Take(index).Any(Numeric) && line.Cells.Skip(index + 1).Any(Numeric);
    }

    private static bool IsStandaloneMark(string text, DocCell cell, int i, int end, out int length)
    {
        length = 0;
        var c = text[i];
        if (c is not ('-' or '/' or '—' or '–' or '无')) return false;
        var j = i;
        while (j < end && text[j] == c) j++;
        var before = i == cell.Start || char.IsWhiteSpace(text[i - 1]);
        var after = j == end || char.IsWhiteSpace(text[j]);
        // A lone mark with nothing else in the cell is handled as a blank cell by the caller.
        if (!before || !after || (i == cell.Start && j == end)) return false;
        length = j - i;
        return true;
    }

    private static bool IsPipeRow(string text, DocLine line)
    {
        var s = text.AsSpan(line.Start, line.Length).TrimStart();
        return s.Length > 1 && s[0] == '|';
    }

    private static void ScanCell(string text, DocLine line, DocCell cell, List<NumberToken> tokens)
    {
        var end = cell.Start + cell.Length;
        var i = cell.Start;
        while (i < end)
        {
            var c = text[i];
            if (IsStandaloneMark(text, cell, i, end, out var markLength))
            {
                // "8 - 3 0": a dash or slash standing alone between spaces is a blank cell.
                tokens.Add(new NumberToken(i, markLength, "", line, cell) { IsBlank = true });
                i += markLength;
                continue;
            }
            // A sign belongs to the number after it, also when digits run together ("行政强制3-30" is
            // 3, -3, 0 in the 2019 本年增/减 column); the solver rejects signs in count cells.
            var signed = (c == '-' || c == '+') && i + 1 < end && char.IsAsciiDigit(text[i + 1])
                && (i == cell.Start || !char.IsAsciiLetter(text[i - 1]));
            if (!char.IsAsciiDigit(c) && !signed) { i++; continue; }
            var start = i;
            if (signed) i++;
            while (i < end && char.IsAsciiDigit(text[i])) i++;
            // Thousands groups only when every group has exactly three digits.
            while (i < end && text[i] == ',' && i - start <= 3 + (signed ? 1 : 0) && IsGroup(text, i + 1, end)) i += 4;
            if (i + 1 < end && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
            {
                i++;
                while (i < end && char.IsAsciiDigit(text[i])) i++;
            }
            var length = i - start;
            var next = i < end ? text[i] : '\0';
            var previous = start > cell.Start ? text[start - 1] : '\0';
            if (next == '年' && GluedBeforeYear(text, start, length) is var cellLength and > 0)
            {
                // "行政事业性收费 02025年，本机关…": the table's last cell with the narrative's year glued
                // on. The year is prose; the digits before it are the cell.
                tokens.Add(new NumberToken(start, cellLength, text.Substring(start, cellLength), line, cell));
                continue;
            }
            if (previous == '第' || UnitsAfterNonCell.Contains(next) || char.IsAsciiLetter(next) || char.IsAsciiLetter(previous))
                continue; // "第3项", "2022年", "保留4位小数", "A4": prose, not a cell
            if ((next == '.' || next == '、') && i + 1 < end && !char.IsAsciiDigit(text[i + 1]) && !text.AsSpan(start, length).Contains('.'))
            {
                // "…0000000 2.申请人…" or "…12400001 62.没有…": the last digit is the next item's number.
                length -= 1;
                if (length <= (signed ? 1 : 0)) continue;
            }
            tokens.Add(new NumberToken(start, length, text.Substring(start, length), line, cell));
        }
    }

    /// <summary>
    /// The length of a cell's digits glued in front of a year ("0" in "02025年", "12" in "122024年"),
    /// or 0 when the run is just a year or not a year with something before it. The year must be
    /// one annual reports speak of (19xx, 20xx) and the digits before it a well-formed number.
    /// </summary>
    private static int GluedBeforeYear(string text, int start, int length)
    {
        if (length <= 4 || text[start] is '-' or '+') return 0;
        var run = text.AsSpan(start, length);
        var year = run[^4..];
        if (year.ContainsAnyExcept("0123456789") || !(year.StartsWith("19") || year.StartsWith("20"))) return 0;
        var cell = run[..^4];
        if (cell.ContainsAnyExcept("0123456789.") || cell[^1] == '.' || cell.Count('.') > 1) return 0;
        var leadingZero = cell.Length > 1 && cell[0] == '0' && cell[1] != '.';
        return leadingZero ? 0 : cell.Length;
    }

    private static bool IsGroup(string text, int from, int end) =>
        from + 3 <= end && char.IsAsciiDigit(text[from]) && char.IsAsciiDigit(text[from + 1]) && char.IsAsciiDigit(text[from + 2])
        && (from + 3 == end || !char.IsAsciiDigit(text[from + 3]));
}
