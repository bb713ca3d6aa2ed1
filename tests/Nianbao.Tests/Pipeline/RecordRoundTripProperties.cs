using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Domain.Findings;
using Nianbao.Rendering;
using Nianbao.Synthetic;
using Nianbao.Tests.Generation;
using Nianbao.Tests.Rendering;

namespace Nianbao.Tests.Pipeline;

/// <summary>
/// The record is lossless: for random reports (both templates, all scales, wrong totals, blank cells,
/// variant headings) written in every text shape and every format we write, parse → JSON → read back
/// → JSON gives the same bytes, and the report read back holds the same reading notes (with their
/// candidates), check findings and provenance. Checking a record again — once or twice — gives the
/// same findings and keeps the reading notes.
/// </summary>
public class RecordRoundTripProperties
{
    private static readonly string[] Formats = ["text", "html", "docx", "xlsx", "md"];

    private static Arbitrary<(GeneratedReport Report, TextShape Shape, string Format)> Cases() =>
        Arb.From(
            from seed in Gen.Choose(1, 1_000_000)
            from template in Gen.Elements(ReportTemplate.Format2021, ReportTemplate.Format2019)
            from scale in Gen.Elements(NumberScale.Small, NumberScale.Mixed, NumberScale.Large)
            from wrongTotal in Gen.Elements(false, true)
            from variants in Gen.Elements(false, true)
            from shape in Gen.Elements(TextShapes.All.ToArray())
            from format in Gen.Elements(Formats)
            // Blank cells cannot be printed in run-together text or in rows that lose cells.
            from blanks in Gen.Elements(shape is TextShape.RunTogether or TextShape.LostCells ? [false] : new[] { false, true })
            select (ReportGenerator.Generate(new GenerationSpec(seed, template, scale, wrongTotal, blanks, variants)), shape, format));

    private static (string Name, byte[] Bytes) Document(GeneratedReport generated, TextShape shape, string format) => format switch
    {
        "text" => TextShapes.Render(generated, shape, generated.Spec.Seed) is var r ? (r.FileName, r.Bytes) : default,
        "xlsx" => ("report.xlsx", new WorkbookWriter().Write(generated.Truth)),
        _ => ($"report.{format}", ReportRenderers.For(format).Render(generated.Truth)),
    };

    [Property(MaxTest = 120)]
    public Property Parse_json_read_back_json_is_byte_identical_and_rechecking_changes_nothing() =>
        Prop.ForAll(Cases(), c =>
        {
            var (name, bytes) = Document(c.Report, c.Shape, c.Format);
            AssertLossless(ReportPipeline.Default.Read(bytes, name), $"{c.Format}/{c.Shape} {c.Report}");
        });

    /// <summary>PDF carries page boxes in its provenance: one report per template through Chromium.</summary>
    [Theory]
    [InlineData(ReportTemplate.Format2021, 901)]
    [InlineData(ReportTemplate.Format2019, 902)]
    public void A_pdf_report_with_page_boxes_round_trips(ReportTemplate template, int seed)
    {
        ExternalTools.Require("chromium", "chromium");
        var generated = ReportGenerator.Generate(new GenerationSpec(seed, template, NumberScale.Mixed, Inconsistent: true, Blanks: true, HeadingVariants: false));
        var report = ReportPipeline.Default.Read(new PdfRenderer().Render(generated.Truth), "report.pdf");

        Assert.Contains(report.Provenance.Values, s => s.Box is not null);
        AssertLossless(report, $"pdf {generated}");
    }

    internal static void AssertLossless(Report report, string what)
    {
        var json = ReportJson.Serialize(report);
        var back = ReportJson.Deserialize(json);
        var again = ReportJson.Serialize(back);
        if (json != again) throw new ShapeMismatchException($"{what}: the record does not read back to the same bytes.\n{FirstDifference(json, again)}");

        Assert.Equal(report.ReadingNotes, back.ReadingNotes);
        Assert.Equal(report.CheckFindings, back.CheckFindings);
        Assert.Equal(report.Provenance.OrderBy(p => p.Key.ToString()).Select(p => (p.Key, Text: p.Value.Text, p.Value.Start, p.Value.Confidence)),
            back.Provenance.OrderBy(p => p.Key.ToString()).Select(p => (p.Key, Text: p.Value.Text, p.Value.Start, p.Value.Confidence)));
        Assert.Equal(report.ReadBy, back.ReadBy);
        foreach (var table in report.Tables)
            Assert.True(table.SameAs(back.Table(table.Kind)!), $"{what}: table {table.Kind} differs after reading back");

        // The record is an input like any document: read through the pipeline it is checked again,
        // which gives the same findings (never duplicates) and keeps the reading notes.
        var reread = ReportPipeline.Default.Read(Encoding.UTF8.GetBytes(json), "record.json");
        Assert.Equal(json, ReportJson.Serialize(reread));
        var twice = ReportPipeline.Default.Check(ReportPipeline.Default.Check(back));
        Assert.Equal(report.CheckFindings, twice.CheckFindings);
        Assert.Equal(report.ReadingNotes, twice.ReadingNotes);
        Assert.All(twice.ReadingNotes, f => Assert.Equal(FindingOrigin.Reading, f.Origin));
        Assert.All(twice.CheckFindings, f => Assert.Equal(FindingOrigin.Check, f.Origin));
    }

    private static string FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        var from = Math.Max(0, i - 120);
        return $"first difference at {i}:\n--- written\n{a[from..Math.Min(a.Length, i + 120)]}\n--- rewritten\n{b[from..Math.Min(b.Length, i + 120)]}";
    }
}
