using Nianbao.Domain;
using Nianbao.Ocr.Tests.Support;
using Nianbao.Pipeline;
using Nianbao.Rendering;
using Nianbao.Synthetic;
using Xunit.Abstractions;

namespace Nianbao.Ocr.Tests;

/// <summary>
/// A report drawn straight to a picture, as a screenshot or a 长图 exported by a word processor is:
/// no scanner, no noise, no JPEG. Such pictures used to lose their lone 0s (the model, sure there
/// is a glyph, spreads the rest over 0, o, ○ and the CTC blank), and lone thin 1s of light fonts
/// were taken for dust. Small numbers, so most cells hold one digit and many a 0.
/// </summary>
public class CleanPictureTests(ITestOutputHelper output)
{
    [Fact]
    public void A_clean_picture_of_a_report_with_many_lone_digits_is_read_exactly()
    {
        var generated = ReportGenerator.Generate(new GenerationSpec(9177, ReportTemplate.Format2021, NumberScale.Small, Inconsistent: false));
        var pages = Tools.Rasterize(new PdfRenderer().Render(generated.Truth), 200);
        var png = Scanner.Png(Scanner.Stack(pages), 200);
        if (Environment.GetEnvironmentVariable("NIANBAO_OCR_TEST_SCANS") is { } dump)
        {
            File.WriteAllBytes(Path.Combine(dump, "clean-200.png"), png);
            File.WriteAllText(Path.Combine(dump, "clean-200.png.truth.json"), Nianbao.Domain.Contract.ReportJson.Serialize(generated.Truth));
        }
        var report = ReportPipeline.Default.Read(png, "clean-200.png");
        Assert.Equal(generated.Truth.Template, report.Template);
        int cells = 0, exact = 0, zeros = 0, ones = 0;
        var missed = new List<string>();
        foreach (var table in generated.Truth.Tables)
        {
            var got = report.Table(table.Kind);
            foreach (var (path, want) in table.Cells())
            {
                cells++;
                if (want == 0) zeros++;
                if (want == 1) ones++;
                var value = got?[path];
                if (value == want) exact++;
                else missed.Add($"{path}: read {value?.ToString() ?? "nothing"}, printed {want?.ToString() ?? "blank"}");
            }
        }
        output.WriteLine($"clean 200 dpi: {cells} cells, {exact} exact ({zeros} zeros, {ones} ones printed)");
        Assert.True(zeros >= 20 && ones >= 5, $"the generated report prints only {zeros} zeros and {ones} ones: it does not test lone digits");
        // A clean picture decides every digit: every cell exact, none wrong, none left empty.
        Assert.True(missed.Count == 0, $"{missed.Count} of {cells} cells not exact:\n{string.Join("\n", missed)}");
    }
}
