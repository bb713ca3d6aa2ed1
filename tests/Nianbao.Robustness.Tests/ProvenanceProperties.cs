using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Nianbao.Documents;
using Nianbao.Recognition;
using Nianbao.Robustness.Tests.Support;
using Nianbao.Synthetic;

namespace Nianbao.Robustness.Tests;

/// <summary>
/// Over random reports in every format: every number the pipeline reports stands, digit for digit, in
/// the document at the offsets its provenance gives. A wrapped or invented number cannot pass.
/// </summary>
public sealed class ProvenanceProperties
{
    public enum Form { Tabs, CellPerLine, WrappedKangxi, Markdown, RunTogether, Gb18030, Utf16, LostCells, Html, Docx, Xlsx }

    public static class Arbitraries
    {
        public static Arbitrary<(int Seed, NumberScale Scale, Form Form)> Cases() =>
            (from seed in Gen.Choose(0, int.MaxValue)
             from scale in Gen.Elements(NumberScale.Small, NumberScale.Mixed, NumberScale.Large)
             from form in Gen.Elements(Enum.GetValues<Form>())
             select (seed, scale, form)).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 60)]
    public void Every_reported_number_is_in_the_document_at_its_provenance((int Seed, NumberScale Scale, Form Form) c)
    {
        // Run-together digits and lost cells cannot print blank cells (the generator says so).
        var blanks = c.Seed % 5 == 0 && c.Form is not (Form.RunTogether or Form.LostCells);
        var g = ReportGenerator.Generate(new GenerationSpec(c.Seed, c.Seed % 2 == 0 ? Domain.ReportTemplate.Format2021 : Domain.ReportTemplate.Format2019, c.Scale, c.Seed % 3 == 0, blanks));
        var (bytes, name) = c.Form switch
        {
            Form.Html => (Samples.Html(g), "r.html"),
            Form.Docx => (Samples.Docx(g), "r.docx"),
            Form.Xlsx => (Samples.Xlsx(g), "r.xlsx"),
            _ => (Samples.Text(g, Enum.Parse<TextShape>(c.Form.ToString())), c.Form == Form.Markdown ? "r.md" : "r.txt"),
        };
        var report = ReportPipeline.Default.Read(bytes, name);
        var document = DocumentReaders.Default.Read(bytes, name);
        Provenance.AssertEveryNumberIsInTheDocument(report, document);
    }

    [Fact]
    public void Every_reported_number_of_a_printed_pdf_is_in_it_at_its_provenance()
    {
        var bytes = Samples.Pdf();
        var report = ReportPipeline.Default.Read(bytes, "r.pdf");
        Assert.Contains(report.Tables, t => t.Cells().Any(c => c.Value is not null));
        Provenance.AssertEveryNumberIsInTheDocument(report, DocumentReaders.Default.Read(bytes, "r.pdf"));
    }
}
