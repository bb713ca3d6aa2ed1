using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Nianbao.Documents.Model;
using Nianbao.Documents.Office;
using Nianbao.Documents.Tables;

namespace Nianbao.Documents.Docx;

/// <summary>
/// Word documents: DOCX read with OpenXml; legacy .doc and Kingsoft .wps (OLE compound files with a
/// WordDocument stream) converted to DOCX by LibreOffice first, when it is installed. Paragraphs and
/// tables come in body order. Table rows are laid on the grid Word uses (gridBefore, gridSpan,
/// vMerge, legacy hMerge); a cell covered by a vertical merge gets no copy of the merged text.
/// Damaged or truncated ZIP containers are claimed here too, so they fail with a clear message.
/// </summary>
public sealed class DocxReader : IDocumentReader
{
    public SourceFormat Format => SourceFormat.Docx;

    public bool CanRead(ReadOnlySpan<byte> bytes, string fileName) =>
        OfficeContainer.Sniff(bytes) is OfficeKind.WordZip or OfficeKind.OleWord or OfficeKind.CorruptZip or OfficeKind.OtherZip or OfficeKind.OleOther;

    public SourceDocument Read(byte[] bytes, string fileName)
    {
        switch (OfficeContainer.Sniff(bytes))
        {
            case OfficeKind.CorruptZip:
                throw new DocumentReadException(fileName, $"is a damaged or truncated ZIP container (DOCX/XLSX): {OfficeContainer.ZipProblem(bytes)}");
            case OfficeKind.OtherZip:
                throw new DocumentReadException(fileName, "is a ZIP archive with neither a Word document (word/document.xml) nor a workbook (xl/workbook.xml) inside.");
            case OfficeKind.OleOther:
                throw new DocumentReadException(fileName, "is a legacy Office (OLE) file with neither a WordDocument nor a Workbook stream; it is damaged or not a document.");
            case OfficeKind.OleWord:
                var docx = LibreOfficeConverter.Convert(bytes, fileName, "doc", "docx", "libreoffice-writer-nogui");
                return ReadDocx(docx, bytes, fileName, convertedFrom: "doc");
            default:
                return ReadDocx(bytes, bytes, fileName, convertedFrom: null);
        }
    }

    private static SourceDocument ReadDocx(byte[] docx, byte[] original, string fileName, string? convertedFrom)
    {
        WordprocessingDocument word;
        try
        {
            word = WordprocessingDocument.Open(new MemoryStream(docx, writable: false), false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException or System.Xml.XmlException)
        {
            throw new DocumentReadException(fileName, $"is not a readable DOCX: {ex.Message}", ex);
        }
        using (word)
        {
            var body = word.MainDocumentPart?.Document?.Body
                ?? throw new DocumentReadException(fileName, "is a DOCX without a document body.");
            var builder = new DocumentBuilder();
            if (word.PackageProperties.Title is { Length: > 0 } title) builder.SetProperty("title", title);
            if (convertedFrom is not null) builder.SetProperty("convertedFrom", convertedFrom);
            new Walker(builder).Blocks(body);
            return builder.Build(fileName, original, SourceFormat.Docx);
        }
    }

    private sealed class Walker(DocumentBuilder builder)
    {
        private int _tables;

        public void Blocks(OpenXmlElement container)
        {
            foreach (var child in container.ChildElements)
            {
                switch (child)
                {
                    case Paragraph p:
                        Paragraph(p);
                        break;
                    case Table t:
                        Table(t);
                        break;
                    case SdtBlock or CustomXmlBlock or SdtContentBlock:
                        Blocks(child);
                        break;
                }
            }
        }

        private void Paragraph(Paragraph paragraph)
        {
            var text = new StringBuilder();
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
        }

        /// <summary>The visible text of runs: w:t, tabs and breaks; deleted text, field codes and fallback copies drop out.</summary>
        internal static void AppendText(OpenXmlElement element, StringBuilder text)
        {
            foreach (var child in element.ChildElements)
            {
                switch (child)
                {
                    case DocumentFormat.OpenXml.Wordprocessing.Text t:
                        text.Append(t.Text);
                        break;
                    case TabChar or PositionalTab:
                        text.Append('\t');
                        break;
                    case Break or CarriageReturn:
                        text.Append('\n');
                        break;
                    case NoBreakHyphen:
                        text.Append('-');
                        break;
                    case DeletedText or FieldCode or DeletedFieldCode or AlternateContentFallback or ParagraphProperties or RunProperties:
                        break;
                    case Paragraph nested:
                        AppendText(nested, text);
                        text.Append('\n');
                        break;
                    default:
                        AppendText(child, text);
                        break;
                }
            }
        }

        private void Table(Table table)
        {
            var rows = OwnRows(table).ToList();
            var cellCount = rows.Sum(r => OwnCells(r).Count());
            if (cellCount <= 1 || rows.Any(r => OwnCells(r).Any(c => c.Descendants<Table>().Any())))
            {
                // A table that only arranges the page: read its cells as containers of paragraphs and tables.
                foreach (var row in rows)
                    foreach (var cell in OwnCells(row))
                        Blocks(cell);
                return;
            }

            var tableIndex = _tables++;
            var aboveColumns = new HashSet<int>();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = rows[r];
                var properties = row.TableRowProperties;
                var col = properties?.GetFirstChild<GridBefore>()?.Val?.Value ?? 0;
                var cells = new List<CellInput>();
                var covered = new HashSet<int>();
                foreach (var cell in OwnCells(row))
                {
                    var tcPr = cell.TableCellProperties;
                    var span = Math.Max(1, tcPr?.GridSpan?.Val?.Value ?? 1);
                    var vMerge = tcPr?.VerticalMerge;
                    var hMerge = tcPr?.HorizontalMerge;
                    var continuesVertically = vMerge is not null && (vMerge.Val is null || vMerge.Val.Value == MergedCellValues.Continue) && aboveColumns.Contains(col);
                    var continuesHorizontally = hMerge is not null && (hMerge.Val is null || hMerge.Val.Value == MergedCellValues.Continue) && cells.Count > 0
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

        private static string CellText(TableCell cell)
        {
            var lines = new List<string>();
            CollectLines(cell, lines);
            return CellLines.Join(lines);
        }

        private static void CollectLines(OpenXmlElement container, List<string> lines)
        {
            foreach (var child in container.ChildElements)
            {
                if (child is Paragraph p)
                {
                    var text = new StringBuilder();
                    AppendText(p, text);
                    lines.AddRange(text.ToString().Replace('\t', ' ').Split('\n'));
                }
                else if (child is SdtBlock or SdtContentBlock or CustomXmlBlock)
                {
                    CollectLines(child, lines);
                }
            }
        }

        /// <summary>The table's own rows, through content-control and custom-XML wrappers, never a nested table's.</summary>
        private static IEnumerable<TableRow> OwnRows(OpenXmlElement container)
        {
            foreach (var child in container.ChildElements)
            {
                if (child is TableRow row) yield return row;
                else if (child is SdtRow or SdtContentRow or CustomXmlRow)
                    foreach (var inner in OwnRows(child)) yield return inner;
            }
        }

        private static IEnumerable<TableCell> OwnCells(OpenXmlElement container)
        {
            foreach (var child in container.ChildElements)
            {
                if (child is TableCell cell) yield return cell;
                else if (child is SdtCell or SdtContentCell or CustomXmlCell)
                    foreach (var inner in OwnCells(child)) yield return inner;
            }
        }
    }
}
