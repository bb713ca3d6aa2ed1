using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Nianbao.Documents;
using Nianbao.Documents.Model;
using Nianbao.Domain;
using Nianbao.Domain.Templates;

namespace Nianbao.Pipeline;

/// <summary>
/// The fill-in workbook of <c>nianbao new</c>, filled in by an author, read back as the whole report it
/// is: every value cell carries a workbook name equal to its contract cell path
/// (<c>applications.granted.total</c>), the sheet 报告正文 names the agency, year, format, publication
/// date and the six sections' text (<c>report.agency</c>, <c>sections.1</c>…). Cells are read by
/// name, not by matching labels, so an author's workbook is read exactly. A workbook without these
/// names is an ordinary spreadsheet and is left to the document readers.
/// </summary>
internal static partial class WorkbookInput
{
    // Must match Nianbao.Rendering.WorkbookWriter (the pipeline does not reference rendering, a later stage),
    // as must the fee-collection cells' names (feeCollection.KEY, WorkbookWriter.FeeName).
    private const string AgencyName = "report.agency", YearName = "report.year", TemplateName = "report.template", PublishedOnName = "report.publishedOn";

    public static Report? TryRead(byte[] bytes, string fileName, SourceDocument read)
    {
        if (bytes.Length < 4 || bytes[0] != 'P' || bytes[1] != 'K') return null;
        SpreadsheetDocument document;
        try { document = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false); }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null; // not a workbook (a DOCX, a damaged file): the document readers say what it is
        }
        using (document)
        {
            WorkbookPart? workbook;
            Dictionary<string, string>? names;
            try
            {
                workbook = document.WorkbookPart;
                names = workbook?.Workbook?.DefinedNames?.Elements<DefinedName>()
                    .Where(n => n.Name?.Value is not null)
                    .GroupBy(n => n.Name!.Value!, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.First().Text, StringComparer.Ordinal);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return null; // parts OpenXml will not load (another writer's workbook): read as a spreadsheet
            }
            if (workbook is null || names is null || !names.ContainsKey(TemplateName)) return null;
            var cells = new NamedCells(workbook, names, fileName);
            return Read(cells, fileName, bytes, read);
        }
    }

    private static Report Read(NamedCells cells, string fileName, byte[] bytes, SourceDocument document)
    {
        var templateText = cells.Text(TemplateName)?.Trim();
        if (!ReportTemplateNames.TryFromContractName(templateText, out var template) || TemplateSchema.For(template) is not { } schema)
            throw cells.Problem(TemplateName, templateText, "不是已知的格式，应为 2021 或 2019", "is not a known format; write 2021 or 2019");
        var draft = ReportDraft.Blank(template);
        draft.Source = new SourceInfo(fileName, DocumentBuilder.Hash(bytes), "xlsx");
        draft.ReadBy = ReportPipeline.Version;
        var tables = SheetTables(document);
        draft.Agency = cells.Text(AgencyName)?.Trim() is { Length: > 0 } agency ? agency : null;
        var yearText = cells.Text(YearName)?.Trim();
        if (yearText is { Length: > 0 })
        {
            if (!YearPattern().IsMatch(yearText) || int.Parse(yearText.TrimEnd('年'), CultureInfo.InvariantCulture) is < 1990 or > 2100)
                throw cells.Problem(YearName, yearText, "不是年度，应为四位数字（如 2024）", "is not a year; write four digits such as 2024");
            draft.Year = int.Parse(yearText.TrimEnd('年'), CultureInfo.InvariantCulture);
        }
        if (cells.Text(PublishedOnName)?.Trim() is { Length: > 0 } published)
        {
            if (DateOnly.TryParseExact(published, ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy年M月d日"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                draft.PublishedOn = date;
            else if (double.TryParse(published, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
                draft.PublishedOn = DateOnly.FromDateTime(DateTime.FromOADate(serial)); // a date Excel stored as a day number
            else
                throw cells.Problem(PublishedOnName, published, "不是日期，应写作 2025-01-20", "is not a date; write it as 2025-01-20");
        }
        foreach (var section in StatutorySections.All)
        {
            var text = cells.Text($"sections.{section.Number}");
            draft.Sections.Add(new Section(section.Number, section.Title, text?.Replace("\r\n", "\n").Trim() ?? ""));
        }
        foreach (var table in new[] { schema.ActiveDisclosure, schema.Applications, schema.ReviewsAndLawsuits })
        {
            var values = draft.Table(table.Kind)!;
            foreach (var path in table.Cells())
            {
                var name = path.ToString();
                var text = cells.Text(name)?.Trim();
                if (string.IsNullOrEmpty(text)) continue; // blank: not filled in, never 0
                if (!NumberPattern().IsMatch(text) || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                    throw cells.Problem(name, text, "不是数字", "is not a number");
                values[path] = value;
                if (cells.Position(name) is { } at && tables.TryGetValue(at.Sheet, out var tableIndex)
                    && SourceOf(document, tableIndex, at.Row, at.Column, value) is { } source)
                    draft.Provenance[path] = source;
            }
            foreach (var row in table.Rows)
                foreach (var field in row.Fields.Where(f => f.UnitKey is not null))
                {
                    var name = $"{table.Kind.ToContractName()}.{row.Key}.{field.UnitKey}";
                    var unit = cells.Text(name)?.Trim();
                    if (string.IsNullOrEmpty(unit)) continue;
                    if (unit is not ("元" or "万元")) throw cells.Problem(name, unit, "不是金额单位，应为 元 或 万元", "is not a unit; write 元 or 万元");
                    values.SetUnit(row.Key, field.Key, unit);
                }
        }
        draft.FeeCollection = FeeCollectionOf(cells);
        return draft.Publish();
    }

    /// <summary>
    /// The optional fee-collection table under table 四 (<c>feeCollection.notifiedCount</c> …): all three
    /// cells empty (or a workbook made before it had them) is no table at all, never a table of zeros;
    /// a cell left empty beside filled ones is blank (null). A count is a whole number, an amount in 元
    /// may keep its decimals; anything else names the cell.
    /// </summary>
    private static FeeCollection? FeeCollectionOf(NamedCells cells)
    {
        var values = new decimal?[FeeCollection.Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var name = $"feeCollection.{FeeCollection.Columns[i].Key}";
            var text = cells.Text(name)?.Trim();
            if (string.IsNullOrEmpty(text)) continue;
            var pattern = i == 0 ? CountPattern() : AmountPattern();
            if (!pattern.IsMatch(text) || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                throw i == 0
                    ? cells.Problem(name, text, "不是件数，应为不带小数的数字", "is not a count; write a whole number")
                    : cells.Problem(name, text, "不是金额，应为数字（元，可带小数）", "is not an amount; write a number of yuan");
            values[i] = value;
        }
        return values.All(v => v is null) ? null : new FeeCollection(values[0], values[1], values[2]);
    }

    /// <summary>Each sheet's table number in the document: the spreadsheet reader writes a sheet's name as a paragraph before its rows.</summary>
    private static Dictionary<string, int> SheetTables(SourceDocument document)
    {
        var tables = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < document.Lines.Count; i++)
            if (!document.Lines[i].IsTableRow && document.Lines[i + 1].Table is { } table)
                tables.TryAdd(document.Slice(document.Lines[i].Start, document.Lines[i].Length).Trim(), table);
        return tables;
    }

    /// <summary>The document cell a named workbook cell stands in, when it prints the same number; else none (never a place that does not show the number).</summary>
    private static CellSource? SourceOf(SourceDocument document, int table, int row, int column, decimal value)
    {
        foreach (var line in document.Lines)
        {
            if (line.Table != table || line.Row != row) continue;
            foreach (var cell in line.Cells)
            {
                if (cell.Column != column) continue;
                var text = document.Slice(cell.Start, cell.Length).Trim();
                if (!NumberPattern().IsMatch(text) || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var printed) || printed != value)
                    return null;
                var start = cell.Start + document.Slice(cell.Start, cell.Length).IndexOf(text, StringComparison.Ordinal);
                return new CellSource(start, text.Length, text, ReadingConfidence.Exact) { Table = table, Row = row, Column = column };
            }
        }
        return null;
    }

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex CountPattern();

    [GeneratedRegex(@"^\d+(\.\d+)?$")]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"^(19|20|21)\d\d年?$")]
    private static partial Regex YearPattern();

    // What an author types in a count or amount cell: digits, one decimal part, a sign for 本年增/减.
    [GeneratedRegex(@"^[-+]?\d+(\.\d+)?$")]
    private static partial Regex NumberPattern();

    /// <summary>The cells of a workbook by their workbook names, as text (numbers as Excel stores them).</summary>
    private sealed class NamedCells(WorkbookPart workbook, Dictionary<string, string> names, string fileName)
    {
        private readonly Dictionary<string, Dictionary<string, Cell>> _sheets = new(StringComparer.Ordinal);

        public string? Text(string name)
        {
            if (!names.TryGetValue(name, out var reference) || Locate(reference) is not { } at) return null;
            if (Sheet(at.Sheet) is not { } sheet || !sheet.TryGetValue(at.Cell, out var cell)) return null;
            if (cell.DataType?.Value == CellValues.SharedString)
            {
                var index = int.Parse(cell.CellValue?.Text ?? "-1", CultureInfo.InvariantCulture);
                var item = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().ElementAtOrDefault(index);
                return item?.InnerText;
            }
            if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText;
            return cell.CellValue?.Text;
        }

        /// <summary>A named cell's sheet and zero-based row and column.</summary>
        public (string Sheet, int Row, int Column)? Position(string name)
        {
            if (!names.TryGetValue(name, out var reference) || Locate(reference) is not { } at) return null;
            var letters = at.Cell.TakeWhile(char.IsAsciiLetterUpper).Count();
            if (letters is 0 or > 3 || !int.TryParse(at.Cell.AsSpan(letters), NumberStyles.None, CultureInfo.InvariantCulture, out var rowNumber) || rowNumber < 1) return null;
            var column = 0;
            foreach (var c in at.Cell[..letters]) column = column * 26 + (c - 'A' + 1);
            return (at.Sheet, rowNumber - 1, column - 1);
        }

        /// <summary>Where a named cell is ("'报告正文'!$B$5"), for messages.</summary>
        public string Where(string name) => names.TryGetValue(name, out var reference) && Locate(reference) is { } at ? $"{at.Sheet}!{at.Cell}" : name;

        public DocumentReadException Problem(string name, string? value, string chinese, string english) =>
            new(fileName, ReadFailure.Malformed,
                $"{Where(name)}（{name}）的内容“{value}”{chinese}",
                $"cell {Where(name)} ({name}) holds \"{value}\", which {english}");

        private static (string Sheet, string Cell)? Locate(string reference)
        {
            var bang = reference.LastIndexOf('!');
            if (bang <= 0) return null;
            var sheet = reference[..bang].Trim('\'').Replace("''", "'", StringComparison.Ordinal);
            return (sheet, reference[(bang + 1)..].Replace("$", "", StringComparison.Ordinal));
        }

        private Dictionary<string, Cell>? Sheet(string name)
        {
            if (_sheets.TryGetValue(name, out var cached)) return cached;
            var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault(s => s.Name?.Value == name);
            if (sheet?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part) return null;
            var cells = part.Worksheet.Descendants<Cell>().Where(c => c.CellReference?.Value is not null)
                .GroupBy(c => c.CellReference!.Value!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            _sheets[name] = cells;
            return cells;
        }
    }
}
