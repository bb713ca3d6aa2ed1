using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace Nianbao.Documents.Pdf;

/// <summary>
/// Rebuilds text lines from letter positions: letters are grouped by baseline (tolerating the small
/// jitter between fonts of one row), ordered left to right, and split into segments at ruling
/// lines and at gaps wide enough to separate table columns.
/// </summary>
internal static class LineBuilder
{
    /// <summary>Baselines closer than this share a line, as a fraction of the font size.</summary>
    private const double BaselineTolerance = 0.3;
    /// <summary>A gap wider than this (in font sizes) without a rule still separates two cells.</summary>
    private const double ColumnGap = 1.5;
    /// <summary>A gap wider than this (in font sizes) is a word space (same as <see cref="CellText"/>).</summary>
    private const double WordGap = 0.25;

    /// <summary>
    /// The page's visible characters. Marked content with /ActualText (used by producers for
    /// characters the font cannot show, e.g. Kangxi radicals printed as .notdef) replaces the
    /// letters it covers, as the PDF specification says. A letter without any Unicode mapping is
    /// kept as U+FFFD and counted in <paramref name="unmapped"/>, so it is never silently lost.
    /// </summary>
    public static List<(PageFrame Frame, List<Glyph> Glyphs)> Glyphs(Page page, out int unmapped)
    {
        var actual = ActualTexts(page);
        var byFrame = new Dictionary<TextOrientation, (PageFrame Frame, List<Glyph> Glyphs)>();
        unmapped = 0;
        foreach (var letter in page.Letters)
        {
            var value = letter.Value;
            if (actual.TryGetValue(Key(letter), out var replacement))
            {
                if (replacement is null) continue;
                value = replacement;
            }
            if (string.IsNullOrWhiteSpace(value)) continue;
            if (value.Contains('\0'))
            {
                unmapped++;
                value = value.Replace('\0', '\uFFFD');
            }
            var frame = PageFrame.For(letter.TextOrientation, page.Width, page.Height);
            if (!byFrame.TryGetValue(frame.Orientation, out var group))
                byFrame[frame.Orientation] = group = (frame, new List<Glyph>());
            group.Glyphs.Add(ToGlyph(letter, value, group.Frame, letter.TextOrientation == TextOrientation.Other));
        }
        // Upright text first, then sideways text (a rotated table), each in its own frame.
        return byFrame.Values.OrderBy(g => g.Frame.IsUpright ? 0 : 1).ThenByDescending(g => g.Glyphs.Count).ToList();
    }

    private static (double X, double Y, int Sequence) Key(Letter l) => (Math.Round(l.StartBaseLine.X, 2), Math.Round(l.StartBaseLine.Y, 2), l.TextSequence);

    /// <summary>Letter → its replacement text: the ActualText on the first letter of a span, null (dropped) on the rest.</summary>
    private static Dictionary<(double, double, int), string?> ActualTexts(Page page)
    {
        var map = new Dictionary<(double, double, int), string?>();
        IReadOnlyList<MarkedContentElement> roots;
        try { roots = page.GetMarkedContents(); }
        catch (Exception ex) when (ex is not OutOfMemoryException) { return map; }
        foreach (var root in roots) Walk(root);
        return map;

        void Walk(MarkedContentElement e)
        {
            if (e.ActualText is { } text)
            {
                var letters = new List<Letter>();
                Collect(e, letters);
                for (var i = 0; i < letters.Count; i++) map[Key(letters[i])] = i == 0 ? text : null;
                return;
            }
            foreach (var child in e.Children) Walk(child);
        }

        static void Collect(MarkedContentElement e, List<Letter> into)
        {
            into.AddRange(e.Letters);
            foreach (var child in e.Children) Collect(child, into);
        }
    }

