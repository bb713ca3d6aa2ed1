namespace Nianbao.Ocr;

/// <summary>A straight ruling line: horizontal (At = y, From..To = x) or vertical (At = x, From..To = y).</summary>
internal sealed record Ruling(bool Horizontal, double At, double From, double To, double Thickness);

/// <summary>A merged cell of a grid: grid position and spans.</summary>
internal sealed record GridCell(int Row, int Column, int RowSpan, int ColumnSpan);

/// <summary>A table's grid: the row and column edges and its (merged) cells.</summary>
internal sealed record Grid(double[] Xs, double[] Ys, IReadOnlyList<GridCell> Cells, double LineThickness);

/// <summary>
/// Ruled tables from their lines: long straight runs of ink, kept only where horizontal and
/// vertical lines cross each other (a long stroke of a character, an underline or a dash crosses
/// nothing). Neighbouring grid cells with no line between them are one merged cell.
/// </summary>
internal static class RulingGrid
{
    /// <param name="ink">The page's ink: lines are found in it.</param>
    /// <param name="faint">Lighter ink too: whether a border is drawn between two cells is judged on it (a thin line scans grey).</param>
    /// <param name="dpi">Resolution.</param>
    public static IReadOnlyList<Grid> Find(Ink ink, Ink faint, double dpi)
    {
        var gap = Math.Max(2, (int)Math.Round(dpi / 100)); // JPEG and scanning break lines into dashes
        var horizontal = Runs(ink, true, (int)(dpi * 0.35), gap);
        var vertical = Runs(ink, false, (int)(dpi * 0.15), gap);
        var tol = Math.Max(3, dpi * 0.02);
        // Keep lines that cross lines of the other direction, and group them into tables.
        var all = horizontal.Concat(vertical).ToList();
        var parent = Enumerable.Range(0, all.Count).ToArray();
        var crossings = new int[all.Count];
        for (var i = 0; i < horizontal.Count; i++)
        for (var j = horizontal.Count; j < all.Count; j++)
        {
            if (!Cross(all[i], all[j], tol)) continue;
            crossings[i]++;
            crossings[j]++;
            parent[Find(parent, i)] = Find(parent, j);
        }
        var grids = new List<Grid>();
        foreach (var group in Enumerable.Range(0, all.Count).Where(i => crossings[i] >= 2).GroupBy(i => Find(parent, i)))
        {
            var h = group.Where(i => all[i].Horizontal).Select(i => all[i]).ToList();
            var v = group.Where(i => !all[i].Horizontal).Select(i => all[i]).ToList();
            if (h.Count < 2 || v.Count < 2) continue;
            if (Build(h, v, tol, faint) is { } grid) grids.Add(grid);
        }
        return grids.OrderBy(g => g.Ys[0]).ToList();
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }

    private static bool Cross(Ruling h, Ruling v, double tol) =>
        v.At >= h.From - tol && v.At <= h.To + tol && h.At >= v.From - tol && h.At <= v.To + tol;

