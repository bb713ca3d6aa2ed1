namespace Nianbao.Ocr;

/// <summary>
/// Reads one page image: deskew, find ruled tables from their lines and read them cell by cell
/// (each cell cropped to its ink, one crop per line of text in the cell, so the model never sees a
/// ruling line and invents a character for it), then find and read the text outside the tables
/// with the detection model.
/// </summary>
public sealed class OcrEngine
{
    private readonly TextDetector _detector;
    private readonly TextRecognizer _recognizer;

    public OcrEngine(OcrModels models)
    {
        _detector = new TextDetector(models);
        _recognizer = new TextRecognizer(models);
    }

    public static OcrEngine Shared => new(OcrModels.Shared);

    /// <param name="page">The page image.</param>
    /// <param name="dpi">Its resolution; sizes (line lengths, gaps) are measured in inches.</param>
    /// <param name="tablesOnly">Read only ruled tables (a picture pasted into a text page): no text detection outside them.</param>
    public OcrPage Read(GrayImage page, double dpi, CancellationToken cancellation = default, bool tablesOnly = false)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Mark(string what) { if (Environment.GetEnvironmentVariable("NIANBAO_OCR_TRACE") is not null) Console.Error.WriteLine($"ocr {what} {clock.Elapsed.TotalMilliseconds:F0} ms, cpu {System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:F0} ms"); }
        var skew = Skew.Measure(page);
        Mark("skew");
        if (Math.Abs(skew) >= 0.05) page = page.Rotate(-skew);
        cancellation.ThrowIfCancellationRequested();
        var ink = Ink.Of(page);
        var grids = RulingGrid.Find(ink, Ink.Of(page, faint: true), dpi);
        var clean = ink.WithoutSpecks();
        Mark("grid");
        cancellation.ThrowIfCancellationRequested();

        // Table cells: one crop per text line inside each cell. Every crop of a table is at least as
        // tall as the table's full-height (CJK) lines (a dash stays a dash), except a lone glyph of a
        // digit's height, which is cropped to itself.
        var crops = new List<LineCrop>();
        var owners = new List<(int Grid, int Cell)>();
        var gridCells = new List<List<(GridCell Cell, PixelBox Box)>>();
        for (var g = 0; g < grids.Count; g++)
        {
            var grid = grids[g];
            var cells = new List<(GridCell, PixelBox)>();
            var pieces = new List<(int Cell, InkLine Line)>();
            for (var k = 0; k < grid.Cells.Count; k++)
            {
                var cell = grid.Cells[k];
                var box = new PixelBox(grid.Xs[cell.Column], grid.Ys[cell.Row], grid.Xs[cell.Column + cell.ColumnSpan], grid.Ys[cell.Row + cell.RowSpan]);
                cells.Add((cell, box));
                pieces.AddRange(CellLines(ink, box, grid.LineThickness, dpi).Select(l => (k, l)));
            }
            var heights = pieces.Select(p => p.Line.Bottom - p.Line.Top).Order().ToList();
            var em = heights.Count == 0 ? 0 : heights[(int)(heights.Count * 0.8)];
            foreach (var (k, line) in pieces)
            {
                var h = line.Bottom - line.Top;
                // A lone glyph of a digit's height (a cell holding 0) is cropped to its own height: padded to
                // the CJK lines' height it looks small, like a letter o or a 。, and on a clean page the model
                // then splits it over o, ○, 0 and the CTC blank, which wins. Marks much lower than a digit
                // (a dash, a dot) are still padded, or they would be blown up to a glyph's size.
                var lone = line.Right - line.Left <= h && h >= 0.6 * em;
                var extra = lone ? 0 : Math.Max(0, em - h) / 2;
                crops.Add(Margin(page, line.Left, line.Top - extra, line.Right, line.Bottom + extra, line.ClipX0, line.ClipY0, line.ClipX1, line.ClipY1) with { LeadingDash = line.LeadingDash });
                owners.Add((g, k));
            }
            gridCells.Add(cells);
        }

