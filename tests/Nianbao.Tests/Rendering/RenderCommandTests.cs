using DocumentFormat.OpenXml.Packaging;
using Nianbao.Cli.Commands;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Templates;

namespace Nianbao.Tests.Rendering;

public sealed class RenderCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("nianbao-cli-test-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Path_(string name) => Path.Combine(_dir.FullName, name);

    [Theory]
    [InlineData("md", "md")]
    [InlineData("html", "html")]
    [InlineData("docx", "docx")]
    public void Render_writes_beside_the_input_with_the_format_extension(string format, string extension)
    {
        var report = SampleReports.Random(ReportTemplate.Format2021, 61);
        var json = Path_("report.json");
        File.WriteAllText(json, ReportJson.Serialize(report));

        Assert.Equal(0, RenderCommand.Run(json, format, null));
        var output = Path_("report." + extension);
        Assert.True(File.Exists(output));
        if (format == "html")
            PrintedGrid.FromHtml(File.ReadAllText(output))[1].AssertShows(report.Applications!);
        if (format == "docx")
            PrintedGrid.FromDocx(File.ReadAllBytes(output))[1].AssertShows(report.Applications!);
    }

    [Fact]
    public void Render_honours_the_output_option()
    {
        var json = Path_("r.json");
        File.WriteAllText(json, ReportJson.Serialize(SampleReports.Random(ReportTemplate.Format2019, 62)));
        var target = Path_("out/sub/final.md");
        Assert.Equal(0, RenderCommand.Run(json, "md", target));
        Assert.StartsWith("# 测试县大寨乡人民政府2020年", File.ReadAllText(target));
    }

    [Fact]
    public void Command_line_parsing_accepts_the_four_formats_and_the_short_output_option()
    {
        var json = Path_("c.json");
        File.WriteAllText(json, ReportJson.Serialize(SampleReports.Random(ReportTemplate.Format2021, 64)));
        var target = Path_("c-out.html");
        var parsed = RenderCommand.Create().Parse([json, "--to", "html", "-o", target]);
        Assert.Empty(parsed.Errors);
        Assert.Equal(0, parsed.Invoke());
        Assert.True(File.Exists(target));

        Assert.NotEmpty(RenderCommand.Create().Parse([json, "--to", "rtf"]).Errors);
        Assert.NotEmpty(RenderCommand.Create().Parse([json]).Errors);
        Assert.NotEmpty(NewCommand.Create().Parse(["--year", "2024"]).Errors);
        Assert.NotEmpty(NewCommand.Create().Parse(["--agency", "某局", "--year", "2024", "--template", "2018"]).Errors);
        var created = NewCommand.Create().Parse(["--agency", "某局", "--year", "2021", "-o", _dir.FullName]);
        Assert.Empty(created.Errors);
        Assert.Equal(0, created.Invoke());
        Assert.True(File.Exists(Path_("某局2021年政府信息公开工作年度报告.xlsx")));
    }

    [Fact]
    public void Missing_or_invalid_json_is_an_error_not_an_empty_document()
    {
        Assert.Equal(2, RenderCommand.Run(Path_("nope.json"), "md", null));
        var bad = Path_("bad.json");
        File.WriteAllText(bad, "{ this is not json");
        Assert.Equal(2, RenderCommand.Run(bad, "html", null));
        Assert.False(File.Exists(Path_("bad.html")));
        foreach (var notAReport in new[] { "[]", "\"text\"", "{\"sections\":[{\"title\":\"x\"}]}" })
        {
            File.WriteAllText(bad, notAReport);
            Assert.Equal(2, RenderCommand.Run(bad, "md", null));
        }
    }

    [Fact]
    public void The_findings_the_report_carries_are_listed()
    {
        var report = SampleReports.Random(ReportTemplate.Format2021, 63);
        Assert.Equal("rendered with 0 findings", RenderCommand.FindingsLine(report));
        report = report.WithCheckFindings([
            new Finding(Rules.T3_Balance, Severity.Error, "一+二 ≠ 七+四", new CellPath(TableKind.Applications, "received", "total")),
            new Finding(Rules.FeeStatement, Severity.Warning, "section 六 does not mention 信息处理费")]);
        var line = RenderCommand.FindingsLine(report);
        Assert.StartsWith("rendered with 2 findings:", line);
        Assert.Contains("error T3-1 一+二 ≠ 七+四 (applications.received.total)", line);
        Assert.Contains("warning S-2", line);
    }

    [Theory]
    [InlineData(2024, null, ReportTemplate.Format2021)]
    [InlineData(2020, null, ReportTemplate.Format2019)]
    [InlineData(2024, "2019", ReportTemplate.Format2019)]
    public void New_writes_an_empty_report_and_the_workbook(int year, string? template, ReportTemplate expected)
    {
        Assert.Equal(0, NewCommand.Run("大寨乡人民政府", year, template, _dir.FullName));
        var stem = Path_($"大寨乡人民政府{year}年政府信息公开工作年度报告");
        var report = ReportJson.Deserialize(File.ReadAllText(stem + ".json"));
        Assert.Equal(("大寨乡人民政府", year, expected), (report.Agency, report.Year, report.Template));
        Assert.Equal(StatutorySections.All.Select(s => (s.Number, s.Title, "")), report.Sections.Select(s => (s.Number, s.Title, s.Text)));
        Assert.Equal(3, report.Tables.Count());
        Assert.All(report.Tables.SelectMany(t => t.Cells()), c => Assert.Null(c.Value));
        Assert.Equal(TemplateSchema.For(expected)!.Applications.Rows.Count, report.Applications!.Schema.Rows.Count);

        using var workbook = SpreadsheetDocument.Open(stem + ".xlsx", false);
        Assert.Equal(3, workbook.WorkbookPart!.WorksheetParts.Count());
    }

    [Fact]
    public void New_refuses_a_year_without_a_national_format()
    {
        Assert.Equal(2, NewCommand.Run("某局", 2015, null, _dir.FullName));
        Assert.Empty(_dir.GetFiles());
    }
}
