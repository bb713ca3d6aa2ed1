using System.CommandLine;
using Nianbao.Archive;
using Spectre.Console;

namespace Nianbao.Cli.Commands.Archive;

/// <summary><c>nianbao reports [filters] [--json]</c>: the reports in the archive.</summary>
internal static class ReportsCommand
{
    public static Command Create()
    {
        var db = ArchiveOptions.Db();
        var filters = new ArchiveOptions.Filters();
        var json = new Option<bool>("--json") { Description = "Print the list as JSON." };
        var limit = new Option<int?>("--limit") { Description = "At most this many reports." };
        var command = new Command("reports", "报告列表 List the reports in the archive (current versions unless --history).") { db, json, limit };
        filters.AddTo(command);
        command.SetAction(r => Run(r.GetValue(db), filters.Read(r) with { Limit = r.GetValue(limit) }, r.GetValue(json)));
        return command;
    }

    private static int Run(string? db, ReportFilter filter, bool json)
    {
        using var store = ArchiveOptions.TryOpen(db);
        if (store is null) return 2;
        IReadOnlyList<ReportEntry> reports;
        try { reports = store.ListReports(filter); }
        catch (ArchiveException ex) { Console.Error.WriteLine(ex.Message); return 2; }
        if (json) { Console.Out.WriteLine(ArchiveJson.Of(reports)); return 0; }
        var table = new Table().Border(TableBorder.Rounded).Title($"{reports.Count} 份报告 reports · {Markup.Escape(store.Location.Display)}");
        table.AddColumns("id", "机关 agency", "年度 year", "template", "published", "地区 region", "errors", "warnings", "version", "file");
        foreach (var r in reports)
            table.AddRow(r.ShortId, Markup.Escape(r.Agency ?? "?"), r.Year?.ToString() ?? "?", r.Template, r.PublishedOn ?? "",
                r.RegionCode ?? "", r.Errors.ToString(), r.Warnings.ToString(), r.IsCurrent ? "current" : "[grey]history[/]", Markup.Escape(r.FileName));
        AnsiConsole.Write(table);
        return 0;
    }
}
