using Nianbao.Documents.Model;
using Nianbao.Documents.Ocr;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Nianbao.Documents.Pdf;

/// <summary>
/// PDF with a text layer (PdfPig). Lines and table rows are rebuilt from letter positions and ruling
/// lines (see <see cref="PageLayout"/>); running headers, footers and page numbers are dropped
/// (<see cref="PageFurniture"/>); a table that goes on over a page break keeps its table index when
/// its column layout is the same. Pages without letters but with images are reported as needing OCR.
/// </summary>
public sealed class PdfDocumentReader : IDocumentReader
{
    /// <summary>A page with more letters than this is not a report page (or is hostile); it is skipped.</summary>
    public const int MaxLettersPerPage = 200_000;
    private const int MaxPathsPerPage = 100_000;
    private const int MagicWindow = 1024;
    private const int EndMarkerWindow = 1 << 16;

    private static readonly byte[] Magic = "%PDF-"u8.ToArray();
    private static readonly byte[] EndMarker = "%%EOF"u8.ToArray();

    private readonly int _maxLettersPerPage;
    private readonly OcrOptions _ocr;

    /// <summary>Text layer only: pages without text get the needs-OCR notice.</summary>
    public PdfDocumentReader() : this(MaxLettersPerPage, OcrOptions.Off) { }

    /// <summary>With OCR of scanned pages (or of every page) as <paramref name="ocr"/> says.</summary>
    public PdfDocumentReader(OcrOptions ocr) : this(MaxLettersPerPage, ocr) { }

    /// <summary>With a lower letter limit, so tests can prove the guard without a pathological file.</summary>
    internal PdfDocumentReader(int maxLettersPerPage, OcrOptions? ocr = null)
    {
        _maxLettersPerPage = maxLettersPerPage;
        _ocr = ocr ?? OcrOptions.Off;
    }

    public SourceFormat Format => SourceFormat.Pdf;

    public bool CanRead(ReadOnlySpan<byte> bytes, string fileName) =>
        bytes[..Math.Min(bytes.Length, MagicWindow)].IndexOf(Magic) >= 0;

    public SourceDocument Read(byte[] bytes, string fileName) => Read(bytes, fileName, ReadLimits.Default, CancellationToken.None);

