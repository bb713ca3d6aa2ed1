using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace Nianbao.Documents.Pdf;

/// <summary>A horizontal or vertical ruling line: at <see cref="Position"/> (y or x), from..to along it.</summary>
internal readonly record struct Rule(double Position, double From, double To);

/// <summary>
/// The ruling lines of a page: stroked axis-parallel line segments and rectangle edges, and thin
/// filled rectangles (many producers draw table borders as 0.5pt filled boxes). Cell backgrounds
/// (large filled rectangles) are not rules.
/// </summary>
internal sealed class Rulings
{
    private const double ThinLimit = 2.5;
    private const double MinLength = 3;
    private const double Slack = 1.5;
    private const double MaxCellShare = 0.5;

    public List<Rule> Horizontal { get; } = new();
    public List<Rule> Vertical { get; } = new();

    private readonly PageFrame? _frame;

    private Rulings(PageFrame? frame = null) => _frame = frame;

    /// <summary>No rules: for text at odd angles, which is never read as table cells.</summary>
    public static Rulings Empty { get; } = new();

    /// <summary>The page's rules, in the coordinates of <paramref name="frame"/>.</summary>
    public static Rulings From(Page page, PageFrame frame, int maxPaths)
    {
        var rulings = new Rulings(frame);
        var paths = page.Paths;
        if (paths.Count > maxPaths) return rulings; // pathological vector art: read the text without rules
        foreach (var path in paths)
        {
            if (path.IsClipping || (!path.IsFilled && !path.IsStroked)) continue;
            foreach (var sub in path)
            {
                var box = sub.GetBoundingRectangle();
                if (box is null) continue;
                var a = frame.Map(box.Value.BottomLeft);
                var b = frame.Map(box.Value.TopRight);
                double left = Math.Min(a.X, b.X), right = Math.Max(a.X, b.X), bottom = Math.Min(a.Y, b.Y), top = Math.Max(a.Y, b.Y);
                var w = right - left;
                var h = top - bottom;
                if (Math.Min(w, h) <= ThinLimit && Math.Max(w, h) >= MinLength)
                {
                    if (w >= h) rulings.Horizontal.Add(new Rule((top + bottom) / 2, left, right));
                    else rulings.Vertical.Add(new Rule((left + right) / 2, bottom, top));
                    continue;
                }
                if (path.IsStroked) rulings.AddStrokedEdges(sub);
            }
        }
        return rulings;
    }

    private void AddStrokedEdges(PdfSubpath sub)
    {
        PdfPoint? start = null, current = null;
        foreach (var command in sub.Commands)
        {
            switch (command)
            {
                case PdfSubpath.Move m:
                    start = current = m.Location;
                    break;
                case PdfSubpath.Line l:
                    AddSegment(l.From, l.To);
                    start ??= l.From;
                    current = l.To;
                    break;
                case PdfSubpath.Close when start is not null && current is not null:
                    AddSegment(current.Value, start.Value);
                    current = start;
                    break;
            }
        }
    }

    private void AddSegment(PdfPoint a, PdfPoint b)
    {
        if (_frame is not null)
        {
            a = _frame.Map(a);
            b = _frame.Map(b);
        }
        if (Math.Abs(a.Y - b.Y) < 0.5 && Math.Abs(a.X - b.X) >= MinLength)
            Horizontal.Add(new Rule((a.Y + b.Y) / 2, Math.Min(a.X, b.X), Math.Max(a.X, b.X)));
        else if (Math.Abs(a.X - b.X) < 0.5 && Math.Abs(a.Y - b.Y) >= MinLength)
            Vertical.Add(new Rule((a.X + b.X) / 2, Math.Min(a.Y, b.Y), Math.Max(a.Y, b.Y)));
    }

    /// <summary>True when a vertical rule runs between x0 and x1 across height y.</summary>
    public bool VerticalBetween(double x0, double x1, double y) =>
        Vertical.Any(v => v.Position >= x0 - Slack && v.Position <= x1 + Slack && v.From <= y + Slack && v.To >= y - Slack);

    /// <summary>
    /// The ruled rectangle around a piece of text, or null when no rules stand left and right of it.
    /// A missing top or bottom rule (a table broken by the page end) is taken from where the side
    /// rules end.
    /// </summary>
    public CellFrame? FrameAround(double left, double bottom, double right, double top)
    {
        if (Vertical.Count == 0) return null;
        var midY = (bottom + top) / 2;
        var midX = (left + right) / 2;
        Rule? l = null, r = null;
        foreach (var v in Vertical)
        {
            if (v.From > midY + Slack || v.To < midY - Slack) continue;
            if (v.Position <= left + Slack && (l is null || v.Position > l.Value.Position)) l = v;
            if (v.Position >= right - Slack && (r is null || v.Position < r.Value.Position)) r = v;
        }
        if (l is null || r is null) return null;
        double? t = null, b = null;
        foreach (var h in Horizontal)
        {
            if (h.From > midX + Slack || h.To < midX - Slack) continue;
            if (h.Position >= top - Slack && (t is null || h.Position < t)) t = h.Position;
            if (h.Position <= bottom + Slack && (b is null || h.Position > b)) b = h.Position;
        }
        // The four sides must meet: a rule above or below that does not run from the left rule to
        // the right one belongs to something else (a table under a paragraph inside a page border).
        if (t is { } top0 && !Covers(Horizontal, top0, l.Value.Position, r.Value.Position)) return null;
        if (b is { } bottom0 && !Covers(Horizontal, bottom0, l.Value.Position, r.Value.Position)) return null;
        t ??= Math.Min(l.Value.To, r.Value.To);
        b ??= Math.Max(l.Value.From, r.Value.From);
        // A box around half the page or more is a page border or a text frame, not a table cell.
        if (_frame is not null && t.Value - b.Value > MaxCellShare * _frame.Height) return null;
        return new CellFrame(l.Value.Position, b.Value, r.Value.Position, t.Value);
    }

    /// <summary>True when the rules at <paramref name="position"/> together run from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static bool Covers(List<Rule> rules, double position, double from, double to)
    {
        var reach = from + Slack;
        foreach (var rule in rules.Where(x => Math.Abs(x.Position - position) <= Slack).OrderBy(x => x.From))
        {
            if (rule.From > reach + Slack) break;
            reach = Math.Max(reach, rule.To);
            if (reach >= to - Slack) return true;
        }
        return reach >= to - Slack;
    }

    /// <summary>
    /// True for a cell that spans several rows (a group label such as （三）不予公开): row dividers start
    /// at its right edge and cross the rows beside it, but not the cell itself.
    /// </summary>
    public bool SpansRows(CellFrame frame) =>
        Horizontal.Any(h => h.Position > frame.Bottom + 2 && h.Position < frame.Top - 2
            && Math.Abs(h.From - frame.Right) <= 2.5 && h.To > frame.Right + 5);

    /// <summary>x positions of the vertical rules crossing height y, for comparing column layouts.</summary>
    public List<double> ColumnEdgesAt(double y) =>
        Vertical.Where(v => v.From <= y + Slack && v.To >= y - Slack).Select(v => v.Position).Order().ToList();
}
