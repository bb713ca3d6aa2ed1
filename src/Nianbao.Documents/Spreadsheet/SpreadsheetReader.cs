using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ExcelDataReader;
using Nianbao.Documents.Model;
using Nianbao.Documents.Office;
using Nianbao.Documents.Tables;

namespace Nianbao.Documents.Spreadsheet;

/// <summary>
/// Workbooks: XLSX through OpenXml SpreadsheetML, legacy .xls (and Kingsoft .et) through
/// ExcelDataReader. Each visible sheet is one table: its name as a paragraph, then every row that
/// holds something, laid on the sheet's grid (column A = 0). A merged range is reported once, at its
/// top-left cell, with its width as ColumnSpan; the other cells of the range are left out. Numeric
/// cells print as the sheet shows them (<see cref="CellNumberFormat"/>).
/// </summary>
public sealed class SpreadsheetReader : IDocumentReader
{
    static SpreadsheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public SourceFormat Format => SourceFormat.Xlsx;

    public bool CanRead(ReadOnlySpan<byte> bytes, string fileName) =>
        OfficeContainer.Sniff(bytes) is OfficeKind.ExcelZip or OfficeKind.OleExcel;

    public SourceDocument Read(byte[] bytes, string fileName) => Read(bytes, fileName, ReadLimits.Default, CancellationToken.None);

    public SourceDocument Read(byte[] bytes, string fileName, ReadLimits limits, CancellationToken cancellation)
    {
        var legacy = OfficeContainer.Sniff(bytes) == OfficeKind.OleExcel;
        if (!legacy) ZipGuard.Check(bytes, limits, cancellation);
        var sheets = legacy ? ReadXls(bytes, fileName, limits, cancellation) : ReadXlsx(bytes, fileName, limits, cancellation);
        var builder = new DocumentBuilder(limits);
        var table = 0;
        foreach (var sheet in sheets)
        {
            cancellation.ThrowIfCancellationRequested();
            if (sheet.Cells.Count == 0) continue;
            builder.AddParagraph(sheet.Name);
            Emit(builder, sheet, table++, limits);
        }
        return builder.Build(fileName, bytes, legacy ? SourceFormat.Xls : SourceFormat.Xlsx);
    }

    /// <summary>One sheet's non-empty cells by (row, column), and its merged ranges.</summary>
    /// <summary>One sheet's non-empty cells by (row, column), its merged ranges, and its used range (every cell element, empty or not).</summary>
    private sealed record Sheet(string Name, Dictionary<(int Row, int Col), string> Cells, List<(int Row, int Col, int LastRow, int LastCol)> Merges, int LastRow, int LastCol);

    private static void Emit(DocumentBuilder builder, Sheet sheet, int table, ReadLimits limits)
    {
        if (sheet.Merges.Count > limits.MaxMerges)
            throw Limits.ReadLimitException.TooLarge($"工作表「{sheet.Name}」有 {sheet.Merges.Count} 个合并区域，上限 {limits.MaxMerges}",
                $"sheet \"{sheet.Name}\" has {sheet.Merges.Count} merged ranges (the limit is {limits.MaxMerges})");
        // Merges are clipped to the range the sheet uses — its cells, and the reach of merges that start
        // on a cell with text: "A1:XFD1048576" over a 10×10 sheet costs a few slots per row, not 17 billion.
        var lastRow = Math.Max(sheet.LastRow, sheet.Cells.Keys.Max(k => k.Row));
        var reach = Math.Max(sheet.LastCol, sheet.Cells.Keys.Max(k => k.Col)) + 1;
        foreach (var (r0, c0, _, c1) in sheet.Merges)
            if (c1 >= c0 && sheet.Cells.ContainsKey((r0, c0))) reach = Math.Max(reach, c1 + 1);
        var covered = new HashSet<(int, int)>();
        var spans = new Dictionary<(int, int), int>();
        long slots = 0;
        foreach (var (r0, c0, r1, c1) in sheet.Merges)
        {
            if (r0 > lastRow || c0 >= reach || r1 < r0 || c1 < c0 || r0 < 0 || c0 < 0) continue;
            spans[(r0, c0)] = c1 - c0 + 1;
            var (rowEnd, colEnd) = (Math.Min(r1, lastRow), Math.Min(c1, reach - 1));
            slots += (long)(rowEnd - r0 + 1) * (colEnd - c0 + 1);
            if (slots > limits.MaxTableCells) throw TooManySlots(sheet, limits);
            for (var r = r0; r <= rowEnd; r++)
                for (var c = c0; c <= colEnd; c++)
                    if (r != r0 || c != c0) covered.Add((r, c));
        }
        var width = sheet.Cells.Keys.Where(k => !covered.Contains(k)).Select(k => k.Col + spans.GetValueOrDefault(k, 1)).DefaultIfEmpty(0).Max();
        var rows = sheet.Cells.Keys.Where(k => !covered.Contains(k)).Select(k => k.Row).Distinct().Order().ToList();
        if ((long)rows.Count * width > limits.MaxTableCells) throw TooManySlots(sheet, limits);
        foreach (var r in rows)
        {
            var cells = new List<CellInput>();
            for (var c = 0; c < width; c++)
            {
                if (covered.Contains((r, c))) continue;
                var span = spans.GetValueOrDefault((r, c), 1);
                cells.Add(new CellInput(OneLine(sheet.Cells.GetValueOrDefault((r, c), ""))) { Column = c, ColumnSpan = span });
            }
            builder.AddRow(cells, table, r);
        }
    }