    public SourceDocument Read(byte[] bytes, string fileName, ReadLimits limits, CancellationToken cancellation)
    {
        if (bytes.AsSpan(Math.Max(0, bytes.Length - EndMarkerWindow)).IndexOf(EndMarker) < 0)
            throw Limits.ReadGuard.Malformed(fileName, "PDF 不完整或已损坏（没有 %%EOF 结束标记），请重新下载",
                "a truncated or damaged PDF (no %%EOF end marker); download it again");
        PdfStreamGuard.Check(bytes, limits, cancellation);
        var builder = new DocumentBuilder(limits);
        var filters = new PdfFilterGuard(limits, cancellation);
        try
        {
            using var document = PdfDocument.Open(bytes, new ParsingOptions { FilterProvider = filters });
            var title = document.Information.Title;
            if (!string.IsNullOrWhiteSpace(title)) builder.SetProperty("title", title.Trim());
            // A page tree that lists pages without end (or one page a million times) is refused before any page is read.
            if (document.NumberOfPages > limits.MaxPdfPages)
                throw Limits.ReadGuard.TooLarge(fileName, $"PDF 有 {document.NumberOfPages} 页，上限 {limits.MaxPdfPages}",
                    $"a PDF of {document.NumberOfPages} pages (the limit is {limits.MaxPdfPages})");
            var pages = new List<PdfPageData>();
            var undecodable = 0;
            var scanned = new SortedSet<int>();
            var heights = new Dictionary<int, double>();
            var pictures = new Dictionary<int, IReadOnlyList<Nianbao.Ocr.PixelBox>>();
            var seen = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
            for (var n = 1; n <= document.NumberOfPages; n++)
            {
                cancellation.ThrowIfCancellationRequested();
                var page = document.GetPage(n);
                heights[n] = page.Height;
                // One page object listed again and again in the page tree is a loop, not a report.
                var repeats = seen[page.Dictionary] = seen.GetValueOrDefault(page.Dictionary) + 1;
                if (repeats > limits.MaxPageRepeats)
                    throw Limits.ReadGuard.Malformed(fileName, $"页面树把同一页列出了 {repeats} 次以上", $"its page tree lists one page {repeats} or more times");
                if (page.Operations.Count > limits.MaxOperatorsPerPage)
                    throw Limits.ReadGuard.TooLarge(fileName, $"第 {n} 页有 {page.Operations.Count} 个绘制操作，上限 {limits.MaxOperatorsPerPage}",
                        $"page {n} has {page.Operations.Count} drawing operations (the limit is {limits.MaxOperatorsPerPage})");
                pages.AddRange(ReadPage(page, n, builder, _maxLettersPerPage, ref undecodable, scanned));
                filters.ThrowIfExceeded();
                if (_ocr.Mode == OcrMode.Auto && !scanned.Contains(n) && Pictures(page) is { Count: > 0 } found) pictures[n] = found;
            }
            if (document.NumberOfPages > 0 && undecodable == document.NumberOfPages)
                throw Limits.ReadGuard.Malformed(fileName, "PDF 已损坏，没有一页的内容能够解码", "a damaged PDF: no page's content could be decoded");
            PageFurniture.Remove(pages);
            // A scan with a producer-stamped page number or header is still a scan.
            foreach (var page in pages.GroupBy(p => p.Number).Where(g => g.All(p => p.Lines.Count == 0) && g.First().HasImages))
                scanned.Add(page.Key);
            var toRead = _ocr.Mode switch
            {
                OcrMode.Force => Enumerable.Range(1, document.NumberOfPages).ToList(),
                OcrMode.Auto => scanned.ToList(),
                _ => [],
            };
            var read = PdfOcr.Read(bytes, fileName, toRead, _ocr, builder, cancellation);
            foreach (var n in scanned.Where(n => !read.ContainsKey(n) && !toRead.Contains(n)))
                builder.AddNotice("needs-ocr", $"page {n} has no text layer (scanned image); it needs OCR", ("page", n));
            foreach (var (n, page) in read.Where(p => p.Value.Lines.Count == 0 && p.Value.Tables.Count == 0 && scanned.Contains(p.Key)))
                builder.AddNotice("needs-ocr", $"page {n} has no text layer (scanned image), and OCR found no legible text on it", ("page", n));
            var items = pages.Where(p => !read.ContainsKey(p.Number)).Select(PageLayout.Lay).SelectMany(i => i).ToList();
            // Tables pasted into text pages as pictures: their grids read by OCR, after the page's text.
            var tablesInPictures = PdfOcr.ReadPictures(bytes, fileName, pictures.Where(p => !read.ContainsKey(p.Key)).ToDictionary(), _ocr, cancellation);
            foreach (var (n, page) in tablesInPictures) read[n] = page;
            Emit(items, builder, read, heights);
        }
        catch (DocumentReadException) { throw; }
        // A stream past a decode limit, whatever the library made of the refusal (see PdfFilterGuard).
        catch (Exception) when (filters.Exceeded is not null) { filters.ThrowIfExceeded(); throw; }
        catch (UglyToad.PdfPig.Exceptions.PdfDocumentEncryptedException ex)
        {
            throw new DocumentReadException(fileName, ReadFailure.Encrypted, "是需要密码的加密 PDF，请向发布机关索取未加密的文件",
                "an encrypted PDF that needs a password; ask the publisher for an unprotected copy", ex);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException and not Limits.ReadLimitException and not InsufficientExecutionStackException)
        {
            throw Limits.ReadGuard.Malformed(fileName, "不是可读的 PDF，文件已损坏或不是 PDF", "not a readable PDF; it is damaged or not a PDF", ex);
        }
        filters.ThrowIfExceeded();
        return builder.Build(fileName, bytes, SourceFormat.Pdf);
    }