    private static Grid? Build(List<Ruling> h, List<Ruling> v, double tol, Ink faint)
    {
        var ys = Cluster(h.Select(r => r.At), tol);
        var xs = Cluster(v.Select(r => r.At), tol);
        if (ys.Length < 2 || xs.Length < 2) return null;
        ys = OpenEnds(ys, v, tol);
        int rows = ys.Length - 1, cols = xs.Length - 1;
        var parent = Enumerable.Range(0, rows * cols).ToArray();
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < cols; c++)
        {
            if (c + 1 < cols && !Covered(v, xs[c + 1], ys[r], ys[r + 1], tol) && !Drawn(faint, false, xs[c + 1], ys[r], ys[r + 1], tol))
                parent[Find(parent, r * cols + c)] = Find(parent, r * cols + c + 1);
            if (r + 1 < rows && !Covered(h, ys[r + 1], xs[c], xs[c + 1], tol) && !Drawn(faint, true, ys[r + 1], xs[c], xs[c + 1], tol))
                parent[Find(parent, r * cols + c)] = Find(parent, (r + 1) * cols + c);
        }
        var cells = Enumerable.Range(0, rows * cols).GroupBy(i => Find(parent, i)).Select(g =>
        {
            int r0 = g.Min(i => i / cols), r1 = g.Max(i => i / cols), c0 = g.Min(i => i % cols), c1 = g.Max(i => i % cols);
            return new GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1);
        }).OrderBy(c => c.Row).ThenBy(c => c.Column).ToList();
        // A region the lines enclose on no side is not a table (two crossing lines of a drawing).
        if (rows * cols < 2) return null;
        var thickness = h.Concat(v).Select(r => r.Thickness).Order().ElementAt((h.Count + v.Count) / 2);
        return new Grid(xs, ys, cells, thickness);
    }

    /// <summary>
    /// A table cut by a page break has no line under its last row (or over its first): the column
    /// lines run on past the last horizontal line to the page's edge of the table. Where at least two
    /// column lines (the outer ones among them) run on by a row's height, their common end is the
    /// row's edge, so the row is read as cells rather than as a line of text with bars in it.
    /// </summary>
    private static double[] OpenEnds(double[] ys, List<Ruling> v, double tol)
    {
        var minRow = Math.Max(4 * tol, 12);
        double left = v.Min(r => r.At), right = v.Max(r => r.At);
        bool Outer(Ruling r) => Math.Abs(r.At - left) <= tol || Math.Abs(r.At - right) <= tol;
        var result = ys.ToList();
        var below = v.Where(r => r.To - ys[^1] >= minRow && r.From <= ys[^1] + tol).ToList();
        if (below.Count >= 2 && below.Count(Outer) >= 1)
            result.Add(Median(below.Select(r => r.To)));
        var above = v.Where(r => ys[0] - r.From >= minRow && r.To >= ys[0] - tol).ToList();
        if (above.Count >= 2 && above.Count(Outer) >= 1)
            result.Insert(0, Median(above.Select(r => r.From)));
        return result.ToArray();

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted[sorted.Count / 2];
        }
    }

    /// <summary>True when lines at <paramref name="at"/> cover most of the span from..to (the border between two grid cells is drawn).</summary>
    private static bool Covered(List<Ruling> lines, double at, double from, double to, double tol)
    {
        var covered = 0.0;
        foreach (var l in lines)
        {
            if (Math.Abs(l.At - at) > tol) continue;
            covered += Math.Max(0, Math.Min(to, l.To) - Math.Max(from, l.From));
        }
        return covered >= 0.6 * (to - from);
    }

    /// <summary>
    /// The border between two grid cells, looked for in the pixels: along most of its length there is
    /// ink within the tolerance of where the line should be (a faint or broken line the run finder missed).
    /// </summary>
    private static bool Drawn(Ink ink, bool horizontal, double at, double from, double to, double tol)
    {
        int a0 = (int)Math.Floor(at - tol), a1 = (int)Math.Ceiling(at + tol);
        // The whole span, ends included: a real line runs from border to border, while a character's
        // stroke near where a line would be stops short of the cell's padding.
        int b0 = (int)Math.Ceiling(from), b1 = (int)Math.Floor(to);
        if (b1 <= b0) return false;
        var hit = 0;
        for (var b = b0; b < b1; b++)
        {
            for (var a = a0; a <= a1; a++)
            {
                int x = horizontal ? b : a, y = horizontal ? a : b;
                if ((uint)x < (uint)ink.Width && (uint)y < (uint)ink.Height && ink[x, y]) { hit++; break; }
            }
        }
        return hit >= 0.92 * (b1 - b0);
    }

    private static double[] Cluster(IEnumerable<double> values, double tol)
    {
        var sorted = values.Order().ToList();
        var result = new List<double>();
        var group = new List<double>();
        foreach (var v in sorted)
        {
            if (group.Count > 0 && v - group[^1] > tol)
            {
                result.Add(group.Average());
                group.Clear();
            }
            group.Add(v);
        }
        if (group.Count > 0) result.Add(group.Average());
        return result.ToArray();
    }

    /// <summary>Runs of ink at least <paramref name="minLength"/> long (gaps up to <paramref name="gap"/> bridged), joined across neighbouring rows into lines.</summary>
    private static List<Ruling> Runs(Ink ink, bool horizontal, int minLength, int gap)
    {
        int lines = horizontal ? ink.Height : ink.Width, length = horizontal ? ink.Width : ink.Height;
        var open = new List<(int First, int Last, int From, int To)>();
        var done = new List<(int First, int Last, int From, int To)>();
        for (var a = 0; a < lines; a++)
        {
            var runs = new List<(int From, int To)>();
            var start = -1;
            var lastDark = -10;
            for (var b = 0; b <= length; b++)
            {
                var dark = b < length && (horizontal ? ink[b, a] : ink[a, b]);
                if (dark)
                {
                    if (start < 0 || b - lastDark > gap + 1) { Close(); start = b; }
                    lastDark = b;
                }
            }
            Close();
            void Close()
            {
                if (start >= 0 && lastDark - start + 1 >= minLength) runs.Add((start, lastDark));
                start = -1;
            }
            var next = new List<(int First, int Last, int From, int To)>();
            foreach (var run in runs)
            {
                var i = open.FindIndex(o => o.Last == a - 1 && Math.Min(o.To, run.To) - Math.Max(o.From, run.From) > 0.5 * Math.Min(o.To - o.From, run.To - run.From));
                if (i >= 0)
                {
                    var o = open[i];
                    open.RemoveAt(i);
                    next.Add((o.First, a, Math.Min(o.From, run.From), Math.Max(o.To, run.To)));
                }
                else next.Add((a, a, run.From, run.To));
            }
            done.AddRange(open);
            open = next;
        }
        done.AddRange(open);
        // A line is thin: a band of ink many rows thick is a filled area or a block of text strokes.
        var maxThickness = Math.Max(4, minLength / 8);
        return done.Where(d => d.Last - d.First + 1 <= maxThickness)
            .Select(d => new Ruling(horizontal, (d.First + d.Last) / 2.0, d.From, d.To + 1, d.Last - d.First + 1))
            .ToList();
    }
}
