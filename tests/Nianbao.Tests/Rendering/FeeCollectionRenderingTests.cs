using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Nianbao.Documents;
using Nianbao.Domain;
using Nianbao.Rendering;
using Nianbao.Tests.Support;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace Nianbao.Tests.Rendering;

/// <summary>
/// The optional fee-collection table 信息处理费收取情况 (some 2025 reports) in every written form: the
/// Word document and the fill-in workbook as well as HTML, Markdown and PDF. A report with known fee
/// numbers is written, read back by the project's own pipeline (and, for Word, through the real
/// LibreOffice as agencies make their PDFs), and must give the same numbers — and table 四 must keep
/// its own. A report without the table gets none back, never one of zeros.
/// </summary>
public class FeeCollectionRenderingTests
{
    // Numbers none of table 四's cells can be (SampleReports draws counts below 1000), one with decimals.
    private static readonly FeeCollection Fees = new(3, 1250.5m, 4800);

    private static Report WithFees(FeeCollection? fees, int seed = 91)
    {
        var draft = SampleReports.Random(ReportTemplate.Format2021, seed).ToDraft();
        draft.Year = 2025;
        draft.FeeCollection = fees;
        return draft.Publish();
    }

    private static void AssertSameTables(Report written, Report read, string how)
    {
        foreach (var table in written.Tables)
        {
            var back = read.Table(table.Kind);
            Assert.True(back is not null, $"{how}: {table.Kind.ToContractName()} not read back");
            var differ = table.Cells().Where(c => back[c.Path] != c.Value).Select(c => $"{c.Path}: wrote {c.Value}, read {back[c.Path]}").ToList();
            Assert.True(differ.Count == 0, $"{how}: " + string.Join("\n", differ.Take(10)));
        }
    }

    [Theory]
    [InlineData("docx")]
    [InlineData("html")]
    [InlineData("md")]
    [InlineData("pdf")]
    [InlineData("xlsx")]
    public void Fee_numbers_written_read_back_the_same(string format)
    {
        if (format == "pdf") ExternalTools.Require("chromium", "chromium");
        var report = WithFees(Fees);
        var bytes = format == "xlsx" ? new WorkbookWriter().Write(report) : ReportRenderers.For(format).Render(report);

        var read = ReportPipeline.Default.Read(bytes, $"fees.{format}");

        Assert.Equal(Fees, read.FeeCollection);
        AssertSameTables(report, read, format);
    }

    [Theory]
    [InlineData("docx")]
    [InlineData("html")]
    [InlineData("md")]
    [InlineData("xlsx")]
    public void A_blank_fee_cell_reads_back_blank_and_the_zero_beside_it_as_zero(string format)
    {
        var fees = new FeeCollection(2, null, 0);
        var report = WithFees(fees);
        var bytes = format == "xlsx" ? new WorkbookWriter().Write(report) : ReportRenderers.For(format).Render(report);
        Assert.Equal(fees, ReportPipeline.Default.Read(bytes, $"blankfee.{format}").FeeCollection);
    }

    [Fact]
    public void In_a_pdf_a_blank_fee_cell_prints_nothing_and_no_number_is_guessed_for_it()
    {
        ExternalTools.Require("chromium", "chromium");
        var read = ReportPipeline.Default.Read(new PdfRenderer().Render(WithFees(new FeeCollection(2, null, 0))), "blankfee.pdf");
        // Two numbers under three headings: which column is blank cannot be told, so none is taken
        // (never 2 or 0 put under the wrong heading); the checks question the blank table (S-2B).
        Assert.Equal(new FeeCollection(null, null, null), read.FeeCollection);
        Assert.Contains(read.Findings, f => f.Rule == Nianbao.Domain.Findings.Rules.FeeTable_Blank);
    }

    [Theory]
    [InlineData("docx")]
    [InlineData("xlsx")]
    public void A_report_without_the_table_reads_back_without_one(string format)
    {
        var report = WithFees(null);
        var bytes = format == "xlsx" ? new WorkbookWriter().Write(report) : ReportRenderers.For(format).Render(report);
        var read = ReportPipeline.Default.Read(bytes, $"nofees.{format}");
        Assert.Null(read.FeeCollection);
        AssertSameTables(report, read, format);
    }