    /// <summary>The page's text, one <see cref="PdfPageData"/> per text orientation (upright first).</summary>
    private static List<PdfPageData> ReadPage(Page page, int number, DocumentBuilder builder, int maxLetters, ref int undecodable, ISet<int> scanned)
    {
        var letters = page.Letters;
        if (letters.Count > maxLetters)
        {
            builder.AddNotice("page-skipped", $"page {number} has {letters.Count} letters (more than {maxLetters}); it was skipped",
                ("page", number), ("letters", letters.Count), ("limit", maxLetters));
            return [];
        }
        var frames = LineBuilder.Glyphs(page, out var unmapped);
        if (unmapped > 0)
            builder.AddNotice("unmapped-glyphs", $"page {number} has {unmapped} character(s) the PDF gives no Unicode for; they read as U+FFFD",
                ("page", number), ("count", unmapped));
        if (frames.Count == 0)
        {
            if (HasImages(page))
                scanned.Add(number);
            else if (Undecodable(page))
            {
                undecodable++;
                builder.AddNotice("unreadable-page", $"page {number} has content that could not be decoded (a damaged stream); it reads as empty", ("page", number));
            }
            return [];
        }
        var hasImages = HasImages(page);
        return frames.Select(f => f.Frame.Orientation == TextOrientation.Other
            ? new PdfPageData(number, f.Frame.Width, f.Frame.Height, Rulings.Empty, LineBuilder.GroupByProximity(f.Glyphs), hasImages)
            : new PdfPageData(number, f.Frame.Width, f.Frame.Height, Rulings.From(page, f.Frame, MaxPathsPerPage), LineBuilder.GroupByBaseline(f.Glyphs), hasImages))
            .ToList();
    }

    /// <summary>
    /// A page that has a content stream but yields not one drawing operation: PdfPig skips a stream
    /// it cannot inflate, and a damaged page must not pass for a blank one.
    /// </summary>
    private static bool Undecodable(Page page) =>
        page.Operations.Count == 0 && page.Dictionary.ContainsKey(UglyToad.PdfPig.Tokens.NameToken.Contents);

