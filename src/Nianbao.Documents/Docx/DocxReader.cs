using System.Globalization;
using System.IO.Packaging;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using Nianbao.Documents.Model;
using Nianbao.Documents.Ocr;
using Nianbao.Documents.Office;
using Nianbao.Documents.Tables;

namespace Nianbao.Documents.Docx;

/// <summary>
/// Word documents: DOCX read with OpenXml; legacy .doc and Kingsoft .wps (OLE compound files with a
/// WordDocument stream) converted to DOCX by LibreOffice first, when it is installed. Paragraphs and
/// tables come in body order. Table rows are laid on the grid Word uses (gridBefore, gridSpan,
/// vMerge, legacy hMerge); a cell covered by a vertical merge gets no copy of the merged text.
/// Damaged or truncated ZIP containers are claimed here too, so they fail with a clear message.
/// Pictures in the text (a table pasted as a screenshot) are searched for ruled tables by OCR unless
/// <paramref name="ocr"/> is off, exactly as pictures on the text pages of a PDF are.
/// </summary>
public sealed class DocxReader(LibreOfficeConverter? office = null, OcrOptions? ocr = null) : IDocumentReader
{
    private readonly LibreOfficeConverter _office = office ?? LibreOfficeConverter.Default;
    private readonly OcrOptions _ocr = ocr ?? OcrOptions.Off;

    public SourceFormat Format => SourceFormat.Docx;

    public bool CanRead(ReadOnlySpan<byte> bytes, string fileName) =>
        OfficeContainer.Sniff(bytes) is OfficeKind.WordZip or OfficeKind.OleWord or OfficeKind.CorruptZip or OfficeKind.OtherZip or OfficeKind.OleOther or OfficeKind.OleEncrypted;

    public SourceDocument Read(byte[] bytes, string fileName) => Read(bytes, fileName, ReadLimits.Default, CancellationToken.None);

    public SourceDocument Read(byte[] bytes, string fileName, ReadLimits limits, CancellationToken cancellation)
    {
        switch (OfficeContainer.Sniff(bytes))
        {
            case OfficeKind.CorruptZip:
                throw Limits.ReadGuard.Malformed(fileName, "是损坏或不完整的 ZIP 容器（DOCX/XLSX），请重新下载",
                    "a damaged or truncated ZIP container (DOCX/XLSX); download it again");
            case OfficeKind.OtherZip:
                throw new DocumentReadException(fileName, ReadFailure.Unsupported,
                    "是 ZIP 压缩包，但里面既没有 Word 文档（word/document.xml）也没有工作簿（xl/workbook.xml）",
                    "a ZIP archive with neither a Word document (word/document.xml) nor a workbook (xl/workbook.xml) inside");
            case OfficeKind.OleEncrypted:
                throw new DocumentReadException(fileName, ReadFailure.Encrypted,
                    "是加密（有密码保护）的 Office 文档，请另存为无密码的文件",
                    "a password-protected (encrypted) Office document; save it without a password to read it");
            case OfficeKind.OleOther:
                throw Limits.ReadGuard.Malformed(fileName, "是旧版 Office（OLE）文件，但既没有 WordDocument 也没有 Workbook 数据流，已损坏或不是文档",
                    "a legacy Office (OLE) file with neither a WordDocument nor a Workbook stream; it is damaged or not a document");
            case OfficeKind.OleWord:
                var docx = _office.Convert(bytes, fileName, "doc", "docx", "libreoffice-writer-nogui", limits);
                ZipGuard.Check(docx, limits, cancellation);
                return ReadDocx(docx, bytes, fileName, convertedFrom: "doc", _ocr, limits, cancellation);
            default:
                ZipGuard.Check(bytes, limits, cancellation);
                return ReadDocx(bytes, bytes, fileName, convertedFrom: null, _ocr, limits, cancellation);
        }
    }