    [Fact]
    public void The_word_table_follows_table_four_with_the_printed_labels_and_a_blank_printed_empty()
    {
        var bytes = new DocxRenderer().Render(WithFees(new FeeCollection(2, null, 0)));
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator().Validate(doc).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10).Select(e => $"{e.Path?.XPath}: {e.Description}")));

        var body = doc.MainDocumentPart!.Document!.Body!;
        var tables = body.Elements<Word.Table>().ToList();
        Assert.Equal(4, tables.Count);   // 二, 三, 四, then the fee table
        var rows = tables[3].Elements<Word.TableRow>().Select(r => r.Elements<Word.TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal([["通知收取件数", "通知收取金额（元）", "实际收取金额（元）"], ["2", "", "0"]], rows);
        // Its caption stands between table 四 and the fee table, and section 五 comes after.
        var between = tables[2].ElementsAfter().TakeWhile(e => e != tables[3]).Select(e => e.InnerText).ToList();
        Assert.Contains(ReportText.FeeCollectionCaption, between);
        Assert.StartsWith("五、", tables[3].ElementsAfter().OfType<Word.Paragraph>().First(p => p.InnerText.Length > 0).InnerText);

        // Without the table: three tables, no caption.
        using var none = WordprocessingDocument.Open(new MemoryStream(new DocxRenderer().Render(WithFees(null))), false);
        Assert.Equal(3, none.MainDocumentPart!.Document!.Body!.Elements<Word.Table>().Count());
        Assert.DoesNotContain(ReportText.FeeCollectionCaption, none.MainDocumentPart.Document.Body.InnerText);
    }

    [Fact]
    public void Word_document_exported_to_pdf_by_LibreOffice_reads_back_the_fee_numbers()
    {
        using var folder = new TempFolder("nianbao-fee-lo-");
        var report = WithFees(Fees, seed: 92);
        File.WriteAllBytes(folder["fees.docx"], new DocxRenderer().Render(report));
        var outDir = folder["pdf"];
        ExternalTools.LibreOffice("libreoffice-writer-nogui", folder.Path, "pdf", outDir, [folder["fees.docx"]]);
        var pdf = Path.Combine(outDir, "fees.pdf");
        Assert.True(File.Exists(pdf), "soffice wrote no PDF");

        var read = ReportPipeline.Default.Read(File.ReadAllBytes(pdf), "fees.pdf");

        Assert.Equal(Fees, read.FeeCollection);
        // Table 四's fifteen numbers are its own: the fee digits never ran into it.
        foreach (var (path, value) in report.ReviewsAndLawsuits!.Cells())
            Assert.True(read.ReviewsAndLawsuits![path] == value, $"{path}: wrote {value}, read {read.ReviewsAndLawsuits[path]}");
    }

    // ---- the fill-in workbook, filled in as an author would (cells typed into the workbook) ----

    /// <summary>Types <paramref name="typed"/> into the workbook cells of these names, as text or as a number, like Excel stores them.</summary>
    private static byte[] Type(byte[] workbook, IReadOnlyDictionary<string, string> typed)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var doc = SpreadsheetDocument.Open(stream, true))
        {
            var wb = doc.WorkbookPart!;
            foreach (var (name, text) in typed)
            {
                var reference = wb.Workbook!.DefinedNames!.Elements<DefinedName>().Single(n => n.Name!.Value == name).Text;
                var sheetName = reference[..reference.LastIndexOf('!')].Trim('\'');
                var cellRef = reference[(reference.LastIndexOf('!') + 1)..].Replace("$", "");
                var sheet = wb.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name!.Value == sheetName);
                var part = (WorksheetPart)wb.GetPartById(sheet.Id!.Value!);
                var cell = part.Worksheet!.Descendants<Cell>().Single(c => c.CellReference!.Value == cellRef);
                if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
                {
                    cell.DataType = CellValues.Number;
                    cell.CellValue = new CellValue(text);
                }
                else
                {
                    cell.DataType = CellValues.InlineString;
                    cell.CellValue = null;
                    cell.InlineString = new InlineString(new Text(text));
                }
            }
        }
        return stream.ToArray();
    }

    private static byte[] BlankWorkbook() => new WorkbookWriter().Write(Report.Blank(ReportTemplate.Format2021, "某乡人民政府", 2025));

    [Fact]
    public void The_blank_workbook_has_the_three_fee_cells_empty_under_table_four_beside_their_labels()
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(BlankWorkbook()), false);
        Assert.Empty(new OpenXmlValidator().Validate(doc));
        var wb = doc.WorkbookPart!;
        var shared = wb.SharedStringTablePart!.SharedStringTable!.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
        foreach (var (key, label) in FeeCollection.Columns)
        {
            var reference = wb.Workbook!.DefinedNames!.Elements<DefinedName>().Single(n => n.Name!.Value == WorkbookWriter.FeeName(key)).Text;
            Assert.StartsWith("'表四 复议诉讼'!", reference);
            var sheet = (WorksheetPart)wb.GetPartById(wb.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name!.Value == "表四 复议诉讼").Id!.Value!);
            var cells = sheet.Worksheet!.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
            var cellRef = reference.Split('!')[1].Replace("$", "");
            Assert.Null(cells[cellRef].CellValue);   // empty: not filled in, never 0
            // The label stands in the same column on the row above.
            var column = new string(cellRef.TakeWhile(char.IsLetter).ToArray());
            var row = int.Parse(new string(cellRef.SkipWhile(char.IsLetter).ToArray()), CultureInfo.InvariantCulture);
            var above = cells[$"{column}{row - 1}"];
            Assert.Equal(label, shared[int.Parse(above.CellValue!.Text, CultureInfo.InvariantCulture)]);
        }
        // No digit in the caption's note: a reader must never take one for a cell.
        Assert.DoesNotContain(WorkbookWriter.FeeNote, char.IsDigit);
    }

    [Fact]
    public void A_filled_in_workbook_gives_the_typed_fees_and_a_cell_left_empty_stays_blank()
    {
        var typed = Type(BlankWorkbook(), new Dictionary<string, string>
        {
            [WorkbookWriter.FeeName("notifiedCount")] = "4",
            [WorkbookWriter.FeeName("collectedAmountYuan")] = "360.25",
            ["reviewsAndLawsuits.review.total"] = "2",
        });
        var read = ReportPipeline.Default.Read(typed, "填报.xlsx");
        Assert.Equal(new FeeCollection(4, null, 360.25m), read.FeeCollection);
        Assert.Equal(2m, read[CellPath.Parse("reviewsAndLawsuits.review.total")]);
        // A fee table printed with a blank is questioned (S-2B), not filled with 0.
        Assert.Contains(read.Findings, f => f.Rule == Nianbao.Domain.Findings.Rules.FeeTable_Blank);

        // Untouched, the fee cells mean "no such table".
        Assert.Null(ReportPipeline.Default.Read(Type(BlankWorkbook(), new Dictionary<string, string> { ["reviewsAndLawsuits.review.total"] = "2" }), "填报.xlsx").FeeCollection);
    }

    [Theory]
    [InlineData("notifiedCount", "三件")]
    [InlineData("notifiedCount", "2.5")]
    [InlineData("notifiedAmountYuan", "约100")]
    public void A_fee_cell_that_is_not_a_number_is_an_error_naming_the_cell(string key, string text)
    {
        var typed = Type(BlankWorkbook(), new Dictionary<string, string> { [WorkbookWriter.FeeName(key)] = text });
        var error = Assert.Throws<DocumentReadException>(() => ReportPipeline.Default.Read(typed, "填报.xlsx"));
        Assert.Contains("填报.xlsx", error.Message + error.FileName);
        Assert.Contains(WorkbookWriter.FeeName(key), error.Message);
        Assert.Contains(text, error.Message);
    }
}
