namespace Nianbao.Documents.Pdf;

/// <summary>One cell of a rebuilt table row.</summary>
internal sealed class RowCell(CellFrame? frame, double left, double right, CellText text)
{
    public CellFrame? Frame { get; } = frame;
    public double Left { get; } = left;
    public double Right { get; set; } = right;
    public CellText Text { get; } = text;
}

internal abstract class LayoutItem(int page)
{
    public int Page { get; } = page;
}

/// <summary>A table row: cells left to right, and the column edges (vertical rules) it crosses.</summary>
internal sealed class RowItem(int page, List<RowCell> cells, List<double> edges, bool canGrow) : LayoutItem(page)
{
    public List<RowCell> Cells { get; } = cells;
    public List<double> Edges { get; } = edges;
    public bool CanGrow { get; } = canGrow;
}

/// <summary>One line of running text, with the geometry needed to join it with the next line.</summary>
internal sealed class TextItem(int page, CellText text, double left, double right, double size) : LayoutItem(page)
{
    public CellText Text { get; } = text;
    public double Left { get; } = left;
    public double Right { get; } = right;
    public double Size { get; } = size;
}

/// <summary>
/// Lays out one page: lines become table rows (when ruled or split into several cells) or running
/// text. A ruled row whose label wraps over several lines, with its numbers on one of them or
/// centred between them, is put back together by the ruled frames: text in the same frame is the
/// same cell, and frames of the same height band side by side are the same row.
/// </summary>
internal static class PageLayout
{
    public static List<LayoutItem> Lay(PdfPageData page)
    {
        var lines = WrappedNumbers.Join(page.Lines.Select(l => LineBuilder.Split(l, page.Rulings)).ToList());
        var labels = VerticalLabel.Extract(lines, page.Rulings);

        var ordered = lines.Select(l => (Y: l.Baseline + 0.5 * l.Size, Line: (TextLine?)l, Label: (VerticalLabel?)null))
            .Concat(labels.Select(v => (Y: v.Anchor, Line: (TextLine?)null, Label: (VerticalLabel?)v)))
            .OrderByDescending(x => x.Y)
            .ToList();

        var items = new List<LayoutItem>();
        var spanLabels = new List<RowItem>();
        RowItem? open = null;
        foreach (var (_, line, label) in ordered)
        {
            if (label is not null)
            {
                var text = new CellText(page.Number);
                text.AddLine(label.Glyphs);
                var g = label.Glyphs;
                items.Add(new RowItem(page.Number, [new RowCell(label.Frame, g.Min(x => x.Left), g.Max(x => x.Right), text)], EdgesAt(page, g[0].Baseline), canGrow: false));
                // The open row stays open: a group label anchored between two lines of one ruled row
                // (a wrapped number above and below its row's baseline) must not split that row.
                continue;
            }
            var l = line!;
            if (l.IsRuled && TakeSpanningCells(page, l, items, spanLabels) && l.Segments.Count == 0) continue;
            var isRow = l.IsRuled || l.Segments.Count >= 2;
            if (!isRow)
            {
                var text = new CellText(page.Number);
                text.AddLine(l.Segments.SelectMany(s => s.Glyphs));
                items.Add(new TextItem(page.Number, text, l.Left, l.Right, l.Size));
                open = null;
                continue;
            }
            if (open is not null && TryGrow(open, l)) continue;
            open = NewRow(page, l);
            items.Add(open);
        }
        return items;
    }

    /// <summary>
    /// Takes the pieces of row-spanning group labels out of a line. Each label becomes one row of its
    /// own (its wrapped pieces joined), placed where its first piece is, so it is never glued onto the
    /// numbers of the row that happens to share its baseline.
    /// </summary>
    private static bool TakeSpanningCells(PdfPageData page, TextLine line, List<LayoutItem> items, List<RowItem> spanLabels)
    {
        var taken = false;
        foreach (var s in line.Segments.ToList())
        {
            if (s.Frame is not { } f) continue;
            // At a page break the rows below a group label are cut off, so a label in the column of
            // this page's other group labels, with cells to its right, is one too.
            var inLabelColumn = spanLabels.Any(r => r.Cells[0].Frame is { } o && Math.Abs(o.Left - f.Left) <= 1.5 && Math.Abs(o.Right - f.Right) <= 1.5)
                && s.Glyphs.Any(g => g.IsCjk)
                && line.Segments.Any(o => o != s && o.Left >= f.Right - 1.5 && o.Glyphs.Any(g => g.IsCjk));
            if (!page.Rulings.SpansRows(f) && !inLabelColumn) continue;
            var text = new CellText(page.Number);
            text.AddLine(s.Glyphs);
            var label = spanLabels.FirstOrDefault(r => r.Cells[0].Frame!.Value.SameAs(f));
            if (label is not null) label.Cells[0].Text.Append(text);
            else
            {
                label = new RowItem(page.Number, [new RowCell(f, s.Left, s.Right, text)], EdgesAt(page, line.Baseline + 0.3 * line.Size), canGrow: false);
                spanLabels.Add(label);
                items.Add(label);
            }
            line.Segments.Remove(s);
            taken = true;
        }
        return taken;
    }

    private static RowItem NewRow(PdfPageData page, TextLine line)
    {
        var cells = line.Segments.Select(s =>
        {
            var text = new CellText(page.Number);
            text.AddLine(s.Glyphs);
            return new RowCell(s.Frame, s.Left, s.Right, text);
        }).ToList();
        return new RowItem(page.Number, cells, EdgesAt(page, line.Baseline + 0.3 * line.Size), canGrow: line.Segments.All(s => s.Frame is not null));
    }

    private static List<double> EdgesAt(PdfPageData page, double y) => page.Rulings.ColumnEdgesAt(y);

    /// <summary>Adds a line to an open ruled row when every piece of it belongs to that row.</summary>
    private static bool TryGrow(RowItem row, TextLine line)
    {
        if (!row.CanGrow || line.Segments.Any(s => s.Frame is null)) return false;
        var plan = new List<(Segment Segment, RowCell? Into)>();
        foreach (var s in line.Segments)
        {
            var f = s.Frame!.Value;
            var same = row.Cells.FirstOrDefault(c => c.Frame!.Value.SameAs(f));
            if (same is not null) { plan.Add((s, same)); continue; }
            var sideBySide = !row.Cells.Any(c => c.Frame!.Value.OverlapsHorizontally(f)) && row.Cells.Any(c => c.Frame!.Value.SameBand(f));
            if (!sideBySide) return false;
            plan.Add((s, null));
        }
        foreach (var (s, into) in plan)
        {
            if (into is not null)
            {
                var more = new CellText(row.Page);
                more.AddLine(s.Glyphs);
                into.Text.Append(more);
                into.Right = Math.Max(into.Right, s.Right);
                continue;
            }
            var text = new CellText(row.Page);
            text.AddLine(s.Glyphs);
            row.Cells.Add(new RowCell(s.Frame, s.Left, s.Right, text));
        }
        row.Cells.Sort((a, b) => (a.Frame?.Left ?? a.Left).CompareTo(b.Frame?.Left ?? b.Left));
        return true;
    }
}