    /// <summary>
    /// The page's pictures large enough to hold a table (a tenth of the page, a third of its width),
    /// in points with the origin top left as OCR measures; a seal or a logo is smaller.
    /// </summary>
    private static List<Nianbao.Ocr.PixelBox> Pictures(Page page)
    {
        var found = new List<Nianbao.Ocr.PixelBox>();
        try
        {
            foreach (var image in page.GetImages())
            {
                var b = image.BoundingBox;
                if (b.Width < page.Width / 3 || b.Width * b.Height < 0.1 * page.Width * page.Height) continue;
                found.Add(new Nianbao.Ocr.PixelBox(b.Left, page.Height - b.Top, b.Right, page.Height - b.Bottom));
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException) { } // an image PdfPig cannot place is left to the text layer
        return found;
    }

    private static bool HasImages(Page page)
    {
        try { return page.GetImages().Any(); }
        catch (Exception ex) when (ex is not OutOfMemoryException) { return true; } // an image we cannot decode is still an image
    }

    /// <summary>
    /// Writes items in reading order. Rows in a run form one table; a run that opens a page right
    /// after a run that closed the previous page, with the same column edges, continues that table.
    /// Running-text lines that fill the measure and are followed by an unindented line are one paragraph.
    /// </summary>
    private static void Emit(List<LayoutItem> all, DocumentBuilder builder, IReadOnlyDictionary<int, Nianbao.Ocr.OcrPage> ocrPages, IReadOnlyDictionary<int, double> heights)
    {
        var margins = TextMargins.Measure(all.OfType<TextItem>());
        var tables = AssignTables(all);
        var grids = tables.Values.GroupBy(t => t.Table).ToDictionary(g => g.Key, g => ColumnGrid.Of(all.OfType<RowItem>().Where(r => tables[r].Table == g.Key)));
        LayoutItem? previous = null;
        TextItem? paragraphStart = null;
        CellText? paragraph = null;
        // Pages read by OCR go in page order between the pages read from the text layer.
        var ocr = new OcrLayout(builder, tables.Count == 0 ? 0 : tables.Values.Max(t => t.Table) + 1);
        var pending = new Queue<int>(ocrPages.Keys.Order());
        void OcrPagesBefore(int page)
        {
            while (pending.Count > 0 && pending.Peek() < page)
            {
                FlushParagraph();
                previous = null;
                var n = pending.Dequeue();
                ocr.Add(n, ocrPages[n], heights[n]);
            }
        }
        foreach (var item in all)
        {
            OcrPagesBefore(item.Page);
            switch (item)
            {
                case RowItem r:
                    FlushParagraph();
                    var (table, row) = tables[r];
                    var grid = grids[table];
                    builder.AddRow(r.Cells.Select(c => grid.Place(c)), table, row, r.Page);
                    break;
                case TextItem t:
                    if (paragraph is not null && previous is TextItem last && margins.Continues(last, t)) paragraph.Append(t.Text);
                    else
                    {
                        FlushParagraph();
                        paragraphStart = t;
                        paragraph = new CellText(t.Page);
                        paragraph.Append(t.Text);
                    }
                    break;
            }
            previous = item;
        }
        FlushParagraph();
        OcrPagesBefore(int.MaxValue);

        void FlushParagraph()
        {
            if (paragraph is null || paragraphStart is null) return;
            builder.AddLine([paragraph.ToCell()], paragraphStart.Page);
            paragraph = null;
            paragraphStart = null;
        }
    }

    /// <summary>Table and row index of every row: a run of rows is a table; see <see cref="Emit"/>.</summary>
    private static Dictionary<RowItem, (int Table, int Row)> AssignTables(List<LayoutItem> items)
    {
        var result = new Dictionary<RowItem, (int, int)>(ReferenceEqualityComparer.Instance);
        var table = -1;
        var row = 0;
        LayoutItem? previous = null;
        foreach (var item in items)
        {
            if (item is RowItem r)
            {
                if (previous is RowItem p && (p.Page == r.Page || SameLayout(p, r))) row++;
                else { table++; row = 0; }
                result[r] = (table, row);
            }
            previous = item;
        }
        return result;
    }

    /// <summary>Same column layout: most vertical rules of the two rows line up (or, unruled, the same cell count).</summary>
    private static bool SameLayout(RowItem a, RowItem b)
    {
        if (a.Edges.Count == 0 || b.Edges.Count == 0)
            return a.Edges.Count == b.Edges.Count && a.Cells.Count == b.Cells.Count && a.Cells.Count > 1;
        var matched = a.Edges.Count(x => b.Edges.Any(y => Math.Abs(x - y) <= 2));
        return matched >= 2 && matched >= 0.6 * Math.Max(a.Edges.Count, b.Edges.Count);
    }
}

/// <summary>The left and right edges of running text, per page, to tell a wrapped line from a new paragraph.</summary>
internal sealed class TextMargins
{
    /// <summary>Fewer lines than this do not show where the measure is; such lines are never joined.</summary>
    private const int MinLines = 5;

    private readonly Dictionary<int, (double Left, double Right)> _byPage;
    private readonly (double Left, double Right)? _document;

    private TextMargins(Dictionary<int, (double, double)> byPage, (double, double)? document)
    {
        _byPage = byPage;
        _document = document;
    }

    public static TextMargins Measure(IEnumerable<TextItem> lines)
    {
        var list = lines.ToList();
        (double, double)? document = list.Count < MinLines ? null : (list.Min(l => l.Left), list.Max(l => l.Right));
        var byPage = list.GroupBy(l => l.Page).Where(g => g.Count() >= MinLines)
            .ToDictionary(g => g.Key, g => (g.Min(l => l.Left), g.Max(l => l.Right)));
        return new TextMargins(byPage, document);
    }

    private (double Left, double Right)? For(int page) => _byPage.TryGetValue(page, out var m) ? m : _document;

    public bool Continues(TextItem previous, TextItem next)
    {
        if (Math.Abs(previous.Size - next.Size) > 0.15 * previous.Size) return false;
        if (For(previous.Page) is not { } p || For(next.Page) is not { } n) return false;
        var fullLine = previous.Right >= p.Right - 1.5 * previous.Size;
        var unindented = next.Left <= n.Left + 0.8 * next.Size;
        return fullLine && unindented;
    }
}
