using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Nianbao.Domain;
using Nianbao.Rendering.Layout;

namespace Nianbao.Rendering;

/// <summary>
/// The author's fill-in workbook: one sheet per statutory table, laid out and merged exactly like
/// the printed table, row labels as printed, yellow cells to fill in. Cells the report already has
/// carry their numbers; the others stay empty (empty means "not filled in", never 0). Each value cell
/// also has a workbook name equal to its contract cell path (e.g. <c>applications.granted.total</c>),
/// so a program can read the numbers back without matching labels.
/// </summary>
public sealed class WorkbookWriter
{
    // No digits in the note: a reader of the filled-in workbook must not take the note's "0" for a cell.
    public const string FillInNote = "请在黄色单元格中填写数字：没有发生的事项填零，金额可保留小数；留空表示尚未填写。";

    private const int FirstTableRow = 3; // zero-based: title, note, blank, then the table

    private static readonly (TableKind Kind, string Sheet, string Caption)[] Sheets =
    [
        (TableKind.ActiveDisclosure, "表二 主动公开", "二、主动公开政府信息情况"),
        (TableKind.Applications, "表三 依申请公开", "三、收到和处理政府信息公开申请情况"),
        (TableKind.ReviewsAndLawsuits, "表四 复议诉讼", "四、政府信息公开行政复议、行政诉讼情况"),
    ];

    // Style indexes into the stylesheet built below.
    private const uint StyleHeader = 1, StyleLabel = 2, StyleValue = 3, StyleTitle = 4, StyleNote = 5, StyleCaption = 6, StyleText = 7;

    public byte[] Write(Report report)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            doc.PackageProperties.Title = ReportText.Title(report);
            var workbookPart = doc.AddWorkbookPart();
            var strings = new SharedStrings(workbookPart.AddNewPart<SharedStringTablePart>());
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = BuildStylesheet();
            var sheets = new Sheets();
            var names = new DefinedNames();
            uint sheetId = 1;
            foreach (var (kind, sheetName, caption) in Sheets)
            {
                var values = report.Table(kind);
                if (values is null) continue;
                var layout = NationalTables.For(values);
                var part = workbookPart.AddNewPart<WorksheetPart>();
                // The optional fee-collection table goes under table 四, where the 2025 reports print it.
                var fee = kind == TableKind.ReviewsAndLawsuits ? FeeBlock.Below(layout) : null;
                part.Worksheet = BuildSheet(layout, $"{ReportText.Title(report)}  {caption}", strings, fee, report.FeeCollection);
                sheets.Append(new Sheet { Name = sheetName, SheetId = sheetId++, Id = workbookPart.GetIdOfPart(part) });
                foreach (var cell in layout.Values)
                    names.Append(new DefinedName($"'{sheetName}'!${ColumnName(cell.Column)}${cell.Row + FirstTableRow + 1}") { Name = cell.Path!.Value.ToString() });
                if (fee is not null)
                    for (var i = 0; i < FeeCollection.Columns.Count; i++)
                        names.Append(new DefinedName($"'{sheetName}'!${ColumnName(fee.FirstColumn(i))}${fee.ValueRow}") { Name = FeeName(FeeCollection.Columns[i].Key) });
            }
            if (sheetId == 1)
                throw new RenderingException("render.no-tables", ("template", report.Template.ToContractName()));
            // The report's words after its tables: the author fills in the six sections here, and the
            // workbook read back is a whole report (pipeline WorkbookInput), not three tables.
            var textPart = workbookPart.AddNewPart<WorksheetPart>();
            textPart.Worksheet = BuildTextSheet(report, strings, names);
            sheets.Append(new Sheet { Name = TextSheet, SheetId = sheetId++, Id = workbookPart.GetIdOfPart(textPart) });
            workbookPart.Workbook = new Workbook(sheets, names);
            strings.Save();
            workbookPart.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The sheet for the report's metadata and the six sections' text.</summary>
    public const string TextSheet = "报告正文";

    /// <summary>Workbook names of the metadata cells on <see cref="TextSheet"/>; a section's text is <c>sections.N</c>.</summary>
    public const string AgencyName = "report.agency", YearName = "report.year", TemplateName = "report.template", PublishedOnName = "report.publishedOn";

