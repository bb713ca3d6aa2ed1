using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Recognition;
using Nianbao.Rendering;
using Nianbao.Synthetic;
using Nianbao.Tests.Documents.Docx;
using Nianbao.Tests.Rendering;

using Nianbao.Tests.Support;

namespace Nianbao.Tests.Documents.Pdf;

/// <summary>
/// Generated reports written as DOCX by our renderer and exported to PDF by the real LibreOffice, the
/// way most agencies make their PDFs (a Word file, saved as PDF). LibreOffice lays the tables out
/// itself: blank cells print nothing, large numbers wrap inside their narrow cells ("1776" as "177"
/// over "6"), group labels stand vertically across many rows. One soffice run exports them all.
/// </summary>
public sealed class LibreOfficePdfFiles : IDisposable
{
    private readonly TempFolder _folder = new("nianbao-lo-pdf-");
    private string _work => _folder.Path;

    public static readonly GenerationSpec[] Specs =
    [
        new(8101, ReportTemplate.Format2021, NumberScale.Large, Inconsistent: false),
        new(8102, ReportTemplate.Format2021, NumberScale.Large, Inconsistent: false, Blanks: true),
        new(8103, ReportTemplate.Format2021, NumberScale.Mixed, Inconsistent: true),
        new(8104, ReportTemplate.Format2019, NumberScale.Large, Inconsistent: false, Blanks: true),
        new(8105, ReportTemplate.Format2019, NumberScale.Mixed, Inconsistent: true),
        new(8106, ReportTemplate.Format2021, NumberScale.Small, Inconsistent: false, Blanks: true),
    ];

    public LibreOfficePdfFiles()
    {
        foreach (var spec in Specs)
        {
            var generated = ReportGenerator.Generate(spec);
            Generated[spec.Seed] = generated;
            var docx = ReportRenderers.For("docx").Render(generated.Truth);
            File.WriteAllBytes(Path.Combine(_work, $"{spec.Seed}.docx"), docx);
            File.WriteAllBytes(Path.Combine(_work, $"{spec.Seed}-borderless.docx"), WithoutBorders(docx));
        }
        var outDir = Path.Combine(_work, "pdf");
        ExternalTools.LibreOffice("libreoffice-writer-nogui", _work, "pdf", outDir, Directory.GetFiles(_work, "*.docx").Order(StringComparer.Ordinal));
        foreach (var spec in Specs)
        {
            Pdfs[spec.Seed] = Read(Path.Combine(outDir, $"{spec.Seed}.pdf"));
            Borderless[spec.Seed] = Read(Path.Combine(outDir, $"{spec.Seed}-borderless.pdf"));
        }
    }

    private static byte[] Read(string pdf)
    {
        Assert.True(File.Exists(pdf), $"soffice wrote no {pdf}");
        return File.ReadAllBytes(pdf);
    }

    /// <summary>The same document with every table and cell border taken away: a table of text alone, no ruling lines.</summary>
    private static byte[] WithoutBorders(byte[] docx)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var word = WordprocessingDocument.Open(stream, true))
        {
            var body = word.MainDocumentPart!.Document!.Body!;
            foreach (var borders in body.Descendants<TableBorders>().Cast<DocumentFormat.OpenXml.OpenXmlElement>()
                         .Concat(body.Descendants<TableCellBorders>()).ToList())
                borders.Remove();
        }
        return stream.ToArray();
    }

    public Dictionary<int, GeneratedReport> Generated { get; } = new();
    public Dictionary<int, byte[]> Pdfs { get; } = new();
    /// <summary>The same reports exported without any table borders.</summary>
    public Dictionary<int, byte[]> Borderless { get; } = new();

    public void Dispose() => _folder.Dispose();
}

