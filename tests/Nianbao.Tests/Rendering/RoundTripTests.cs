using Nianbao.Domain;
using Nianbao.Rendering;
using Nianbao.Recognition;

namespace Nianbao.Tests.Rendering;

/// <summary>
/// What we write, the project's own readers must read back identically: render a report with random
/// numbers (totals that do not add up, one null cell, money with decimals), read the bytes with the
/// full pipeline, compare every cell. Needs the format readers and the recognizer.
/// </summary>
[Trait("Category", "EndToEnd")]
public class RoundTripTests
{
    public static TheoryData<string, ReportTemplate> Cases()
    {
        var data = new TheoryData<string, ReportTemplate>();
        foreach (var format in new[] { "md", "html", "docx", "pdf", "xlsx" })
            foreach (var template in new[] { ReportTemplate.Format2021, ReportTemplate.Format2019 })
                data.Add(format, template);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rendered_report_reads_back_identically(string format, ReportTemplate template)
    {
        var draft = SampleReports.Random(template, 71 + (int)template).ToDraft();
        draft.Applications!["rejectedExcessive", "research"] = null;
        if (template == ReportTemplate.Format2019) draft.ActiveDisclosure!.SetUnit("procurement", "amount", "元");
        var report = draft.Publish();
        var bytes = format == "xlsx" ? new WorkbookWriter().Write(report) : ReportRenderers.For(format).Render(report);

        var read = ReportPipeline.Default.Read(bytes, $"roundtrip.{format}");

        Assert.Equal(report.Template, read.Template);
        Assert.Equal(report.Agency, read.Agency);
        Assert.Equal(report.Year, read.Year);
        if (format != "xlsx")
            Assert.Equal(Enumerable.Range(1, 6), read.Sections.Select(s => s.Number));
        foreach (var table in report.Tables)
        {
            var back = read.Table(table.Kind);
            Assert.True(back is not null, $"{table.Kind.ToContractName()} was not read back from {format}");
            var mismatches = table.Cells().Where(c => back[c.Path] != c.Value)
                .Select(c => $"{c.Path}: wrote {c.Value?.ToString() ?? "null"}, read {back[c.Path]?.ToString() ?? "null"}").ToList();
            Assert.True(mismatches.Count == 0, $"{format} {template.ToContractName()}: {mismatches.Count} cells differ:\n" + string.Join("\n", mismatches.Take(20)));
        }
        Assert.Equal(report.ActiveDisclosure!.UnitOf("procurement", "amount"), read.ActiveDisclosure?.UnitOf("procurement", "amount"));
    }

    [Theory]
    [InlineData("md")]
    [InlineData("html")]
    [InlineData("docx")]
    public void Blank_report_reads_back_with_every_cell_null(string format)
    {
        var report = Report.Blank(ReportTemplate.Format2021, "某乡人民政府", 2024);
        var read = ReportPipeline.Default.Read(ReportRenderers.For(format).Render(report), $"blank.{format}");
        Assert.Equal(ReportTemplate.Format2021, read.Template);
        Assert.Equal(3, read.Tables.Count());
        Assert.All(read.Tables.SelectMany(t => t.Cells()), c => Assert.Null(c.Value));
    }
}
