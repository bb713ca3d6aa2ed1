namespace Nianbao.Documents.Pdf;

/// <summary>
/// In a table without ruling lines, a number too wide for its column is printed over several lines,
/// centred on its row: over two lines, its first digits stand half a line above the row's own line
/// and the rest half a line below ("386" / 一、本年新收… / "5"); over three, the middle part stands on
/// the row's line and the others a whole line above and below. Pieces of nothing but digits placed
/// that way — one above and one below in the same column, the row's line holding its label — are
/// one number of that row. Group labels printed down the left edge may share those lines; they stay.
/// Rows whose cells hang from the top instead continue a number on the next line only (<see cref="JoinTails"/>).
/// Anything less regular is left as it is.
/// </summary>
internal static class WrappedNumbers
{
    /// <summary>Wrapped lines sit at single line spacing; a row's separate lines of labels and numbers are twice that apart.</summary>
    private const double MaxWrapPitch = 1.7;

    public static List<TextLine> Join(List<TextLine> lines)
    {
        var ordered = lines.OrderByDescending(l => l.Baseline).ToList();
        // Rows with a label first: halves (half a line away), then thirds around a middle piece (a
        // whole line away). Then rows of nothing but numbers (table 四), where every line must be digits.
        foreach (var (thirds, row) in new[] { (false, RowLine.Labelled), (true, RowLine.Labelled), (false, RowLine.LabelWrapped), (false, RowLine.NumbersOnly) })
        {
            var live = ordered.Where(l => l.Segments.Count > 0).ToList();
            for (var i = 1; i + 1 < live.Count; i++)
            {
                var (upper, middle, lower) = (live[i - 1], live[i], live[i + 1]);
                foreach (var (top, bottom, between) in Pieces(upper, middle, lower, thirds, row) ?? [])
                {
                    middle.Segments.Remove(between!);
                    middle.Segments.Add(new Segment([.. top.Glyphs, .. between?.Glyphs ?? [], .. bottom.Glyphs]));
                    upper.Segments.Remove(top);
                    lower.Segments.Remove(bottom);
                }
                middle.Segments.Sort((a, b) => a.Left.CompareTo(b.Left));
            }
        }
        JoinTails(ordered.Where(l => l.Segments.Count > 0).ToList());
        return lines.All(l => l.Segments.Count > 0) ? lines : lines.Where(l => l.Segments.Count > 0).ToList();
    }

    /// <summary>
    /// A row whose cells hang from its top prints a wrapped number's first digits on the row's line
    /// and the rest on the next line, alone in that column ("… 934 121" over "1"). A next line of
    /// nothing but such digit pieces, at single spacing, each under exactly one number of a labelled
    /// row line, continues those numbers.
    /// </summary>
    private static void JoinTails(List<TextLine> live)
    {
        for (var i = 0; i + 1 < live.Count; i++)
        {
            var (row, next) = (live[i], live[i + 1]);
            if (row.IsRuled || next.IsRuled || next.Segments.Count == 0 || !next.Segments.All(Digits)) continue;
            if (!row.Segments.Any(s => !Digits(s))) continue;
            var size = Math.Max(row.Size, next.Size);
            var gap = row.Baseline - next.Baseline;
            if (gap < 0.6 * size || gap > MaxWrapPitch * size) continue;
            var heads = new List<(Segment Head, Segment Tail)>();
            foreach (var tail in next.Segments)
            {
                var over = row.Segments.Where(r => Overlap(r, tail)).ToList();
                if (over.Count != 1 || !Digits(over[0])) { heads.Clear(); break; }
                heads.Add((over[0], tail));
            }
            if (heads.Count != next.Segments.Count) continue;
            foreach (var (head, tail) in heads)
            {
                row.Segments[row.Segments.IndexOf(head)] = new Segment([.. head.Glyphs, .. tail.Glyphs]);
                next.Segments.Remove(tail);
            }
        }
    }

    /// <summary>What the row's own line holds besides the middle of its wrapped numbers.</summary>
    private enum RowLine
    {
        /// <summary>Its label: the lines above and below may hold only group-label pieces left of it.</summary>
        Labelled,
        /// <summary>Numbers only, its label wrapped onto the lines above and below, left of every number.</summary>
        LabelWrapped,
        /// <summary>Numbers only, and so are the lines above and below (table 四's one row).</summary>
        NumbersOnly,
    }

    private static List<(Segment Top, Segment Bottom, Segment? Between)>? Pieces(TextLine upper, TextLine middle, TextLine lower, bool thirds, RowLine row)
    {
        if (upper.Segments.Count == 0 || middle.Segments.Count == 0 || lower.Segments.Count == 0) return null;
        if (upper.IsRuled || middle.IsRuled || lower.IsRuled) return null;
        var size = Math.Max(upper.Size, lower.Size);
        var above = upper.Baseline - middle.Baseline;
        var below = middle.Baseline - lower.Baseline;
        var (least, most) = thirds ? (0.6, 2 * MaxWrapPitch) : (0.25, MaxWrapPitch);
        if (above < least * size || below < least * size || Math.Abs(above - below) > 0.15 * size || above + below > most * size) return null;
        // The row's own line holds its label; besides the pieces, the lines above and below may hold
        // only pieces of group labels left of it — a row label there means those lines are rows.
        var outer = upper.Segments.Concat(lower.Segments).ToList();
        switch (row)
        {
            case RowLine.Labelled:
                if (middle.Segments.Where(m => !Digits(m)).MaxBy(m => m.Glyphs.Count) is not { } label) return null;
                if (outer.Any(s => !Digits(s) && s.Right > label.Left)) return null;
                break;
            case RowLine.LabelWrapped:
                if (!middle.Segments.All(Digits)) return null;
                var firstNumber = middle.Segments.Min(m => m.Left);
                if (!upper.Segments.Any(s => !Digits(s)) || !lower.Segments.Any(s => !Digits(s))) return null;
                if (outer.Any(s => !Digits(s) && s.Right > firstNumber)) return null;
                break;
            default:
                if (!outer.Concat(middle.Segments).All(Digits)) return null;
                break;
        }
        var tops = upper.Segments.Where(Digits).ToList();
        var bottoms = lower.Segments.Where(Digits).ToList();
        if (tops.Count == 0 || tops.Count != bottoms.Count) return null;
        var pieces = new List<(Segment, Segment, Segment?)>();
        foreach (var top in tops)
        {
            // Exactly one bottom piece in the column; on the row's line, nothing there for halves and
            // exactly one piece of digits for thirds.
            var under = bottoms.Where(b => Overlap(top, b)).ToList();
            if (under.Count != 1 || tops.Count(t => Overlap(t, under[0])) != 1) return null;
            var between = middle.Segments.Where(m => Overlap(m, top) || Overlap(m, under[0])).ToList();
            if (!thirds && between.Count != 0) return null;
            if (thirds && (between.Count != 1 || !Digits(between[0]))) return null;
            pieces.Add((top, under[0], thirds ? between[0] : null));
        }
        return pieces;
    }

    private static bool Digits(Segment s) => s.Glyphs.All(g => g.Text.All(c => char.IsAsciiDigit(c) || c is ',' or '.'));

    private static bool Overlap(Segment a, Segment b) => a.Left < b.Right && b.Left < a.Right;
}