    public static string SectionName(int number) => $"sections.{number}";

    /// <summary>
    /// The workbook name of a cell of the optional fee-collection table, e.g. <c>feeCollection.notifiedCount</c>
    /// (the contract's record and field). All three left empty: the report has no such table.
    /// </summary>
    public static string FeeName(string key) => $"feeCollection.{key}";

    // No digits: a reader of the filled-in workbook must not take one for a cell.
    public const string FeeNote = "（选填：报告印有本表时填写，没有发生的填零；三格都留空表示报告没有本表）";

    /// <summary>Where the fee-collection block stands on table 四's sheet (one-based sheet rows).</summary>
    private sealed record FeeBlock(int CaptionRow, int HeaderRow, int ValueRow, int Columns)
    {
        public static FeeBlock Below(TableLayout layout)
        {
            var caption = layout.Rows + FirstTableRow + 2; // one empty row after the table
            return new FeeBlock(caption, caption + 1, caption + 2, layout.Columns);
        }

        /// <summary>Each of the three fields spans an equal share of the table's columns.</summary>
        public int FirstColumn(int field) => field * Width;
        public int LastColumn(int field) => field == FeeCollection.Columns.Count - 1 ? Columns - 1 : (field + 1) * Width - 1;
        private int Width => Math.Max(1, Columns / FeeCollection.Columns.Count);
    }

    /// <summary>The workbook name of a table 二 unit cell, e.g. <c>activeDisclosure.procurement.amountUnit</c>.</summary>
    public static string UnitName(string row, string unitKey) => $"activeDisclosure.{row}.{unitKey}";

    private const string TextNote = "请在B列填写发布机关、年度和六个部分的正文（第二至第四部分的表格在前面的工作表中填写）。";

