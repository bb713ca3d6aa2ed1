using System.CommandLine;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Domain.Templates;
using Nianbao.Pipeline;
using Nianbao.Rendering;

namespace Nianbao.Cli.Commands;

/// <summary>
/// <c>nianbao new --agency NAME --year Y [--template 2021|2019] [-o DIR]</c>: the author's starting
/// point — an empty report JSON (every cell null, the six sections with empty text) and the fill-in
/// workbook laid out like the three tables.
/// </summary>
internal static class NewCommand
{
    public static Command Create()
    {
        var agency = new Option<string>("--agency") { Description = "The issuing body as it will be printed, e.g. 大寨乡人民政府.", Required = true };
        var year = new Option<int>("--year") { Description = "The reporting year (the year the data covers).", Required = true };
        var template = new Option<string?>("--template") { Description = "2021 or 2019 (default: the format the law expects for the year)." };
        template.AcceptOnlyFromAmong("2021", "2019");
        var output = new Option<string?>("--output", "-o") { Description = "Directory to write into (default: the current directory)." };
        var command = new Command("new", "Start a report: an empty report JSON and a fill-in workbook in the national format.") { agency, year, template, output };
        command.SetAction(result => Run(result.GetValue(agency)!, result.GetValue(year), result.GetValue(template), result.GetValue(output)));
        return command;
    }

    internal static int Run(string agency, int year, string? templateName, string? output)
    {
        var template = templateName is null ? ReportTemplateNames.ExpectedFor(year) : ReportTemplateNames.FromContractName(templateName);
        if (TemplateSchema.For(template) is null)
        {
            Console.Error.WriteLine($"There is no national format for {year} (reports before 2019 are free-form); give --template 2021 or 2019 to use one anyway.");
            return 2;
        }
        if (template != ReportTemplateNames.ExpectedFor(year))
            Console.Error.WriteLine($"note: the {template.ToContractName()} format is not the one the law expects for {year} ({ReportTemplateNames.ExpectedFor(year).ToContractName()}).");

        var report = Blank(agency.Trim(), year, template);
        var directory = output ?? ".";
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, SafeFileName($"{report.Agency}{year}年政府信息公开工作年度报告"));
        File.WriteAllText(stem + ".json", ReportJson.Serialize(report) + "\n");
        File.WriteAllBytes(stem + ".xlsx", new WorkbookWriter().Write(report));
        Console.Out.WriteLine(stem + ".json");
        Console.Out.WriteLine(stem + ".xlsx");
        return 0;
    }

    /// <summary>A blank report with the six statutory sections present and empty.</summary>
    internal static Report Blank(string agency, int year, ReportTemplate template) => ReportPipeline.Blank(template, agency, year);

    private static string SafeFileName(string name) =>
        string.Concat(name.Select(ch => Path.GetInvalidFileNameChars().Contains(ch) || ch is '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : ch));
}
