using System.Text;
using Nianbao.Documents.Model;
using Nianbao.Domain;

namespace Nianbao.Synthetic;

/// <summary>
/// The text shapes reports arrive in (domain.md "The shapes reports arrive in", seeds 000–004 and
/// corpus pingtan-2021.txt).
/// </summary>
public enum TextShape
{
    /// <summary>(a) Tab-separated rows, as a table copied out of a web page (seeds 002, 004).</summary>
    Tabs,
    /// <summary>(b) A web page flattened to one cell per line, punctuation stripped from labels and
    /// block captions cut short to "第二十条第" (seed 001).</summary>
    CellPerLine,
    /// <summary>(c) PDF text: CJK characters as Kangxi radicals, long labels broken across lines with
    /// the numbers on the next line, space-separated numbers (seed 000).</summary>
    WrappedKangxi,
    /// <summary>(d) Markdown from a converter: headings promoted at random, pipe tables (seed 003).</summary>
    Markdown,
    /// <summary>(e) Page text with each row's digits run together and the next item's number glued
    /// on, table 四 as one digit run (corpus pingtan-2021.txt).</summary>
    RunTogether,
    /// <summary>(f) A clean shape encoded as GB18030.</summary>
    Gb18030,
    /// <summary>(f) A clean shape encoded as UTF-16 with a byte-order mark.</summary>
    Utf16,
    /// <summary>(g) Tab-separated rows where some rows lost one value cell.</summary>
    LostCells,
}

/// <summary>A rendered report: its file, its text and which rows the shape damaged on purpose.</summary>
public sealed record RenderedReport(string FileName, byte[] Bytes, string Text, TextShape Shape, IReadOnlyList<(TableKind Table, string Row)> DamagedRows)
{
    public bool IsDamaged(TableKind table, string row) => DamagedRows.Contains((table, row));
}

/// <summary>
/// Renders a generated report into each text shape. Every shape prints every number exactly as the
/// generated truth holds it; only (g) loses cells, and it says which rows.
/// </summary>
public static class TextShapes
{
    public static IReadOnlyList<TextShape> All { get; } = Enum.GetValues<TextShape>();

    public static RenderedReport Render(GeneratedReport generated, TextShape shape, int seed)
    {
        var random = new Random(seed);
        var blocks = MarkBlanks(ReportLayout.Of(generated.Truth), shape, random);
        var damaged = new List<(TableKind, string)>();
        string text;
        switch (shape)
        {
            case TextShape.Tabs: text = Tabs(blocks); break;
            case TextShape.CellPerLine: text = CellPerLine(blocks); break;
            case TextShape.WrappedKangxi: text = Kangxi(Wrapped(blocks, random), random); break;
            case TextShape.Markdown: text = Markdown(blocks, random); break;
            case TextShape.RunTogether: text = RunTogether(blocks); break;
            case TextShape.Gb18030 or TextShape.Utf16: text = CleanShape(blocks, random); break;
            default: text = Tabs(LoseCells(blocks, random, damaged)); break;
        }
        var name = $"gen-{generated.Spec.Seed}-{shape.ToString().ToLowerInvariant()}{(shape == TextShape.Markdown ? ".md" : ".txt")}";
        return new RenderedReport(name, Encode(text, shape), text, shape, damaged);
    }

    /// <summary>How each shape prints an empty cell. Run-together text and rows that lose cells cannot
    /// show one, so those shapes refuse reports with blanks.</summary>
    private static List<Block> MarkBlanks(List<Block> blocks, TextShape shape, Random random)
    {
        string[] marks = shape switch
        {
            TextShape.Tabs or TextShape.Markdown or TextShape.Gb18030 or TextShape.Utf16 => ["", "-", "/", "—", "无"],
            TextShape.CellPerLine or TextShape.WrappedKangxi => ["-", "/", "—", "无"],
            _ => [],
        };
        return blocks.Select(b =>
        {
            if (b is not TableRow { IsHeader: false } row || !row.Values.Contains("")) return b;
            if (marks.Length == 0) throw new ArgumentException($"shape {shape} cannot print blank cells; generate without blanks");
            return row with { Values = row.Values.Select(v => v.Length > 0 ? v : marks[random.Next(marks.Length)]).ToArray() };
        }).ToList();
    }

    private static byte[] Encode(string text, TextShape shape) => shape switch
    {
        TextShape.Gb18030 => Gb18030.GetBytes(text),
        TextShape.Utf16 => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
        _ => Encoding.UTF8.GetBytes(text),
    };

    private static readonly Encoding Gb18030 = CreateGb18030();