    private static Glyph ToGlyph(Letter letter, string value, PageFrame frame, bool skewed)
    {
        var b = letter.BoundingBox;
        PdfPoint[] corners = [b.BottomLeft, b.BottomRight, b.TopLeft, b.TopRight];
        var source = new PdfBox(corners.Min(c => c.X), corners.Min(c => c.Y), corners.Max(c => c.X), corners.Max(c => c.Y));
        var mapped = corners.Select(frame.Map).ToArray();
        double minX = mapped.Min(c => c.X), maxX = mapped.Max(c => c.X), minY = mapped.Min(c => c.Y), maxY = mapped.Max(c => c.Y);
        var hasBox = maxY - minY > 0.1 && maxX - minX > 0.01;
        if (skewed)
        {
            // Text at an odd angle: each letter is placed by its box, so a column of them can still be found as a vertical label.
            var s = Math.Max(1, Math.Min(maxX - minX, maxY - minY));
            return new Glyph(value, minX, minY, maxX, maxY, minY, s, source);
        }
        var size = letter.PointSize > 0.5 ? letter.PointSize : Math.Max(1, maxY - minY);
        var start = frame.Map(letter.StartBaseLine);
        var end = frame.Map(letter.EndBaseLine);
        var baseline = start.Y;
        var left = hasBox ? Math.Min(start.X, minX) : start.X;
        var right = Math.Max(Math.Max(end.X, start.X + 0.1), hasBox ? maxX : 0);
        var bottom = hasBox ? Math.Min(minY, baseline) : baseline - 0.15 * size;
        var top = hasBox ? Math.Max(maxY, baseline + 0.1 * size) : baseline + 0.8 * size;
        if (source.Right - source.Left < 0.01 || source.Top - source.Bottom < 0.01)
            source = new PdfBox(Math.Min(letter.StartBaseLine.X, letter.EndBaseLine.X), Math.Min(letter.StartBaseLine.Y, letter.EndBaseLine.Y),
                Math.Max(letter.StartBaseLine.X, letter.EndBaseLine.X) + 0.1, Math.Max(letter.StartBaseLine.Y, letter.EndBaseLine.Y) + 0.1);
        return new Glyph(value, left, bottom, right, top, baseline, size, source);
    }

    /// <summary>
    /// Text at an odd angle (a diagonal watermark, a stamp): consecutive letters of the content
    /// stream that stand next to each other form one line, in the order they were written.
    /// </summary>
    public static List<List<Glyph>> GroupByProximity(List<Glyph> glyphs)
    {
        var lines = new List<List<Glyph>>();
        foreach (var g in glyphs)
        {
            var last = lines.Count > 0 ? lines[^1][^1] : null;
            var near = last is not null && Math.Abs(g.CenterX - last.CenterX) + Math.Abs((g.Top + g.Bottom - last.Top - last.Bottom) / 2) < 2.5 * Math.Max(g.Size, last.Size);
            if (near) lines[^1].Add(g);
            else lines.Add([g]);
        }
        return lines;
    }

    /// <summary>Groups glyphs into lines top to bottom, each line's glyphs left to right.</summary>
    public static List<List<Glyph>> GroupByBaseline(IEnumerable<Glyph> glyphs)
    {
        var lines = new List<List<Glyph>>();
        List<Glyph>? current = null;
        double first = 0;
        foreach (var g in glyphs.OrderByDescending(g => g.Baseline).ThenBy(g => g.Left))
        {
            if (current is not null && first - g.Baseline <= BaselineTolerance * Math.Min(g.Size, current[0].Size))
            {
                current.Add(g);
                continue;
            }
            current = [g];
            first = g.Baseline;
            lines.Add(current);
        }
        foreach (var line in lines)
        {
            line.Sort((a, b) => a.Left.CompareTo(b.Left));
            RemoveOverprints(line);
        }
        return lines;
    }