        // Text outside the tables: detection on the page with the tables blanked out.
        var masked = grids.Count == 0 ? page : Blank(page, grids);
        Mark("cells");
        if (tablesOnly && grids.Count == 0) return new OcrPage(page.Width, page.Height, dpi, skew, [], []);
        var regions = tablesOnly ? [] : _detector.Detect(masked, Math.Min(1.0, 80 / dpi));
        Mark("detect");
        cancellation.ThrowIfCancellationRequested();
        var textCrops = regions.Select(r => TextCrop(masked, clean, r)).Where(c => c is not null).Select(c => c!).ToList();

        var read = _recognizer.Recognize(crops.Concat(textCrops).ToList());
        if (Environment.GetEnvironmentVariable("NIANBAO_OCR_DUMP") is { } dump)
            for (var i = 0; i < crops.Count; i++)
                File.WriteAllBytes(Path.Combine(dump, $"crop-{i}-{string.Concat(read[i].Text.Where(char.IsLetterOrDigit))}.pgm"),
                    [.. System.Text.Encoding.ASCII.GetBytes($"P5 {crops[i].Image.Width} {crops[i].Image.Height} 255\n"), .. crops[i].Image.Pixels]);
        Mark($"recognise {crops.Count + textCrops.Count}");
        cancellation.ThrowIfCancellationRequested();