    private static Encoding CreateGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    // The encodings carry one of the clean shapes; which one varies.
    private static string CleanShape(List<Block> blocks, Random random) => random.Next(4) switch
    {
        0 => Tabs(blocks),
        1 => CellPerLine(blocks),
        2 => Kangxi(Wrapped(blocks, random), random),
        _ => Tabs(blocks),
    };

    // ---- (a) tab-separated ----------------------------------------------------------------------

    private static string Tabs(List<Block> blocks)
    {
        var sb = new StringBuilder();
        foreach (var line in Lines(blocks))
        {
            switch (line)
            {
                case Heading h: sb.Append(h.Text).Append('\n'); break;
                case Paragraph p: sb.Append(p.Text).Append('\n'); break;
                case Caption c: sb.Append(c.Text).Append("\t\t\t\n"); break;
                case TableRow r: sb.AppendJoin('\t', r.Labels.Concat(r.Values)).Append('\n'); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>The blocks as printed lines: table 四's three groups are one row of fifteen numbers.</summary>
    private static IEnumerable<Block> Lines(List<Block> blocks)
    {
        TableRow? reviews = null;
        foreach (var block in blocks)
        {
            if (block is TableRow { Table: TableKind.ReviewsAndLawsuits, IsHeader: false } r)
            {
                reviews = reviews is null ? r : reviews with { Values = [.. reviews.Values, .. r.Values] };
                continue;
            }
            if (reviews is not null) { yield return reviews; reviews = null; }
            yield return block;
        }
        if (reviews is not null) yield return reviews;
    }

    // ---- (g) lost cells ---------------------------------------------------------------------------

    /// <summary>Deletes one value cell from a few rows of table 三 (and sometimes table 二), as when
    /// merged cells are flattened: the rest of the row shifts left.</summary>
    private static List<Block> LoseCells(List<Block> blocks, Random random, List<(TableKind, string)> damaged)
    {
        var candidates = blocks.Select((b, i) => (b, i))
            .Where(p => p.b is TableRow { IsHeader: false } r && r.Values.Count >= 3 && r.Table != TableKind.ReviewsAndLawsuits)
            .Select(p => p.i).ToList();
        var count = random.Next(1, 4);
        var result = blocks.ToList();
        foreach (var index in candidates.OrderBy(_ => random.Next()).Take(count))
        {
            var row = (TableRow)result[index];
            var drop = random.Next(row.Values.Count);
            result[index] = row with { Values = row.Values.Where((_, i) => i != drop).ToArray() };
            damaged.Add((row.Table, row.Row!.Key));
        }
        return result;
    }

    // ---- (b) one cell per line --------------------------------------------------------------------

    private static string CellPerLine(List<Block> blocks)
    {
        var sb = new StringBuilder();
        void Cell(string s) { if (s.Length > 0) sb.Append(s).Append("\n\n"); }
        foreach (var line in Lines(blocks))
        {
            switch (line)
            {
                case Heading { Number: 0 } h: Cell(h.Text); break;
                case Heading h: Cell("  " + h.Text); break;
                case Paragraph p: Cell("  " + p.Text); break;
                // Block titles are cut short where the page put the item number in another element.
                case Caption c: Cell(c.Text.StartsWith("第二十条第", StringComparison.Ordinal) ? "第二十条第" : c.Text); break;
                case TableRow r:
                    foreach (var label in r.Labels) Cell(StripLabel(label));
                    foreach (var value in r.Values) Cell(value);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>What seed 001 does to labels: "（一）予以公开" → "予以公开", "危及“三安全一稳定”" →
    /// "危及三安全一稳定", "（单位：万元）" → "单位万元".</summary>
    private static string StripLabel(string label)
    {
        var s = label;
        if (s.Length > 3 && s[0] == '（' && s[2] == '）') s = s[3..];
        return new string(s.Where(ch => "（）()，,：:“”\"".IndexOf(ch) < 0).ToArray());
    }

    // ---- (c) wrapped labels + Kangxi radicals -----------------------------------------------------

    private static string Wrapped(List<Block> blocks, Random random)
    {
        var sb = new StringBuilder();
        foreach (var line in Lines(blocks))
        {
            switch (line)
            {
                case Heading h: sb.Append(h.Number == 0 ? h.Text : " " + h.Text).Append("\n\n"); break;
                case Paragraph p: sb.Append(Wrap(p.Text, 40)).Append("\n\n"); break;
                case Caption c: sb.Append(c.Text).Append('\n'); break;
                case TableRow { IsHeader: true } r:
                    // PDF headers come out one phrase per line, long ones broken.
                    foreach (var header in r.Labels.Where(l => l.Length > 0)) sb.Append(Wrap(header, 4 + random.Next(8))).Append('\n');
                    break;
                case TableRow r:
                    var labels = r.Labels.Where(l => l.Length > 0).ToList();
                    // A group caption in a merged cell stands on its own lines, broken ("（三）不予\n公开").
                    if (labels.Count == 2) { sb.Append(Wrap(labels[0], 5)).Append('\n'); labels.RemoveAt(0); }
                    var label = labels.Count == 1 ? labels[0] : "";
                    var values = string.Join(' ', r.Values);
                    if (label.Length > 30)
                        sb.Append(Wrap(label, 30)).Append('\n').Append(values).Append('\n');
                    else
                        sb.Append(label.Length > 0 ? label + " " + values : values).Append('\n');
                    break;
            }
        }
        return sb.ToString();
    }

    private static string Wrap(string text, int width)
    {
        if (text.Length <= width) return text;
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i += width)
        {
            if (i > 0) sb.Append('\n');
            sb.Append(text, i, Math.Min(width, text.Length - i));
        }
        return sb.ToString();
    }

    private static readonly Dictionary<char, string> KangxiOf = BuildKangxi();

    /// <summary>Each CJK character that a Kangxi radical (U+2F00–U+2FDF) or a CJK radical supplement
    /// character stands for in PDF text, with that radical — only where the reader's normalizer maps
    /// the radical back to exactly this character.</summary>
    private static Dictionary<char, string> BuildKangxi()
    {
        var map = new Dictionary<char, string>();
        for (var cp = 0x2E80; cp <= 0x2FDF; cp++)
        {
            var radical = char.ConvertFromUtf32(cp);
            var normalized = TextNormalizer.Normalize(radical).Value;
            if (normalized.Length == 1 && normalized[0] >= 0x4E00 && !map.ContainsKey(normalized[0]))
                map[normalized[0]] = radical;
        }
        return map;
    }

    /// <summary>Replaces most characters that have a radical form (一二工行人大文…), as seed 000.</summary>
    private static string Kangxi(string text, Random random)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
            sb.Append(KangxiOf.TryGetValue(ch, out var radical) && random.NextDouble() < 0.85 ? radical : ch.ToString());
        return sb.ToString();
    }

    // ---- (d) markdown -----------------------------------------------------------------------------

    private static string Markdown(List<Block> blocks, Random random)
    {
        var sb = new StringBuilder();
        var lines = Lines(blocks).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            switch (lines[i])
            {
                case Heading { Number: 0 } h: sb.Append("# ").Append(h.Text).Append("\n\n"); break;
                // Converters promote headings at random (seed 003: "##", "####").
                case Heading h: sb.Append(new string('#', random.Next(2, 6))).Append(' ').Append(h.Text).Append("\n\n"); break;
                case Paragraph p: sb.Append(p.Text).Append("\n\n"); break;
                default:
                    // A run of captions and rows is one pipe table; its width is the widest row.
                    var table = new List<Block>();
                    while (i < lines.Count && lines[i] is Caption or TableRow) table.Add(lines[i++]);
                    i--;
                    AppendPipeTable(sb, table);
                    sb.Append('\n');
                    break;
            }
        }
        return sb.ToString();
    }

    private static void AppendPipeTable(StringBuilder sb, List<Block> rows)
    {
        var cells = rows.Select(b => b switch
        {
            Caption c => new List<string> { c.Text },
            TableRow r => r.Labels.Concat(r.Values).ToList(),
            _ => [],
        }).ToList();
        var width = cells.Max(c => c.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            var row = cells[i];
            while (row.Count < width) row.Add("");
            sb.Append("| ").AppendJoin(" | ", row).Append(" |\n");
            if (i == 0) sb.Append('|').Append(string.Concat(Enumerable.Repeat("---|", width))).Append('\n');
        }
    }

    // ---- (e) run-together digits ------------------------------------------------------------------

    /// <summary>The title on its own line, then the whole body as one line with no separators inside
    /// a row: "…1.属于国家秘密00000002.其他法律…".</summary>
    private static string RunTogether(List<Block> blocks)
    {
        var sb = new StringBuilder();
        foreach (var line in Lines(blocks))
        {
            switch (line)
            {
                case Heading { Number: 0 } h: sb.Append(h.Text).Append('\n'); break;
                case Heading h: sb.Append(h.Text); break;
                case Paragraph p: sb.Append(p.Text); break;
                case Caption c: sb.Append(c.Text); break;
                case TableRow r: sb.Append(string.Concat(r.Labels)).Append(string.Concat(r.Values)); break;
            }
        }
        return sb.Append('\n').ToString();
    }
}