[Collection(LibreOfficeCollection.Name)]
[Trait("Category", "EndToEnd")]
public class LibreOfficePdfTests(LibreOfficePdfFiles files) : IClassFixture<LibreOfficePdfFiles>
{
    /// <summary>No number differs from what was written, and every cell left empty is named by a reader finding.</summary>
    private static void NeverWrong(GeneratedReport generated, Report read)
    {
        var explained = read.Findings.Where(f => f.Rule is Rules.AmbiguousDigits or Rules.LostCells or Rules.TableNotFound).SelectMany(f => f.Cells).ToHashSet();
        var problems = generated.Truth.Tables.SelectMany(t => t.Cells())
            .Where(c => read[c.Path] is { } v ? v != c.Value : c.Value is not null && !explained.Contains(c.Path))
            .Select(c => $"{c.Path}: wrote {c.Value?.ToString() ?? "blank"}, read {read[c.Path]?.ToString() ?? "null (unexplained)"}").ToList();
        Assert.True(problems.Count == 0, $"{generated.Spec}: {problems.Count} cells wrong or unexplained:\n" + string.Join("\n", problems.Take(20)));
    }

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        foreach (var spec in LibreOfficePdfFiles.Specs) data.Add(spec.Seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_cell_reads_back_as_printed_with_its_page_and_box(int seed)
    {
        var generated = files.Generated[seed];
        var truth = generated.Truth;

        var read = ReportPipeline.Default.Read(files.Pdfs[seed], $"{seed}.pdf");

        Assert.Equal("pdf", read.Source!.Format);
        Assert.Equal((truth.Template, truth.Agency, truth.Year), (read.Template, read.Agency, read.Year));
        Assert.Equal(Enumerable.Range(1, 6), read.Sections.Select(s => s.Number));
        var mismatches = truth.Tables.SelectMany(t => t.Cells()).Where(c => read[c.Path] != c.Value)
            .Select(c => $"{c.Path}: wrote {c.Value?.ToString() ?? "blank"}, read {read[c.Path]?.ToString() ?? "null"}").ToList();
        Assert.True(mismatches.Count == 0, $"{generated.Spec}: {mismatches.Count} cells differ:\n" + string.Join("\n", mismatches.Take(20)));
        Assert.Equal(truth.ActiveDisclosure!.UnitOf("procurement", "amount"), read.ActiveDisclosure!.UnitOf("procurement", "amount"));
        foreach (var (path, value) in truth.Tables.SelectMany(t => t.Cells()).Where(c => c.Value is not null))
            Assert.True(read.Provenance.TryGetValue(path, out var source) && source.Box is { Page: >= 1 }, $"{path} ({value}) has no page and box");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Without_ruling_lines_no_number_is_wrong_and_every_empty_cell_is_explained(int seed)
    {
        // Without rules, a blank cell and a number wrapped over two lines are guessed at from
        // positions alone: what cannot be placed for sure is left empty, with a reader finding.
        var read = ReportPipeline.Default.Read(files.Borderless[seed], $"{seed}-borderless.pdf");

        NeverWrong(files.Generated[seed], read);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Page_text_of_the_pdf_has_no_wrong_number_and_every_empty_cell_is_explained(int seed)
    {
        // What a crawler keeps of such a PDF: `pdftotext -layout`. A number wrapped in its cell is now
        // two pieces on two lines of text, with no positions left to join them by.
        var truth = files.Generated[seed].Truth;
        using var dir = new TempFolder("nianbao-lo-text-");
        var pdf = dir[$"{seed}.pdf"];
        File.WriteAllBytes(pdf, files.Pdfs[seed]);
        var text = ExternalTools.Run("pdftotext", "poppler-utils", "-layout", "-enc", "UTF-8", pdf, "-");

        var read = ReportPipeline.Default.Read(System.Text.Encoding.UTF8.GetBytes(text), $"{seed}.txt");

        Assert.Equal(truth.Template, read.Template);
        NeverWrong(files.Generated[seed], read);
    }

    [Fact]
    public void Without_ruling_lines_numbers_wrapped_around_their_row_are_joined()
    {
        // Large numbers, no blanks: numbers wrapped over two or three lines around their row's line
        // (or hanging below it) are put back together. Rows whose label wraps alongside the number,
        // line for line, look like two rows and stay empty with a finding (checked above).
        var truth = files.Generated[8101].Truth;
        var read = ReportPipeline.Default.Read(files.Borderless[8101], "8101-borderless.pdf");

        var joined = truth.Tables.SelectMany(t => t.Cells()).Count(c => c.Value is { } v && read[c.Path] == v
            && read.Provenance.TryGetValue(c.Path, out var source) && source.Box is { } b && b.Top - b.Bottom > 14);
        Assert.True(joined >= 60, $"only {joined} wrapped numbers were read back whole");
        var whole = truth.Tables.SelectMany(t => t.Cells()).Count(c => read[c.Path] == c.Value);
        Assert.True(whole >= 170, $"only {whole} of {truth.Tables.SelectMany(t => t.Cells()).Count()} cells read back");
    }

    [Fact]
    public void Wrong_totals_stay_wrong_and_are_reported()
    {
        foreach (var spec in LibreOfficePdfFiles.Specs.Where(s => s.Inconsistent))
        {
            var generated = files.Generated[spec.Seed];
            Assert.NotEmpty(generated.AlteredCells);
            var read = ReportPipeline.Default.Read(files.Pdfs[spec.Seed], $"{spec.Seed}.pdf");
            foreach (var altered in generated.AlteredCells)
            {
                Assert.Equal(generated.Truth[altered], read[altered]);
                Assert.Contains(read.Findings, f => f.Severity == Severity.Error && f.Cells.Contains(altered));
            }
        }
    }

    [Fact]
    public void Blank_cells_stay_blank_and_large_numbers_wrapped_in_their_cells()
    {
        // Guards the tests above: they are only worth something if LibreOffice really printed blanks
        // and really wrapped numbers (a number's box two lines high).
        var blanks = LibreOfficePdfFiles.Specs.Where(s => s.Blanks).Sum(s => files.Generated[s.Seed].Truth.Tables.SelectMany(t => t.Cells()).Count(c => c.Value is null));
        Assert.True(blanks > 0, "the generated reports have no blank cells");
        var large = ReportPipeline.Default.Read(files.Pdfs[8101], "8101.pdf");
        Assert.Contains(large.Provenance.Values, s => s.Box is { } b && b.Top - b.Bottom > 14);
    }
}
