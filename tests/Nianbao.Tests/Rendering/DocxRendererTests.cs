using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Nianbao.Domain;
using Nianbao.Rendering;

namespace Nianbao.Tests.Rendering;

public class DocxRendererTests
{
    public static TheoryData<ReportTemplate, bool> Reports => new()
    {
        { ReportTemplate.Format2021, true },
        { ReportTemplate.Format2021, false },
        { ReportTemplate.Format2019, true },
        { ReportTemplate.Format2019, false },
    };

    private static Report Sample(ReportTemplate template, bool filled) =>
        filled ? SampleReports.Random(template, 31) : Report.Blank(template, "某县某乡人民政府", template == ReportTemplate.Format2019 ? 2019 : 2022);

    [Theory]
    [MemberData(nameof(Reports))]
    public void The_document_is_valid_Open_XML(ReportTemplate template, bool filled)
    {
        var bytes = new DocxRenderer().Render(Sample(template, filled));
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        foreach (var version in new[] { DocumentFormat.OpenXml.FileFormatVersions.Office2007, DocumentFormat.OpenXml.FileFormatVersions.Microsoft365 })
        {
            var errors = new OpenXmlValidator(version).Validate(doc).ToList();
            Assert.True(errors.Count == 0, $"{version}: " + string.Join("\n", errors.Take(10).Select(e => $"{e.Path?.XPath}: {e.Description}")));
        }
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void Every_number_stands_under_its_printed_row_and_column(ReportTemplate template, bool filled)
    {
        var draft = Sample(template, filled).ToDraft();
        if (filled) draft.Applications!["unavailableUnclear", "nonprofit"] = null;
        var report = draft.Publish();
        var grids = PrintedGrid.FromDocx(new DocxRenderer().Render(report));
        Assert.Equal(3, grids.Count);
        grids[0].AssertShows(report.ActiveDisclosure!);
        grids[1].AssertShows(report.Applications!);
        grids[2].AssertShows(report.ReviewsAndLawsuits!);
    }

    [Fact]
    public void Merges_are_made_the_way_Word_makes_them()
    {
        var bytes = new DocxRenderer().Render(SampleReports.Random(ReportTemplate.Format2021, 32));
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var table = doc.MainDocumentPart!.Document!.Body!.Elements<Table>().ElementAt(1);
        var grid = table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Select(g => int.Parse(g.Width!.Value!)).ToList();
        Assert.Equal(10, grid.Count);
        Assert.Equal(int.Parse(table.GetFirstChild<TableProperties>()!.TableWidth!.Width!.Value!), grid.Sum());

        var rows = table.Elements<TableRow>().ToList();
        var note = rows[0].Elements<TableCell>().First();
        Assert.Equal(3, note.TableCellProperties!.GridSpan!.Val!.Value);
        Assert.Equal(MergedCellValues.Restart, note.TableCellProperties.VerticalMerge!.Val!.Value);
        foreach (var r in new[] { 1, 2 })
        {
            var cont = rows[r].Elements<TableCell>().First();
            Assert.Equal(3, cont.TableCellProperties!.GridSpan!.Val!.Value);
            Assert.Null(cont.TableCellProperties.VerticalMerge!.Val);   // <w:vMerge/> continues
            Assert.Equal("", cont.InnerText);
        }
        // Each cell's width is the sum of the grid columns it spans.
        foreach (var row in rows)
        {
            var c = 0;
            foreach (var cell in row.Elements<TableCell>())
            {
                var span = cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1;
                Assert.Equal(grid.Skip(c).Take(span).Sum(), int.Parse(cell.TableCellProperties!.TableCellWidth!.Width!.Value!));
                c += span;
            }
        }
        // Heading rows repeat on a new page.
        Assert.All(rows.Take(3), r => Assert.NotNull(r.TableRowProperties!.GetFirstChild<TableHeader>()));
    }

    [Fact]
    public void A4_page_and_east_asian_fonts_with_fallbacks()
    {
        var bytes = new DocxRenderer().Render(SampleReports.Random(ReportTemplate.Format2021, 33));
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var main = doc.MainDocumentPart!;
        var size = main.Document!.Body!.GetFirstChild<SectionProperties>()!.GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        var defaults = main.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal("仿宋_GB2312", defaults.RunFonts!.EastAsia!.Value);
        Assert.Equal("zh-CN", defaults.Languages!.EastAsia!.Value);
        var fonts = main.FontTablePart!.Fonts!.Elements<Font>().ToDictionary(f => f.Name!.Value!);
        Assert.Equal("仿宋", fonts["仿宋_GB2312"].GetFirstChild<AltName>()!.Val!.Value);
        Assert.Equal("SimSun", fonts["宋体"].GetFirstChild<AltName>()!.Val!.Value);
        Assert.All(main.Document.Body.Descendants<RunFonts>(), f => Assert.NotNull(f.EastAsia));
        Assert.Contains(main.FooterParts.Single().Footer!.Descendants<SimpleField>(), f => f.Instruction!.Value!.Trim() == "PAGE");
        var title = main.Document.Body.Elements<Paragraph>().First();
        Assert.Equal("测试县大寨乡人民政府2023年政府信息公开工作年度报告", title.InnerText);
    }

    [Fact]
    public void Missing_sections_are_marked_in_the_document()
    {
        var draft = SampleReports.Random(ReportTemplate.Format2021, 34).ToDraft();
        draft.Sections.RemoveAll(s => s.Number == 6);
        var report = draft.Publish();
        var bytes = new DocxRenderer().Render(report);
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var texts = doc.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        var heading = texts.IndexOf("六、其他需要报告的事项");
        Assert.True(heading > 0);
        Assert.Equal(ReportText.MissingSection, texts[heading + 1]);
    }
}
