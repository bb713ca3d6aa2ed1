namespace Nianbao.Documents.Pdf;

/// <summary>
/// A label printed one character per line (e.g. 三、本年度办理结果 down the side of table 三). Its
/// characters share a column and step down by about one line; left in place they would be glued
/// onto whichever rows share their baselines, so they are taken out and read as one label.
/// </summary>
internal sealed record VerticalLabel(List<Glyph> Glyphs, CellFrame? Frame)
{
    private const double AlignTolerance = 0.35;
    private const double MaxStep = 2.5;
    private const int MinLength = 3;

    public double Anchor => Frame?.Top ?? Glyphs.Max(g => g.Top);

    private static bool IsCandidate(Segment s) =>
        s.Glyphs.Count switch
        {
            1 => s.Glyphs[0].IsCjk && !char.IsDigit(s.Glyphs[0].Text[0]),
            2 => s.Glyphs[0].IsCjk && s.Glyphs[1].Text is "、" or "，" or "。" or "：" or "," or "." or ":",
            _ => false,
        };

    /// <summary>Takes vertical labels out of the lines (in place) and returns them.</summary>
    public static List<VerticalLabel> Extract(List<TextLine> lines, Rulings rulings)
    {
        var candidates = lines.SelectMany(l => l.Segments.Where(IsCandidate).Select(s => (Line: l, Segment: s))).ToList();
        var labels = new List<VerticalLabel>();
        var used = new HashSet<Segment>(ReferenceEqualityComparer.Instance);
        foreach (var column in candidates.OrderBy(c => c.Segment.Left).GroupWhile((a, b) => b.Segment.Left - a.Segment.Left <= AlignTolerance * a.Segment.Size))
        {
            var stack = column.OrderByDescending(c => c.Segment.Baseline).ToList();
            var chain = new List<(TextLine Line, Segment Segment)>();
            foreach (var c in stack)
            {
                if (chain.Count > 0)
                {
                    var step = chain[^1].Segment.Baseline - c.Segment.Baseline;
                    if (step < 0.5 * c.Segment.Size || step > MaxStep * c.Segment.Size)
                    {
                        Take(chain);
                        chain.Clear();
                    }
                }
                chain.Add(c);
            }
            Take(chain);
        }
        foreach (var line in lines) line.Segments.RemoveAll(used.Contains);
        lines.RemoveAll(l => l.Segments.Count == 0);
        return labels;

        void Take(List<(TextLine Line, Segment Segment)> chain)
        {
            if (chain.Count < MinLength) return;
            var glyphs = chain.SelectMany(c => c.Segment.Glyphs).ToList();
            foreach (var c in chain) used.Add(c.Segment);
            var frame = rulings.FrameAround(glyphs.Min(g => g.Left), glyphs.Min(g => g.Bottom), glyphs.Max(g => g.Right), glyphs.Max(g => g.Top));
            labels.Add(new VerticalLabel(glyphs, frame));
        }
    }
}

internal static class SequenceExtensions
{
    /// <summary>Splits an ordered sequence into runs where each neighbour pair satisfies <paramref name="together"/>.</summary>
    public static IEnumerable<List<T>> GroupWhile<T>(this IEnumerable<T> source, Func<T, T, bool> together)
    {
        List<T>? run = null;
        foreach (var item in source)
        {
            if (run is not null && together(run[^1], item)) { run.Add(item); continue; }
            if (run is not null) yield return run;
            run = [item];
        }
        if (run is not null) yield return run;
    }
}