    /// <summary>
    /// Drops a glyph printed again over itself, slightly shifted: producers fake bold (and
    /// text-shadow) that way, and read naively it doubles every character ("二二、、主主动动").
    /// </summary>
    private static void RemoveOverprints(List<Glyph> line)
    {
        var kept = 0;
        for (var i = 0; i < line.Count; i++)
        {
            var g = line[i];
            var duplicate = false;
            for (var k = kept - 1; k >= 0 && k >= kept - 3; k--)
            {
                var o = line[k];
                if (o.Text == g.Text && Math.Abs(o.Left - g.Left) < 0.3 * Math.Max(o.Right - o.Left, 0.3 * o.Size)
                    && Math.Abs(o.Baseline - g.Baseline) < 0.2 * o.Size)
                {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) line[kept++] = g;
        }
        line.RemoveRange(kept, line.Count - kept);
    }

    /// <summary>
    /// In a table without rules, narrow columns leave only a word space between numbers. A line
    /// with a run of at least three numbers side by side is a numeric row, so it is split at every
    /// word space next to a number. Running text ("2023 年 1 月 1 日") never has numbers side by side.
    /// </summary>
    private static List<Segment> SplitNumberRuns(List<Segment> segments)
    {
        var words = segments.Select(s => Words(s.Glyphs)).ToList();
        var run = 0;
        var longest = 0;
        foreach (var w in words.SelectMany(w => w))
        {
            run = IsNumberWord(w) ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        if (longest < MinNumberRun) return segments;
        var result = new List<Segment>();
        foreach (var segmentWords in words)
        {
            List<Glyph>? current = null;
            for (var i = 0; i < segmentWords.Count; i++)
            {
                var startsCell = current is null || IsNumberWord(segmentWords[i]) || IsNumberWord(segmentWords[i - 1]);
                if (startsCell)
                {
                    if (current is not null) result.Add(new Segment(current));
                    current = [];
                }
                current!.AddRange(segmentWords[i]);
            }
            if (current is not null) result.Add(new Segment(current));
        }
        return result;
    }

    private const int MinNumberRun = 3;

    private static List<List<Glyph>> Words(List<Glyph> glyphs)
    {
        var words = new List<List<Glyph>> { new() { glyphs[0] } };
        for (var i = 1; i < glyphs.Count; i++)
        {
            if (glyphs[i].Left - glyphs[i - 1].Right > WordGap * Math.Min(glyphs[i].Size, glyphs[i - 1].Size)) words.Add([]);
            words[^1].Add(glyphs[i]);
        }
        return words;
    }

    private static bool IsNumberWord(List<Glyph> word)
    {
        var text = string.Concat(word.Select(g => g.Text));
        if (text is "-" or "－" or "—" or "–" or "/" or "／") return true; // a printed blank
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) || c is >= '０' and <= '９') digits++;
            else if (c is not (',' or '.' or '，' or '．' or '%' or '-' or '+')) return false;
        }
        return digits > 0;
    }

    /// <summary>Splits one baseline's glyphs into segments at ruling lines and wide gaps.</summary>
    public static TextLine Split(List<Glyph> glyphs, Rulings rulings)
    {
        var segments = new List<Segment>();
        var current = new List<Glyph> { glyphs[0] };
        var ruled = false;
        for (var i = 1; i < glyphs.Count; i++)
        {
            var a = glyphs[i - 1];
            var b = glyphs[i];
            var y = (a.Baseline + b.Baseline) / 2 + 0.3 * Math.Min(a.Size, b.Size);
            var gap = b.Left - a.Right;
            var atRule = rulings.VerticalBetween(a.CenterX, b.CenterX, y);
            ruled |= atRule;
            if (atRule || gap > ColumnGap * Math.Max(a.Size, b.Size))
            {
                segments.Add(new Segment(current));
                current = [];
            }
            current.Add(b);
        }
        segments.Add(new Segment(current));
        if (!ruled) segments = SplitNumberRuns(segments);
        foreach (var s in segments)
        {
            var size = s.Size;
            var baseline = s.Baseline;
            s.Frame = rulings.FrameAround(s.Left, baseline - 0.1 * size, s.Right, baseline + 0.6 * size);
        }
        return new TextLine(segments);
    }
}