    private static Worksheet BuildTextSheet(Report report, SharedStrings strings, DefinedNames names)
    {
        var data = new SheetData();
        data.Append(new Row(TextCell("A1", ReportText.Title(report), StyleTitle, strings)) { RowIndex = 1 });
        data.Append(new Row(TextCell("A2", TextNote, StyleNote, strings)) { RowIndex = 2 });
        var rowIndex = 3u;
        void Line(string label, string? value, string name, bool tall = false)
        {
            rowIndex++;
            var row = new Row { RowIndex = rowIndex };
            if (tall) { row.Height = 120; row.CustomHeight = true; }
            row.Append(TextCell($"A{rowIndex}", label, StyleLabel, strings));
            // Everything as text, the year too: what the author types is read back as typed.
            row.Append(value is { Length: > 0 } v ? TextCell($"B{rowIndex}", v, StyleText, strings) : new Cell { CellReference = $"B{rowIndex}", StyleIndex = StyleText });
            data.Append(row);
            names.Append(new DefinedName($"'{TextSheet}'!$B${rowIndex}") { Name = name });
        }
        Line("发布机关", report.Agency, AgencyName);
        Line("报告年度", report.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture), YearName);
        Line("格式（2021 或 2019）", report.Template.ToContractName(), TemplateName);
        Line("发布日期（如 2025-01-20）", report.PublishedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), PublishedOnName);
        // A unit the format leaves to the report (2019 采购总金额: 元 or 万元) is written beside the
        // metadata, so the workbook read back keeps it.
        if (report.ActiveDisclosure is { } table2)
            foreach (var row in table2.Schema.Rows)
                foreach (var field in row.Fields.Where(f => f.UnitKey is not null))
                    Line($"{field.PrintedLabel}的单位（元 或 万元）", table2.UnitOf(row.Key, field.Key), UnitName(row.Key, field.UnitKey!));
        foreach (var section in Domain.Templates.StatutorySections.All)
        {
            var text = report.Sections.FirstOrDefault(s => s.Number == section.Number)?.Text;
            Line($"{Domain.Templates.StatutorySections.ChineseNumerals[section.Number - 1]}、{section.Title}", text, SectionName(section.Number), tall: true);
        }
        var merges = new MergeCells(new MergeCell { Reference = "A1:B1" }, new MergeCell { Reference = "A2:B2" });
        return new Worksheet(
            new Columns(
                new Column { Min = 1, Max = 1, Width = 30, CustomWidth = true },
                new Column { Min = 2, Max = 2, Width = 100, CustomWidth = true }),
            data,
            merges,
            new PageMargins { Left = 0.6, Right = 0.6, Top = 0.8, Bottom = 0.8, Header = 0.3, Footer = 0.3 });
    }

    private static Worksheet BuildSheet(TableLayout layout, string title, SharedStrings strings, FeeBlock? fee = null, FeeCollection? feeValues = null)
    {
        var data = new SheetData();
        var lastColumn = ColumnName(layout.Columns - 1);
        data.Append(new Row(TextCell("A1", title, StyleTitle, strings)) { RowIndex = 1 });
        data.Append(new Row(TextCell("A2", FillInNote, StyleNote, strings)) { RowIndex = 2 });
        for (var r = 0; r < layout.Rows; r++)
        {
            var rowIndex = (uint)(r + FirstTableRow + 1);
            var row = new Row { RowIndex = rowIndex };
            for (var c = 0; c < layout.Columns; c++)
            {
                var cover = layout.CoverAt(r, c);
                var reference = $"{ColumnName(c)}{rowIndex}";
                var style = StyleFor(cover.Role);
                // Every slot of a merge gets the border style, or Excel draws the merge half-framed.
                if (cover.Row != r || cover.Column != c) row.Append(new Cell { CellReference = reference, StyleIndex = style });
                else if (cover.Role == CellRole.Value)
                    row.Append(cover.Value is { } v
                        ? new Cell { CellReference = reference, StyleIndex = style, DataType = CellValues.Number, CellValue = new CellValue(v) }
                        : new Cell { CellReference = reference, StyleIndex = style });
                else row.Append(TextCell(reference, cover.Text, style, strings));
            }
            data.Append(row);
        }

        var merges = new MergeCells();
        merges.Append(new MergeCell { Reference = $"A1:{lastColumn}1" });
        merges.Append(new MergeCell { Reference = $"A2:{lastColumn}2" });
        foreach (var cell in layout.Cells.Where(c => c.RowSpan > 1 || c.ColumnSpan > 1))
            merges.Append(new MergeCell
            {
                Reference = $"{ColumnName(cell.Column)}{cell.Row + FirstTableRow + 1}:{ColumnName(cell.Column + cell.ColumnSpan - 1)}{cell.Row + cell.RowSpan + FirstTableRow}",
            });
        if (fee is not null) AppendFeeBlock(data, merges, fee, feeValues, strings);

        var columns = new Columns();
        var widths = ColumnWidths(layout);
        for (var c = 0; c < widths.Length; c++)
            columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = widths[c], CustomWidth = true });

        return new Worksheet(
            columns,
            data,
            merges,
            new PageMargins { Left = 0.6, Right = 0.6, Top = 0.8, Bottom = 0.8, Header = 0.3, Footer = 0.3 },
            new PageSetup { PaperSize = 9, Orientation = layout.Columns > 10 ? OrientationValues.Landscape : OrientationValues.Portrait });
    }

    /// <summary>信息处理费收取情况 under table 四: a caption row, the three printed labels, three cells to fill in.</summary>
    private static void AppendFeeBlock(SheetData data, MergeCells merges, FeeBlock fee, FeeCollection? values, SharedStrings strings)
    {
        var last = ColumnName(fee.Columns - 1);
        data.Append(new Row(TextCell($"A{fee.CaptionRow}", ReportText.FeeCollectionCaption + FeeNote, StyleCaption, strings)) { RowIndex = (uint)fee.CaptionRow });
        merges.Append(new MergeCell { Reference = $"A{fee.CaptionRow}:{last}{fee.CaptionRow}" });
        var header = new Row { RowIndex = (uint)fee.HeaderRow };
        var value = new Row { RowIndex = (uint)fee.ValueRow };
        for (var i = 0; i < FeeCollection.Columns.Count; i++)
        {
            for (var c = fee.FirstColumn(i); c <= fee.LastColumn(i); c++)
            {
                var first = c == fee.FirstColumn(i);
                header.Append(first ? TextCell($"{ColumnName(c)}{fee.HeaderRow}", FeeCollection.Columns[i].Label, StyleHeader, strings)
                    : new Cell { CellReference = $"{ColumnName(c)}{fee.HeaderRow}", StyleIndex = StyleHeader });
                value.Append(first && values?.Values[i] is { } v
                    ? new Cell { CellReference = $"{ColumnName(c)}{fee.ValueRow}", StyleIndex = StyleValue, DataType = CellValues.Number, CellValue = new CellValue(v) }
                    : new Cell { CellReference = $"{ColumnName(c)}{fee.ValueRow}", StyleIndex = StyleValue });
            }
            merges.Append(new MergeCell { Reference = $"{ColumnName(fee.FirstColumn(i))}{fee.HeaderRow}:{ColumnName(fee.LastColumn(i))}{fee.HeaderRow}" });
            merges.Append(new MergeCell { Reference = $"{ColumnName(fee.FirstColumn(i))}{fee.ValueRow}:{ColumnName(fee.LastColumn(i))}{fee.ValueRow}" });
        }
        data.Append(header, value);
    }

    private static double[] ColumnWidths(TableLayout layout) => layout.Kind switch
    {
        TableKind.ActiveDisclosure => [24, 20, 20, 20],
        TableKind.Applications => [8, 14, 40, .. Enumerable.Repeat(11.0, layout.Columns - 3)],
        _ => Enumerable.Repeat(10.0, layout.Columns).ToArray(),
    };

    private static uint StyleFor(CellRole role) => role switch
    {
        CellRole.Header or CellRole.Note => StyleHeader,
        CellRole.Caption => StyleCaption,
        CellRole.Label => StyleLabel,
        _ => StyleValue,
    };

    private static Cell TextCell(string reference, string text, uint style, SharedStrings strings) => new()
    {
        CellReference = reference,
        StyleIndex = style,
        DataType = CellValues.SharedString,
        CellValue = new CellValue(strings.Index(text)),
    };

    internal static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    private static Stylesheet BuildStylesheet()
    {
        static Font MakeFont(double size, bool bold)
        {
            var font = new Font();
            if (bold) font.Append(new Bold());
            font.Append(new FontSize { Val = size });
            font.Append(new FontName { Val = "宋体" });
            font.Append(new FontCharSet { Val = 134 });
            return font;
        }
        static Fill Solid(string argb) => new(new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });
        static Border Thin() => new(
            new LeftBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
            new RightBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
            new TopBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
            new BottomBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        static CellFormat Format(uint font, uint fill, uint border, HorizontalAlignmentValues h, bool wrap = true) =>
            new(new Alignment { Horizontal = h, Vertical = VerticalAlignmentValues.Center, WrapText = wrap })
            {
                FontId = font, FillId = fill, BorderId = border, FormatId = 0,
                ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true,
            };

        return new Stylesheet(
            new Fonts(MakeFont(11, false), MakeFont(11, true), MakeFont(14, true)) { Count = 3 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                Solid("FFFFF2CC"),
                Solid("FFF2F2F2")) { Count = 4 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), Thin()) { Count = 2 },
            new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                Format(0, 3, 1, HorizontalAlignmentValues.Center),   // header
                Format(0, 0, 1, HorizontalAlignmentValues.Left),     // label
                Format(0, 2, 1, HorizontalAlignmentValues.Center),   // value to fill in
                Format(2, 0, 0, HorizontalAlignmentValues.Center),   // title
                Format(0, 0, 0, HorizontalAlignmentValues.Left),     // note
                Format(1, 3, 1, HorizontalAlignmentValues.Left),     // block caption
                Format(0, 2, 1, HorizontalAlignmentValues.Left)) { Count = 8 },   // text to fill in
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }

    private sealed class SharedStrings(SharedStringTablePart part)
    {
        private readonly Dictionary<string, int> _index = new();
        private readonly SharedStringTable _table = new();

        public int Index(string text)
        {
            if (_index.TryGetValue(text, out var i)) return i;
            _table.Append(new SharedStringItem(new Text(text)));
            _index[text] = _index.Count;
            return _index.Count - 1;
        }

        public void Save()
        {
            _table.Count = (uint)_index.Count;
            _table.UniqueCount = (uint)_index.Count;
            part.SharedStringTable = _table;
            part.SharedStringTable.Save();
        }
    }
}
