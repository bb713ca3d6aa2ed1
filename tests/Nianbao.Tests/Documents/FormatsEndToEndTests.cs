using System.Text;
using Nianbao.Documents.Model;
using Nianbao.Domain;
using Nianbao.Domain.Templates;
using Nianbao.Recognition;
using Nianbao.Tests.Documents.Formats;

namespace Nianbao.Tests.Documents;

/// <summary>
/// A whole report in the 2021 national format, rendered as a web page (clean, and Word-pasted in
/// GBK without a charset) and as DOCX, read through the full pipeline: every cell of the three tables
/// must come back as generated — including the blanks (null) and the totals that deliberately do
/// not add up — and the six sections must be found in order.
/// </summary>
[Trait("Category", "EndToEnd")]
public class FormatsEndToEndTests
{
    public static TheoryData<string, int> Renderings => new()
    {
        { "html", 31 }, { "html", 32 }, { "word-gbk.htm", 33 }, { "docx", 34 }, { "docx", 35 },
    };

    private static byte[] Render(string kind, IReadOnlyList<Block> blocks) => kind switch
    {
        "html" => Encoding.UTF8.GetBytes(HtmlReportWriter.Write(blocks, HtmlStyle.Official)),
        "word-gbk.htm" => HtmlReportWriter.Encode(HtmlReportWriter.Write(blocks, HtmlStyle.WordPasted, charset: null), gbk: true),
        _ => DocxReportWriter.Write(blocks),
    };

    [Theory]
    [MemberData(nameof(Renderings))]
    public void Every_cell_of_every_table_comes_back_as_published(string kind, int seed)
    {
        var source = SampleReports.Random2021(seed);
        var bytes = Render(kind, SampleReports.FullDocument(source));

        var parsed = ReportPipeline.Default.Read(bytes, $"report-{seed}.{kind}");

        Assert.Equal(ReportTemplate.Format2021, parsed.Template);
        var schema = TemplateSchema.Format2021;
        var mismatches = new List<string>();
        foreach (var table in schema.Tables)
        {
            var expected = source.Table(table.Kind)!;
            var actual = parsed.Table(table.Kind);
            Assert.True(actual is not null, $"{table.Kind.ToContractName()} was not recognised");
            foreach (var path in table.Cells())
            {
                if (expected[path] != actual[path])
                {
                    var row = table.Row(path.Row)!;
                    var field = table.Field(path)!;
                    mismatches.Add($"{path} ({row.PrintedLabel} / {field.PrintedLabel}): expected {expected[path]?.ToString() ?? "blank"}, got {actual[path]?.ToString() ?? "null"}");
                }
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Theory]
    [MemberData(nameof(Renderings))]
    public void The_six_sections_are_found_in_order_with_their_text(string kind, int seed)
    {
        var source = SampleReports.Random2021(seed);
        var blocks = SampleReports.FullDocument(source);

        var parsed = ReportPipeline.Default.Read(Render(kind, blocks), $"report-{seed}.{kind}");

        Assert.Equal([1, 2, 3, 4, 5, 6], parsed.Sections.Select(s => s.Number));
        foreach (var schema in StatutorySections.All)
            Assert.Contains(Norm(schema.Title), Norm(parsed.Sections.Single(s => s.Number == schema.Number).Title));
        // The line of text under each narrative heading belongs to its section.
        foreach (var (heading, line) in blocks.Zip(blocks.Skip(1)).Where(p => p.First is Heading && p.Second is Paragraph)
                     .Select(p => (((Heading)p.First).Text, ((Paragraph)p.Second).Text)))
        {
            var number = StatutorySections.ChineseNumerals.ToList().IndexOf(heading[..1]) + 1;
            if (number is < 1 or > 6) continue;
            Assert.Contains(Norm(line), Norm(parsed.Sections.Single(s => s.Number == number).Text));
        }
        Assert.Equal(source.Year, parsed.Year);
    }

    private static string Norm(string text) => NormalizedText.Of(text).Value.Replace(" ", "", StringComparison.Ordinal);
}