        var tables = new List<OcrTable>();
        for (var g = 0; g < grids.Count; g++)
        {
            var grid = grids[g];
            var cells = gridCells[g].Select((c, k) => new OcrCell(c.Cell.Row, c.Cell.Column, c.Cell.RowSpan, c.Cell.ColumnSpan, c.Box,
                Enumerable.Range(0, crops.Count).Where(i => owners[i] == (g, k)).Select(i => read[i]).Where(t => t.Chars.Count > 0).ToList())).ToList();
            tables.Add(new OcrTable(new PixelBox(grid.Xs[0], grid.Ys[0], grid.Xs[^1], grid.Ys[^1]), grid.Xs, grid.Ys, cells));
        }
        var lines = JoinLines(read.Skip(crops.Count).Where(t => t.Chars.Count > 0).ToList());
        return new OcrPage(page.Width, page.Height, dpi, skew, lines, tables);
    }

    private static GrayImage Blank(GrayImage page, IReadOnlyList<Grid> grids)
    {
        var pixels = (byte[])page.Pixels.Clone();
        foreach (var g in grids)
        {
            var pad = (int)Math.Ceiling(g.LineThickness) + 2;
            int x0 = Math.Max(0, (int)g.Xs[0] - pad), x1 = Math.Min(page.Width, (int)g.Xs[^1] + pad);
            int y0 = Math.Max(0, (int)g.Ys[0] - pad), y1 = Math.Min(page.Height, (int)g.Ys[^1] + pad);
            for (var y = y0; y < y1; y++) Array.Fill(pixels, (byte)255, y * page.Width + x0, x1 - x0);
        }
        return new GrayImage(page.Width, page.Height, pixels);
    }

    /// <summary>
    /// The text lines of one cell: the ink inside the cell's lines (inset past the ruling), split
    /// into lines at empty pixel rows; each crop has a white margin and nothing from outside the cell.
    /// </summary>
    private static IEnumerable<InkLine> CellLines(Ink ink, PixelBox cell, double thickness, double dpi)
    {
        var inset = (int)Math.Ceiling(thickness / 2 + Math.Max(2, dpi / 75));
        int x0 = (int)cell.Left + inset, x1 = (int)cell.Right - inset, y0 = (int)cell.Top + inset, y1 = (int)cell.Bottom - inset;
        if (x1 - x0 < 3 || y1 - y0 < 3) yield break;
        // What is left of a ruling line along an edge (a scan's line is thicker and less straight
        // than the grid says) is not text: the model would read it as 1 or 丨.
        var reach = (int)Math.Ceiling(thickness + dpi / 50);
        bool Column(int x) { var n = 0; for (var y = y0; y < y1; y++) if (ink[x, y]) n++; return n >= 0.6 * (y1 - y0); }
        bool Row(int y) { var n = 0; for (var x = x0; x < x1; x++) if (ink[x, y]) n++; return n >= 0.6 * (x1 - x0); }
        for (var k = 0; k < reach && x1 - x0 > 3; k++) { if (Column(x0)) x0++; else if (Column(x1 - 1)) x1--; else break; }
        for (var k = 0; k < reach && x1 - x0 > 3; k++) { if (Column(x1 - 1)) x1--; else break; }
        for (var k = 0; k < reach && y1 - y0 > 3; k++) { if (Row(y0)) y0++; else if (Row(y1 - 1)) y1--; else break; }
        for (var k = 0; k < reach && y1 - y0 > 3; k++) { if (Row(y1 - 1)) y1--; else break; }
        var mask = WithoutDust(ink, x0, y0, x1, y1, dpi);
        var w = x1 - x0;
        foreach (var (top, bottom) in InkRows(mask, w, x0, x1, y0, y1, dpi))
        {
            int left = x1, right = x0;
            for (var y = top; y <= bottom; y++)
            for (var x = x0; x < x1; x++)
                if (mask[(y - y0) * w + x - x0]) { left = Math.Min(left, x); right = Math.Max(right, x); }
            if (right < left) continue;
            yield return new InkLine(left, top, right + 1, bottom + 1, x0, y0, x1, y1) { LeadingDash = LeadingDash(mask, w, x0, y0, top, bottom, left, right) };
        }
    }

    /// <summary>The ink of one line of a cell, and the cell's inside (nothing outside it may enter the crop).</summary>
    private readonly record struct InkLine(int Left, int Top, int Right, int Bottom, int ClipX0, int ClipY0, int ClipX1, int ClipY1)
    {
        public bool LeadingDash { get; init; }
    }

    /// <summary>
    /// Whether the line's first mark (the ink columns up to the first empty column) is a minus sign:
    /// a level dash, clearly wider than tall, much lower than the line, in its middle band, with more
    /// ink after it. Judged on the pixels because the model sometimes drops a faint minus, and a
    /// number read without its sign is a wrong number.
    /// </summary>
    private static bool LeadingDash(bool[] mask, int w, int x0, int y0, int top, int bottom, int left, int right)
    {
        bool Ink(int x, int y) => mask[(y - y0) * w + x - x0];
        bool Column(int x) { for (var y = top; y <= bottom; y++) if (Ink(x, y)) return true; return false; }
        var end = left;
        while (end <= right && Column(end)) end++;
        if (end > right) return false; // one mark only: a blank mark 一/—, not a minus before a number
        var next = end;
        while (next <= right && !Column(next)) next++;
        if (next > right) return false;
        int markTop = bottom, markBottom = top;
        for (var y = top; y <= bottom; y++)
        for (var x = left; x < end; x++)
            if (Ink(x, y)) { markTop = Math.Min(markTop, y); markBottom = Math.Max(markBottom, y); }
        // The rest of the line: how tall its glyphs are.
        int restTop = bottom, restBottom = top;
        for (var y = top; y <= bottom; y++)
        for (var x = next; x <= right; x++)
            if (Ink(x, y)) { restTop = Math.Min(restTop, y); restBottom = Math.Max(restBottom, y); }
        double markW = end - left, markH = markBottom - markTop + 1, restH = restBottom - restTop + 1;
        if (restH < 5) return false;
        var centre = (markTop + markBottom) / 2.0;
        return markW >= 1.5 * markH && markH <= 0.3 * restH && markW <= 1.2 * restH
            && centre > restTop + 0.3 * restH && centre < restTop + 0.75 * restH;
    }

    /// <summary>Row bands that hold ink, with small gaps (the strokes of 三) bridged and bands too thin to be text dropped.</summary>
    /// <summary>
    /// The cell's ink without specks of dust (blobs smaller than a heavy full stop): a speck beside a
    /// digit widens the crop, and the model then reads a character into the blank. A real decimal
    /// point stands between digits, so it stays inside the crop anyway.
    /// </summary>
    private static bool[] WithoutDust(Ink ink, int x0, int y0, int x1, int y1, double dpi)
    {
        int w = x1 - x0, h = y1 - y0;
        var mask = new bool[w * h];
        var seen = new bool[w * h];
        var minArea = Math.Max(4, (int)(6 * (dpi / 100) * (dpi / 100)));
        var blob = new List<int>();
        var stack = new Stack<int>();
        for (var i = 0; i < mask.Length; i++)
        {
            if (seen[i] || !ink[x0 + i % w, y0 + i / w]) continue;
            blob.Clear();
            seen[i] = true;
            stack.Push(i);
            while (stack.Count > 0)
            {
                var j = stack.Pop();
                blob.Add(j);
                int x = j % w, y = j / w;
                for (var dy = -1; dy <= 1; dy++)
                for (var dx = -1; dx <= 1; dx++)
                {
                    int xx = x + dx, yy = y + dy;
                    if ((uint)xx >= (uint)w || (uint)yy >= (uint)h) continue;
                    var k = yy * w + xx;
                    if (seen[k] || !ink[x0 + xx, y0 + yy]) continue;
                    seen[k] = true;
                    stack.Push(k);
                }
            }
            if (blob.Count >= minArea || Dash(blob) || Stroke(blob)) foreach (var j in blob) mask[j] = true;
        }
        return mask;

        // A minus sign at 150 dpi has fewer pixels than a heavy full stop, but dust is not a level bar.
        bool Dash(List<int> pixels)
        {
            var (bw, bh) = Extent(pixels);
            return bw >= Math.Max(4, dpi / 40) && bw >= 1.6 * bh;
        }

        // A thin 1 of a light serif font on a clean page is a one-pixel stroke with fewer pixels than
        // a heavy full stop, but it is as tall as a digit: dust is small every way.
        bool Stroke(List<int> pixels)
        {
            var (bw, bh) = Extent(pixels);
            return Math.Max(bw, bh) >= Math.Max(6, dpi * 0.045);
        }

        (int Width, int Height) Extent(List<int> pixels)
        {
            int bx0 = int.MaxValue, bx1 = -1, by0 = int.MaxValue, by1 = -1;
            foreach (var j in pixels)
            {
                int x = j % w, y = j / w;
                bx0 = Math.Min(bx0, x); bx1 = Math.Max(bx1, x); by0 = Math.Min(by0, y); by1 = Math.Max(by1, y);
            }
            return (bx1 - bx0 + 1, by1 - by0 + 1);
        }
    }

    private static List<(int Top, int Bottom)> InkRows(bool[] mask, int w, int x0, int x1, int y0, int y1, double dpi)
    {
        var bands = new List<(int Top, int Bottom)>();
        var start = -1;
        for (var y = y0; y <= y1; y++)
        {
            var any = false;
            if (y < y1)
                for (var x = x0; x < x1 && !any; x++) any = mask[(y - y0) * w + x - x0];
            if (any && start < 0) start = y;
            if (!any && start >= 0) { bands.Add((start, y - 1)); start = -1; }
        }
        var gap = Math.Max(2, dpi * 0.025);
        var merged = new List<(int Top, int Bottom)>();
        foreach (var b in bands)
        {
            if (merged.Count > 0 && b.Top - merged[^1].Bottom <= gap) merged[^1] = (merged[^1].Top, b.Bottom);
            else merged.Add(b);
        }
        if (merged.Count == 0) return merged;
        // A band much thinner than the tallest is part of a neighbouring line (a stroke or a dot), not a line.
        var tallest = merged.Max(b => b.Bottom - b.Top + 1);
        var minText = Math.Max(3, dpi * 0.03);
        var result = new List<(int Top, int Bottom)>();
        for (var i = 0; i < merged.Count; i++)
        {
            var b = merged[i];
            if (b.Bottom - b.Top + 1 >= 0.45 * tallest) { result.Add(b); continue; }
            if (tallest < minText) continue;
            // Join the nearer neighbour that is a real line.
            var above = result.Count > 0 ? b.Top - result[^1].Bottom : int.MaxValue;
            var below = i + 1 < merged.Count ? merged[i + 1].Top - b.Bottom : int.MaxValue;
            if (above <= below && result.Count > 0) result[^1] = (result[^1].Top, b.Bottom);
            else if (i + 1 < merged.Count) merged[i + 1] = (b.Top, merged[i + 1].Bottom);
        }
        return result.Where(b => b.Bottom - b.Top + 1 >= minText).ToList();
    }

    /// <summary>The crop [left,right)×[top,bottom) with a white margin, pixels outside the clip rectangle white.</summary>
    private static LineCrop Margin(GrayImage page, int left, int top, int right, int bottom, int clipX0, int clipY0, int clipX1, int clipY1)
    {
        var h = bottom - top;
        var mv = Math.Max(2, (int)Math.Round(h * 0.25));
        var mh = Math.Max(2, (int)Math.Round(h * 0.35));
        int cx0 = left - mh, cy0 = top - mv, cx1 = right + mh, cy1 = bottom + mv;
        int w = cx1 - cx0, hh = cy1 - cy0;
        var p = new byte[w * hh];
        for (var y = 0; y < hh; y++)
        for (var x = 0; x < w; x++)
        {
            int px = cx0 + x, py = cy0 + y;
            p[y * w + x] = px >= clipX0 && px < clipX1 && py >= clipY0 && py < clipY1 ? page.At(px, py) : (byte)255;
        }
        return new LineCrop(new GrayImage(w, hh, p), cx0, cy0);
    }

    /// <summary>A detected region cropped to its ink (the detector's box is loose) with the same margins as a cell line.</summary>
    private static LineCrop? TextCrop(GrayImage page, Ink ink, PixelBox region)
    {
        int x0 = Math.Max(0, (int)region.Left), x1 = Math.Min(page.Width, (int)Math.Ceiling(region.Right));
        int y0 = Math.Max(0, (int)region.Top), y1 = Math.Min(page.Height, (int)Math.Ceiling(region.Bottom));
        int left = x1, right = x0 - 1, top = y1, bottom = y0 - 1;
        for (var y = y0; y < y1; y++)
        for (var x = x0; x < x1; x++)
            if (ink[x, y])
            {
                left = Math.Min(left, x); right = Math.Max(right, x);
                top = Math.Min(top, y); bottom = Math.Max(bottom, y);
            }
        if (right < left || bottom - top < 3) return null;
        return Margin(page, left, top, right + 1, bottom + 1, x0, y0, x1, y1);
    }

    /// <summary>Detected pieces on one text line (their vertical extents overlap) joined left to right, lines top to bottom.</summary>
    private static IReadOnlyList<OcrText> JoinLines(List<OcrText> pieces)
    {
        var lines = new List<List<OcrText>>();
        foreach (var piece in pieces.OrderBy(p => p.Box.Top))
        {
            var line = lines.FirstOrDefault(l => Overlap(l, piece));
            if (line is null) lines.Add([piece]);
            else line.Add(piece);
        }
        return lines.Select(l =>
        {
            var ordered = l.OrderBy(p => p.Box.Left).ToList();
            var chars = new List<OcrChar>();
            for (var i = 0; i < ordered.Count; i++)
            {
                if (i > 0)
                {
                    var gapBox = new PixelBox(ordered[i - 1].Box.Right, ordered[i].Box.Top, ordered[i].Box.Left, ordered[i].Box.Bottom);
                    chars.Add(new OcrChar(" ", gapBox, 1f));
                }
                chars.AddRange(ordered[i].Chars);
            }
            return new OcrText(chars, ordered.Select(p => p.Box).Aggregate(PixelBox.Union));
        }).OrderBy(t => t.Box.Top).ToList();

        static bool Overlap(List<OcrText> line, OcrText piece)
        {
            var top = line.Max(p => p.Box.Top);
            var bottom = line.Min(p => p.Box.Bottom);
            var overlap = Math.Min(bottom, piece.Box.Bottom) - Math.Max(top, piece.Box.Top);
            return overlap > 0.5 * Math.Min(piece.Box.Height, bottom - top);
        }
    }
}