    private static SourceDocument ReadDocx(byte[] docx, byte[] original, string fileName, string? convertedFrom, OcrOptions ocr, ReadLimits limits, CancellationToken cancellation)
    {
        try
        {
            try
            {
                // Opened from a read-only Package, OpenXml reads the bytes in place. Opened from a read-only
                // stream, it first copies the whole file to a temporary file, so that it can rewrite
                // malformed hyperlink URIs; that copy cost more than the rest of opening. A package it
                // cannot open this way (malformed URIs, or damage) is opened through the stream as before.
                using var package = Package.Open(new MemoryStream(docx, writable: false), FileMode.Open, FileAccess.Read);
                using var word = WordprocessingDocument.Open(package);
                return ReadWord(word, original, fileName, convertedFrom, ocr, limits, cancellation);
            }
            catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException or XmlException or UriFormatException)
            {
                using var word = WordprocessingDocument.Open(new MemoryStream(docx, writable: false), false);
                return ReadWord(word, original, fileName, convertedFrom, ocr, limits, cancellation);
            }
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException or XmlException
            or UriFormatException or ArgumentException or InvalidOperationException or KeyNotFoundException or NullReferenceException or FormatException)
        {
            throw Limits.ReadGuard.Malformed(fileName, "不是可读的 DOCX，文件已损坏或不是 Word 文档",
                "not a readable DOCX; it is damaged or not a Word document", ex);
        }
        catch (InsufficientExecutionStackException ex)
        {
            throw Limits.ReadGuard.Malformed(fileName, "不是可读的 DOCX：元素嵌套过深", "not a readable DOCX: its elements are nested too deeply", ex);
        }
    }

    private static SourceDocument ReadWord(WordprocessingDocument word, byte[] original, string fileName, string? convertedFrom, OcrOptions ocr, ReadLimits limits, CancellationToken cancellation)
    {
        var main = word.MainDocumentPart ?? throw Limits.ReadGuard.Malformed(fileName, "DOCX 中没有主文档部分", "a DOCX without a main document part");
        // The package (relationships, content types) is resolved by OpenXml; the main part is streamed
        // (DocxBody), which is several times faster than any DOM over it.
        WordNode? body;
        using (var stream = main.GetStream(FileMode.Open, FileAccess.Read)) body = DocxBody.Read(stream);
        if (body is null) throw Limits.ReadGuard.Malformed(fileName, "DOCX 中没有正文（document body）", "a DOCX without a document body");
        var builder = new DocumentBuilder(limits);
        if (word.PackageProperties.Title is { Length: > 0 } title) builder.SetProperty("title", title);
        if (convertedFrom is not null) builder.SetProperty("convertedFrom", convertedFrom);
        var pictures = new DocxPictures(main, ocr, builder, limits, cancellation);
        new Walker(builder, new DocxNumbering(Load(main.NumberingDefinitionsPart), Load(main.StyleDefinitionsPart)), pictures, limits, cancellation).Blocks(body);
        return builder.Build(fileName, original, SourceFormat.Docx);
    }

    /// <summary>An auxiliary part (numbering, styles); a broken one costs the list labels, not the document.</summary>
    private static XDocument? Load(OpenXmlPart? part)
    {
        if (part is null) return null;
        try
        {
            using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
            return XDocument.Load(stream);
        }
        catch (Exception ex) when (ex is XmlException or IOException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>
    /// Walks the body in order. Only the w: vocabulary is interpreted; markup-compatibility fallbacks
    /// (copies of the chosen content), tracked deletions and moved-away text, and field instructions
    /// are skipped.
    /// </summary>
    private sealed class Walker(DocumentBuilder builder, DocxNumbering numbering, DocxPictures pictures, ReadLimits limits, CancellationToken cancellation)
    {
        private int _tables;

        public void Blocks(WordNode container)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            foreach (var child in container.Elements)
            {
                cancellation.ThrowIfCancellationRequested();
                switch (child.Kind)
                {
                    case WordKind.Paragraph:
                        Paragraph(child);
                        break;
                    case WordKind.Table:
                        Table(child);
                        break;
                    case WordKind.Wrapper or WordKind.SmartTag:
                        Blocks(child);
                        break;
                }
            }
        }

        private string? Label(WordNode paragraph) =>
            paragraph.Properties is ParagraphNumbering p ? numbering.Next(p.NumId, Number(p.NumLevel), p.Style) : null;

        private void Paragraph(WordNode paragraph)
        {
            var text = new StringBuilder(Label(paragraph));
            AppendText(paragraph, text);
            foreach (var line in text.ToString().Split('\n'))
            {
                if (line.Contains('\t'))
                {
                    var fields = line.Split('\t').Select(f => f.Trim()).ToList();
                    if (fields.Any(f => f.Length > 0)) builder.AddLine(fields.Select(f => new CellInput(f)));
                }
                else if (line.Trim() is { Length: > 0 } trimmed)
                {
                    builder.AddParagraph(trimmed);
                }
            }
            // A table pasted as a picture: after the paragraph's own text, read by OCR in place.
            if (text.ToString().Trim().Length > 0) pictures.Interrupt();
            foreach (var id in PictureIds(paragraph)) _tables = pictures.Read(id, _tables);
        }

        /// <summary>The pictures of a paragraph (relationship ids), in order; a picture inside deleted text is gone.</summary>
        private static IEnumerable<string> PictureIds(WordNode element)
        {
            if (element.Children is not { } children) yield break;
            foreach (var child in children)
            {
                if (child.Kind == WordKind.Picture) yield return child.Text;
                else if (child.Kind is not WordKind.Hidden and not WordKind.Paragraph)
                    foreach (var id in PictureIds(child)) yield return id;
            }
        }

        /// <summary>The visible text of runs: w:t, tabs and breaks; deleted or moved-away text and fallback copies drop out.</summary>
        private static void AppendText(WordNode element, StringBuilder text)
        {
            if (element.Children is not { } children) return;
            RuntimeHelpers.EnsureSufficientExecutionStack();
            foreach (var child in children)
            {
                switch (child.Kind)
                {
                    case WordKind.Text:
                        text.Append(child.Text);
                        break;
                    case WordKind.Tab:
                        text.Append('\t');
                        break;
                    case WordKind.Break:
                        text.Append('\n');
                        break;
                    case WordKind.NoBreakHyphen:
                        text.Append('-');
                        break;
                    case WordKind.Hidden:
                        break;
                    case WordKind.Paragraph:
                        AppendText(child, text);
                        text.Append('\n');
                        break;
                    default:
                        AppendText(child, text);
                        break;
                }
            }
        }

        private void Table(WordNode table)
        {
            pictures.Interrupt();
            var rows = OwnRows(table).Select(row => (Row: row, Cells: OwnCells(row).ToList())).ToList();
            // Cells under a vertical merge are not cells of their own: a one-cell table merged over two rows is still one cell.
            var cellCount = rows.Sum(r => r.Cells.Count(c => c.Properties is not CellGrid { HasVMerge: true } p || p.VMerge == "restart"));
            if (cellCount <= 1 || rows.Any(r => r.Cells.Any(IsContainer)))
            {
                // A table that only arranges the page: read its cells as containers of paragraphs and tables.
                foreach (var row in rows)
                    foreach (var cell in row.Cells)
                        Blocks(cell);
                return;
            }

            var tableIndex = _tables++;
            var aboveColumns = new HashSet<int>();
            long slots = 0;
            for (var r = 0; r < rows.Count; r++)
            {
                var col = Columns(Number((rows[r].Row.Properties as RowGrid)?.GridBefore) ?? 0);
                var cells = new List<CellInput>();
                var covered = new HashSet<int>();
                foreach (var cell in rows[r].Cells)
                {
                    var tcPr = cell.Properties as CellGrid;
                    var span = Math.Max(1, Columns(Number(tcPr?.GridSpan) ?? 1));
                    // Word's grid has at most 63 columns; a span or offset past the limit is not a table but damage.
                    if (col + span > limits.MaxTableColumns) throw TooWide(col + (long)span);
                    slots += span;
                    if (slots > limits.MaxTableCells)
                        throw Limits.ReadLimitException.TooLarge($"表格超过 {limits.MaxTableCells} 格", $"a table of more than {limits.MaxTableCells} cells");
                    // ST_Merge: "restart" starts a merge; "continue" or no value continues it.
                    var continuesVertically = tcPr is { HasVMerge: true, VMerge: null or "continue" } && aboveColumns.Contains(col);
                    var continuesHorizontally = tcPr is { HasHMerge: true, HMerge: null or "continue" } && cells.Count > 0
                        && cells[^1].Column + cells[^1].ColumnSpan == col;
                    for (var x = col; x < col + span; x++) covered.Add(x);
                    if (continuesHorizontally)
                        cells[^1] = cells[^1] with { ColumnSpan = cells[^1].ColumnSpan + span };
                    else if (!continuesVertically)
                        cells.Add(new CellInput(CellText(cell)) { Column = col, ColumnSpan = span });
                    col += span;
                }
                aboveColumns = covered;
                if (cells.Count > 0) builder.AddRow(cells, tableIndex, r);
            }
        }

        /// <summary>A cell holding a table or running text (three or more paragraphs, 200+ characters) arranges the page.</summary>
        private static bool IsContainer(WordNode cell)
        {
            var (hasTable, paragraphs, characters) = (false, 0, 0);
            Measure(cell, 0, ref hasTable, ref paragraphs, ref characters);
            return hasTable || (paragraphs >= 3 && characters >= 200);
        }

        /// <summary>
        /// Tables, paragraphs and the text of every paragraph below <paramref name="node"/>; text in a
        /// paragraph nested in another (a text box) counts for each paragraph around it.
        /// </summary>
        private static void Measure(WordNode node, int openParagraphs, ref bool hasTable, ref int paragraphs, ref int characters)
        {
            if (node.Children is not { } children) return;
            RuntimeHelpers.EnsureSufficientExecutionStack();
            foreach (var child in children)
            {
                switch (child.Kind)
                {
                    case WordKind.Table:
                        hasTable = true;
                        break;
                    case WordKind.Paragraph:
                        paragraphs++;
                        Measure(child, openParagraphs + 1, ref hasTable, ref paragraphs, ref characters);
                        continue;
                    case WordKind.Text:
                        characters += child.Text.Length * openParagraphs;
                        break;
                }
                Measure(child, openParagraphs, ref hasTable, ref paragraphs, ref characters);
            }
        }

        private int Columns(int n) => n >= 0 && n <= limits.MaxTableColumns ? n : throw TooWide(n);

        private Limits.ReadLimitException TooWide(long columns) =>
            Limits.ReadLimitException.Malformed($"表格跨 {columns} 列（gridSpan/gridBefore），上限 {limits.MaxTableColumns}",
                $"a table cell spanning {columns} columns (gridSpan/gridBefore; the limit is {limits.MaxTableColumns})");

        private static int? Number(string? value) =>
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

        private string CellText(WordNode cell)
        {
            var lines = new List<string>();
            CollectLines(cell, lines);
            return CellLines.Join(lines);
        }

        private void CollectLines(WordNode container, List<string> lines)
        {
            foreach (var child in container.Elements)
            {
                if (child.Kind == WordKind.Paragraph)
                {
                    var text = new StringBuilder(Label(child));
                    AppendText(child, text);
                    lines.AddRange(text.ToString().Replace('\t', ' ').Split('\n'));
                }
                else if (child.Kind == WordKind.Wrapper)
                {
                    CollectLines(child, lines);
                }
            }
        }

        /// <summary>The table's own rows, through content-control and custom-XML wrappers, never a nested table's.</summary>
        private static IEnumerable<WordNode> OwnRows(WordNode container) => Own(container, WordKind.Row);

        private static IEnumerable<WordNode> OwnCells(WordNode container) => Own(container, WordKind.Cell);

        private static IEnumerable<WordNode> Own(WordNode container, WordKind kind)
        {
            foreach (var child in container.Elements)
            {
                if (child.Kind == kind) yield return child;
                else if (child.Kind == WordKind.Wrapper)
                    foreach (var inner in Own(child, kind)) yield return inner;
            }
        }
    }
}