    private static Limits.ReadLimitException TooManySlots(Sheet sheet, ReadLimits limits) =>
        Limits.ReadLimitException.TooLarge($"工作表「{sheet.Name}」超过 {limits.MaxTableCells} 格", $"sheet \"{sheet.Name}\" has more than {limits.MaxTableCells} cells");

    /// <summary>A cell may hold line breaks (Alt+Enter) and tabs; a table row must stay one line of the text.</summary>
    private static string OneLine(string text) =>
        text.AsSpan().IndexOfAny('\n', '\r', '\t') < 0 ? text : CellLines.Join(text.Replace('\t', ' ').Split('\n', '\r'));

    private static List<Sheet> ReadXlsx(byte[] bytes, string fileName, ReadLimits limits, CancellationToken cancellation)
    {
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException or FileFormatException)
        {
            throw Limits.ReadGuard.Malformed(fileName, "不是可读的 XLSX，文件已损坏或不是工作簿", "not a readable XLSX; it is damaged or not a workbook", ex);
        }
        using (document)
        {
            var workbook = document.WorkbookPart ?? throw Limits.ReadGuard.Malformed(fileName, "XLSX 中没有工作簿部分", "an XLSX without a workbook");
            var strings = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(ItemText).ToList() ?? [];
            var formats = FormatsByStyle(workbook.WorkbookStylesPart?.Stylesheet);
            var result = new List<Sheet>();
            foreach (var entry in workbook.Workbook?.Sheets?.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>() ?? [])
            {
                if (entry.State is { } state && state.Value != SheetStateValues.Visible) continue;
                if (entry.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part) continue;
                var worksheet = part.Worksheet;
                var cells = new Dictionary<(int, int), string>();
                var rowIndex = -1;
                var (lastRow, lastCol) = (0, 0);
                foreach (var row in worksheet?.GetFirstChild<SheetData>()?.Elements<Row>() ?? [])
                {
                    cancellation.ThrowIfCancellationRequested();
                    rowIndex = row.RowIndex?.Value is { } ri ? (ri is >= 1 and <= MaxRows ? (int)ri - 1 : throw OutOfSheet($"row {ri}")) : rowIndex + 1;
                    if (rowIndex >= MaxRows) throw OutOfSheet($"row {rowIndex + 1}");
                    var col = -1;
                    foreach (var cell in row.Elements<Cell>())
                    {
                        col = cell.CellReference?.Value is { } reference && ParseReference(reference) is { } at ? at.Col : col + 1;
                        if (col >= MaxColumns) throw OutOfSheet($"column {col + 1}");
                        (lastRow, lastCol) = (Math.Max(lastRow, rowIndex), Math.Max(lastCol, col));
                        var text = CellText(cell, strings, formats);
                        if (string.IsNullOrWhiteSpace(text)) continue;
                        cells[(rowIndex, col)] = text;
                        if (cells.Count > limits.MaxTableCells)
                            throw Limits.ReadLimitException.TooLarge($"一个工作表超过 {limits.MaxTableCells} 个非空单元格", $"a sheet of more than {limits.MaxTableCells} non-empty cells");
                    }
                }
                var merges = new List<(int, int, int, int)>();
                foreach (var merge in worksheet?.Elements<MergeCells>().SelectMany(m => m.Elements<MergeCell>()) ?? [])
                {
                    var range = merge.Reference?.Value?.Split(':');
                    if (range is not { Length: 2 } || ParseReference(range[0]) is not { } a || ParseReference(range[1]) is not { } b) continue;
                    merges.Add((Math.Min(a.Row, b.Row), Math.Min(a.Col, b.Col), Math.Max(a.Row, b.Row), Math.Max(a.Col, b.Col)));
                }
                result.Add(new Sheet(entry.Name?.Value ?? $"Sheet{result.Count + 1}", cells, merges, lastRow, lastCol));
            }
            return result;
        }
    }

    private static string ItemText(SharedStringItem item)
    {
        // Rich text runs hold the text; phonetic guides (rPh) are not shown in the cell.
        if (item.Text is { } plain) return plain.Text;
        var sb = new StringBuilder();
        foreach (var run in item.Elements<Run>()) sb.Append(run.Text?.Text);
        return sb.ToString();
    }

    private static List<string?> FormatsByStyle(Stylesheet? stylesheet)
    {
        var custom = stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(n => n.NumberFormatId?.Value is not null)
            .GroupBy(n => n.NumberFormatId!.Value)
            .ToDictionary(g => g.Key, g => g.First().FormatCode?.Value) ?? new Dictionary<uint, string?>();
        return stylesheet?.CellFormats?.Elements<CellFormat>()
            .Select(f => f.NumberFormatId?.Value is { } id ? custom.GetValueOrDefault(id) ?? CellNumberFormat.BuiltIn((int)id) : null)
            .ToList() ?? [];
    }

    private static string CellText(Cell cell, List<string> strings, List<string?> formats)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
            return cell.InlineString?.Text?.Text ?? string.Concat(cell.InlineString?.Elements<Run>().Select(r => r.Text?.Text) ?? []);
        if (raw is null) return "";
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count ? strings[i] : "";
        if (type == CellValues.Boolean) return raw == "1" ? "TRUE" : "FALSE";
        if (type == CellValues.String || type == CellValues.Error || type == CellValues.Date) return raw;
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return raw;
        var style = cell.StyleIndex?.Value is { } s && s < formats.Count ? formats[(int)s] : null;
        return CellNumberFormat.Format(number, style);
    }

    /// <summary>The sheet's size in Excel 2007 and later (1,048,576 rows, columns A to XFD).</summary>
    private const int MaxRows = 1 << 20, MaxColumns = 1 << 14;

    private static Limits.ReadLimitException OutOfSheet(string where) =>
        Limits.ReadLimitException.Malformed($"单元格位置超出工作表范围（{where}）", $"a cell outside any sheet ({where})");

    /// <summary>"AB12" → (row 11, column 27), zero-based; "$A$1" is accepted; null outside A1:XFD1048576.</summary>
    internal static (int Row, int Col)? ParseReference(string reference)
    {
        var i = 0;
        var col = 0;
        var s = reference.Replace("$", "", StringComparison.Ordinal);
        // At most three letters (XFD): more could only wrap the column number around.
        while (i < s.Length && i < 4 && char.IsAsciiLetter(s[i])) col = col * 26 + (char.ToUpperInvariant(s[i++]) - 'A' + 1);
        if (col == 0 || col > MaxColumns) return null;
        if (i == s.Length || s.Length - i > 7) return null;
        return int.TryParse(s.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row is > 0 and <= MaxRows ? (row - 1, col - 1) : null;
    }

    private static List<Sheet> ReadXls(byte[] bytes, string fileName, ReadLimits limits, CancellationToken cancellation)
    {
        var result = new List<Sheet>();
        try
        {
            using var reader = ExcelReaderFactory.CreateBinaryReader(new MemoryStream(bytes, writable: false));
            do
            {
                var cells = new Dictionary<(int, int), string>();
                var row = 0;
                var lastCol = 0;
                while (reader.Read())
                {
                    cancellation.ThrowIfCancellationRequested();
                    if (reader.FieldCount > MaxColumns) throw OutOfSheet($"{reader.FieldCount} columns");
                    lastCol = Math.Max(lastCol, reader.FieldCount - 1);
                    for (var c = 0; c < reader.FieldCount; c++)
                    {
                        var text = reader.GetValue(c) switch
                        {
                            null => "",
                            double d => CellNumberFormat.Format(d, reader.GetNumberFormatString(c)),
                            int n => n.ToString(CultureInfo.InvariantCulture),
                            DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                            bool b => b ? "TRUE" : "FALSE",
                            var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
                        };
                        if (!string.IsNullOrWhiteSpace(text)) cells[(row, c)] = text;
                    }
                    if (cells.Count > limits.MaxTableCells)
                        throw Limits.ReadLimitException.TooLarge($"一个工作表超过 {limits.MaxTableCells} 个非空单元格", $"a sheet of more than {limits.MaxTableCells} non-empty cells");
                    row++;
                }
                var merges = (reader.MergeCells ?? []).Select(m => (m.FromRow, m.FromColumn, m.ToRow, m.ToColumn)).ToList();
                if (reader.VisibleState is null or "visible")
                    result.Add(new Sheet(reader.Name ?? $"Sheet{result.Count + 1}", cells, merges, Math.Max(0, row - 1), lastCol));
            } while (reader.NextResult());
        }
        catch (Exception ex) when (ex is not DocumentReadException and not Limits.ReadLimitException and not OperationCanceledException and not OutOfMemoryException)
        {
            throw Limits.ReadGuard.Malformed(fileName, "不是可读的 .xls 工作簿，文件已损坏", "not a readable .xls workbook; it is damaged", ex);
        }
        return result;
    }
}
