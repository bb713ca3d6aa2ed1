using System.Text;
using System.Text.RegularExpressions;
using Nianbao.Documents.Model;
using Nianbao.Ocr;

namespace Nianbao.Documents.Ocr;

/// <summary>
/// Writes what OCR read on a page into the document model every format shares: text lines as
/// lines, each ruled table's grid rows as table rows with their grid columns (a merged cell once,
/// at its origin, as HTML tables are read), each character with its page box (points, origin
/// bottom left) and the model's confidence. A table that follows a table with the same column
/// layout, with nothing but page furniture between them (a page break), goes on as the same table.
/// </summary>
internal sealed partial class OcrLayout
{
    /// <summary>A digit read with less probability than this (look-alikes counted with it) is not decided by the picture.</summary>
    public const float DigitCertainty = 0.9f;
    /// <summary>A digit with at least this probability is a reading worth listing.</summary>
    private const float DigitPossible = 0.05f;
    private const int MaxReadings = 16;

    private readonly DocumentBuilder _builder;
    private int _nextTable;
    private (int Table, int Rows, double[] Columns)? _open;

    public OcrLayout(DocumentBuilder builder, int firstTable)
    {
        _builder = builder;
        _nextTable = firstTable;
    }

    /// <summary>The index the next table that does not go on from the last one will get.</summary>
    public int NextTable => _nextTable;

    public void Add(int pageNumber, OcrPage page, double pageHeightPoints)
    {
        var scale = 72.0 / page.Dpi;
        TextBox Box(PixelBox b) => new(pageNumber, b.Left * scale, pageHeightPoints - b.Bottom * scale, b.Right * scale, pageHeightPoints - b.Top * scale);
        var items = page.Lines.Where(l => !Furniture(l, page)).Select(l => (Top: l.Box.Top, Line: (OcrText?)l, Table: (OcrTable?)null))
            .Concat(page.Tables.Select(t => (Top: t.Box.Top, Line: (OcrText?)null, Table: (OcrTable?)t)))
            .OrderBy(i => i.Top).ToList();
        foreach (var (_, line, table) in items)
        {
            if (line is not null)
            {
                _builder.AddLine([Cell(line.Chars, Box, column: null)], pageNumber);
                _open = null;
            }
            else if (table is not null)
            {
                var columns = table.ColumnEdges.Select(x => x / page.Width).ToArray();
                int index, row0;
                if (_open is { } open && SameColumns(open.Columns, columns)) (index, row0) = (open.Table, open.Rows);
                else (index, row0) = (_nextTable++, 0);
                for (var r = 0; r < table.Rows; r++)
                {
                    var cells = table.Cells.Where(c => c.Row == r).OrderBy(c => c.Column)
                        .Select(c => Cell(JoinLines(c.Lines), Box, c.Column, c.Lines.Count > 0 && c.Lines[0].LeadingDash) with { ColumnSpan = c.ColumnSpan });
                    _builder.AddRow(cells, index, row0 + r, pageNumber);
                }
                _open = (index, row0 + table.Rows, columns);
            }
        }
    }

    private static bool SameColumns(double[] a, double[] b) =>
        a.Length == b.Length && a.Zip(b).All(p => Math.Abs(p.First - p.Second) < 0.01);

    /// <summary>A page number ("—2—", "-3-", "第4页"; the small dashes at times read as dots, "3.") in the top or bottom tenth of the page.</summary>
    private static bool Furniture(OcrText line, OcrPage page) =>
        (line.Box.Bottom < 0.1 * page.Height || line.Box.Top > 0.9 * page.Height) && PageNumber().IsMatch(line.Text.Replace(" ", ""));

    [GeneratedRegex(@"^[-－—–―一~～.．·•]*\s*(第?\d{1,4}页?|[0-9０-９]{1,4})\s*[-－—–―一~～.．·•]*$|^第\d+页(共\d+页)?$")]
    private static partial Regex PageNumber();

    /// <summary>The lines of a cell as one run of characters: no break inside CJK text or inside a number wrapped in a narrow cell.</summary>
    private static List<OcrChar> JoinLines(IReadOnlyList<OcrText> lines)
    {
        var chars = new List<OcrChar>();
        foreach (var line in lines)
        {
            if (chars.Count > 0 && line.Chars.Count > 0)
            {
                var before = chars[^1].Text[^1];
                var after = line.Chars[0].Text[0];
                if (!Cjk(before) && !Cjk(after) && !(char.IsAsciiDigit(before) && char.IsAsciiDigit(after)))
                    chars.Add(new OcrChar(" ", chars[^1].Box, 1f));
            }
            chars.AddRange(line.Chars);
        }
        return chars;
    }

    private static bool Cjk(char c) => c >= '\u2E80';

    private static CellInput Cell(IReadOnlyList<OcrChar> chars, Func<PixelBox, TextBox> box, int? column, bool leadingDash = false)
    {
        if (column is not null && NumberCell(chars, leadingDash) is { } number)
            return new CellInput(number.Text)
            {
                Column = column,
                CharBoxes = number.Chars.Select(c => box(c.Box)).ToArray(),
                CharConfidences = number.Confidences,
                Readings = number.Readings,
            };
        var text = new StringBuilder();
        var boxes = new List<TextBox>();
        var confidences = new List<float>();
        foreach (var c in chars)
        {
            text.Append(c.Text);
            for (var i = 0; i < c.Text.Length; i++)
            {
                boxes.Add(box(c.Box));
                confidences.Add(c.Confidence);
            }
        }
        return new CellInput(text.ToString()) { Column = column, CharBoxes = boxes, CharConfidences = confidences };
    }

