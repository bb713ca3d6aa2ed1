using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Nianbao.Tests.Documents.Formats;

/// <summary>
/// Writes each table to its own sheet with OpenXml SpreadsheetML, as Excel saves it: text in the
/// shared-string table, numbers as numeric cells, merged header cells as mergeCell ranges. The table
/// starts below a title row, so sheet rows are layout rows + <see cref="FirstTableRow"/>.
/// </summary>
public static class XlsxReportWriter
{
    public const int FirstTableRow = 2;

    /// <summary>A numeric cell written with an explicit style (number format) and stored value.</summary>
    public sealed record ExtraCell(int Row, int Col, double Value, uint FormatId, string? FormatCode);

    public static byte[] Write(IReadOnlyList<TableLayout> tables, IReadOnlyList<ExtraCell>? extras = null)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = doc.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            var sst = workbookPart.AddNewPart<SharedStringTablePart>();
            sst.SharedStringTable = new SharedStringTable();
            var strings = new Dictionary<string, int>();

            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            var numberingFormats = new NumberingFormats();
            var cellFormats = new CellFormats(new CellFormat { NumberFormatId = 0 });
            var styleOf = new Dictionary<uint, uint>();
            foreach (var extra in extras ?? [])
            {
                if (styleOf.ContainsKey(extra.FormatId)) continue;
                if (extra.FormatCode is not null) numberingFormats.Append(new NumberingFormat { NumberFormatId = extra.FormatId, FormatCode = extra.FormatCode });
                cellFormats.Append(new CellFormat { NumberFormatId = extra.FormatId, ApplyNumberFormat = true });
                styleOf[extra.FormatId] = (uint)cellFormats.ChildElements.Count - 1;
            }
            var stylesheet = new Stylesheet();
            if (numberingFormats.ChildElements.Count > 0) stylesheet.Append(numberingFormats);
            stylesheet.Append(new Fonts(new Font()));
            stylesheet.Append(new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })));
            stylesheet.Append(new Borders(new Border()));
            stylesheet.Append(new CellStyleFormats(new CellFormat()));
            stylesheet.Append(cellFormats);
            styles.Stylesheet = stylesheet;

            int Shared(string text)
            {
                if (!strings.TryGetValue(text, out var index))
                {
                    index = strings.Count;
                    strings[text] = index;
                    sst.SharedStringTable.Append(new SharedStringItem(new Text(text)));
                }
                return index;
            }

            for (var t = 0; t < tables.Count; t++)
            {
                var layout = tables[t];
                var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                var cellsByRow = new SortedDictionary<int, SortedDictionary<int, Cell>>();
                void Put(int r, int c, Cell cell)
                {
                    cell.CellReference = Reference(r, c);
                    if (!cellsByRow.TryGetValue(r, out var row)) cellsByRow[r] = row = new SortedDictionary<int, Cell>();
                    row[c] = cell;
                }
                Put(0, 0, new Cell { DataType = CellValues.SharedString, CellValue = new CellValue(Shared(layout.Title).ToString(CultureInfo.InvariantCulture)) });
                var merges = new MergeCells();
                merges.Append(new MergeCell { Reference = $"{Reference(0, 0)}:{Reference(0, layout.Width - 1)}" });
                for (var y = 0; y < layout.Rows.Count; y++)
                {
                    var r = y + FirstTableRow;
                    foreach (var cell in layout.Rows[y].Cells)
                    {
                        if (cell.Text.Length > 0)
                        {
                            Put(r, cell.Col, cell.Path is not null
                                ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(double.Parse(cell.Text, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)) }
                                : new Cell { DataType = CellValues.SharedString, CellValue = new CellValue(Shared(cell.Text).ToString(CultureInfo.InvariantCulture)) });
                        }
                        if (cell.ColSpan > 1 || cell.RowSpan > 1)
                            merges.Append(new MergeCell { Reference = $"{Reference(r, cell.Col)}:{Reference(r + cell.RowSpan - 1, cell.Col + cell.ColSpan - 1)}" });
                    }
                }
                if (t == 0)
                    foreach (var extra in extras ?? [])
                        Put(extra.Row, extra.Col, new Cell { CellValue = new CellValue(extra.Value.ToString("R", CultureInfo.InvariantCulture)), StyleIndex = styleOf[extra.FormatId] });
                foreach (var (r, row) in cellsByRow)
                    data.Append(new Row(row.Values) { RowIndex = (uint)(r + 1) });
                sheetPart.Worksheet = new Worksheet(data, merges);
                sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = (uint)(t + 1), Name = $"表{t + 1}" });
            }
            workbookPart.Workbook.Save();
        }
        return stream.ToArray();
    }

    public static string Reference(int row, int col)
    {
        var letters = "";
        for (var c = col + 1; c > 0; c = (c - 1) / 26) letters = (char)('A' + (c - 1) % 26) + letters;
        return letters + (row + 1).ToString(CultureInfo.InvariantCulture);
    }
}
