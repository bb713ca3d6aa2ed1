using System.CommandLine;
using Spectre.Console;

namespace Nianbao.Cli.Commands.Archive;

/// <summary><c>nianbao history AGENCY YEAR</c>: every version of an agency's report for a year, newest first.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var db = ArchiveOptions.Db();
        var agency = new Argument<string>("agency") { Description = "Agency id or name." };
        var year = new Argument<int>("year") { Description = "Report year." };
        var json = new Option<bool>("--json") { Description = "Print the versions as JSON." };
        var command = new Command("history", "版本历史 Every version of an agency's report for a year, newest (current) first.") { agency, year, db, json };
        command.SetAction(r => Run(r.GetValue(agency)!, r.GetValue(year), r.GetValue(db), r.GetValue(json)));
        return command;
    }

    private static int Run(string agency, int year, string? db, bool json)
    {
        using var store = ArchiveOptions.TryOpen(db);
        if (store is null) return 2;
        var versions = store.History(agency, year);
        if (json) { Console.Out.WriteLine(ArchiveJson.Of(versions)); return versions.Count > 0 ? 0 : 1; }
        if (versions.Count == 0)
        {
            Console.Error.WriteLine($"{agency} {year}: 档案中没有该机关该年度的报告 no report of this agency for this year.");
            return 1;
        }
        var table = new Table().Border(TableBorder.Rounded).Title($"{Markup.Escape(agency)} {year}: {versions.Count} 个版本 versions");
        table.AddColumns("id", "version", "imported", "published", "file", "errors", "warnings");
        foreach (var v in versions)
            table.AddRow(v.ShortId, v.IsCurrent ? "[green]current[/]" : "history", v.ImportedAt, v.PublishedOn ?? "", Markup.Escape(v.FileName), v.Errors.ToString(), v.Warnings.ToString());
        AnsiConsole.Write(table);
        return 0;
    }
}