    private const string ZeroLike = "oO〇○Ｏｏ";
    private const string OneLike = "lI丨|ｌＩ";
    private const string DashLike = "-－—–―一─‐ー_";
    /// <summary>Marks the model reads for a thin 1 standing after a digit.</summary>
    private const string NarrowMark = ":：;；!！";
    /// <summary>In a reading being built: this character stands for no digit at all.</summary>
    private const char NoDigit = '\0';

    private sealed record Number(string Text, IReadOnlyList<OcrChar> Chars, float[] Confidences, IReadOnlyList<string>? Readings);

    /// <summary>
    /// A table cell that holds one number (or a blank mark): its digits as the picture shows them,
    /// look-alike letters read as the digit they stand for in a number (o and 〇 as 0, l and 丨 as
    /// 1), each digit's confidence the probability of that digit. When a digit is not decided (the
    /// best has less than <see cref="DigitCertainty"/>), every reading the likely digits allow is
    /// listed, for the table's identities to choose from.
    /// </summary>
    private static Number? NumberCell(IReadOnlyList<OcrChar> all, bool leadingDash)
    {
        // A full-width digit (０ for 0) is the same digit: the model reads a lone digit that way at times.
        var chars = all.Where(c => c.Text != " ")
            .Select(c => c.Text.Length == 1 && c.Text[0] is >= '０' and <= '９' ? c with { Text = ((char)(c.Text[0] - '０' + '0')).ToString() } : c).ToList();
        // A point after the last digit is a speck of dust, never part of a number.
        while (chars.Count > 1 && chars[^1].Text is "." or "．" or "," or "，" or "、") chars.RemoveAt(chars.Count - 1);
        if (chars.Count == 0) return null;
        var text = string.Concat(chars.Select(c => c.Text));
        // A lone 0 in a number column that the model shrank into a full stop (。 is a small circle):
        // its probability counts with the 0 (see TextRecognizer's look-alikes), so it is a 0 only when sure.
        if (text == "。" && chars[0].Digits is not null)
        {
            chars[0] = chars[0] with { Text = "0" };
            text = "0";
        }
        if (text.Length <= 2 && text.All(c => DashLike.Contains(c)))
            return new Number("—", chars.Take(1).ToList(), [chars[0].Confidence], null);
        var digitish = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) || ZeroLike.Contains(c) || OneLike.Contains(c)) digitish++;
            else if (c is '.' or '．' or ',' or '，' || ((DashLike.Contains(c) || c == '−') && digitish == 0)) { }
            else if (NarrowMark.Contains(c) && digitish > 0) { }
            else return null;
        }
        if (digitish == 0 || (!text.Any(char.IsAsciiDigit) && text.Length > 2)) return null;
        var kept = new List<OcrChar>();
        var result = new StringBuilder();
        var confidences = new List<float>();
        var options = new List<string>();
        foreach (var c in chars)
        {
            var ch = c.Text[0];
            if (ch is ',' or '，') continue; // thousands separators: the number is the digits
            // A thin 1 after a digit that the model read as a colon or a bar: a 1, or nothing. The
            // picture does not decide which, so both readings stay for the identities.
            if (NarrowMark.Contains(ch))
            {
                result.Append('1');
                kept.Add(c);
                confidences.Add(0f);
                options.Add("1" + NoDigit);
                continue;
            }
            // A minus is a short dash, which the model may read as any dash, even 一.
            if (ch is '.' or '．' || ((DashLike.Contains(ch) || ch == '−') && result.Length == 0))
            {
                var plain = ch is '.' or '．' ? "." : "-";
                result.Append(plain);
                kept.Add(c);
                confidences.Add(c.Confidence);
                options.Add(plain);
                continue;
            }
            var digits = c.Digits ?? Enumerable.Range(0, 10).Select(d => ch - '0' == d ? c.Confidence : 0f).ToArray();
            var best = 0;
            for (var d = 1; d < 10; d++) if (digits[d] > digits[best]) best = d;
            result.Append((char)('0' + best));
            kept.Add(c);
            confidences.Add(digits[best]);
            if (digits[best] >= DigitCertainty) { options.Add(best.ToString()); continue; }
            var second = best == 0 ? 1 : 0;
            for (var d = 0; d < 10; d++) if (d != best && digits[d] > digits[second]) second = d;
            options.Add(string.Concat(Enumerable.Range(0, 10).Where(d => d == best || d == second || digits[d] >= DigitPossible).Select(d => (char)('0' + d))));
        }
        IReadOnlyList<string>? readings = null;
        if (options.Any(o => o.Length > 1))
        {
            var list = new List<string> { "" };
            foreach (var o in options)
            {
                list = list.SelectMany(prefix => o.Select(ch => prefix + ch)).Take(MaxReadings * 4).ToList();
            }
            // The likeliest first; readings with a leading zero are not numbers a table prints.
            readings = list.Select(r => r.Replace(NoDigit.ToString(), "")).Where(r => r.Length > 0 && (r == "0" || !r.StartsWith('0') || r.StartsWith("0."))).Distinct()
                .OrderBy(r => r != result.ToString()).Take(MaxReadings).ToList();
        }
        // A minus the pixels show and the model dropped: with and without it, for the identities to
        // choose; never the number without its sign as if the picture had decided it.
        if (leadingDash && result.Length > 0 && result[0] != '-')
        {
            var unsigned = readings ?? [result.ToString()];
            readings = unsigned.Concat(unsigned.Select(r => "-" + r)).Distinct().Take(MaxReadings * 2).ToList();
        }
        return new Number(result.ToString(), kept, confidences.ToArray(), readings);
    }
}
