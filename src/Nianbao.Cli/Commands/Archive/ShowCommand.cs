using System.CommandLine;
using Nianbao.Archive;
using Spectre.Console;

namespace Nianbao.Cli.Commands.Archive;

/// <summary><c>nianbao show ID|AGENCY YEAR [--json]</c>: one report of the archive, with its findings across reports.</summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var db = ArchiveOptions.Db();
        var what = new Argument<string[]>("report") { Description = "A report id (or its first 6+ characters), or AGENCY YEAR for the current version.", Arity = new ArgumentArity(1, 2) };
        var json = new Option<bool>("--json") { Description = "Print the archive entry with the lossless record as JSON." };
        var command = new Command("show", "显示报告 Show one report of the archive.") { what, db, json };
        command.SetAction(r => Run(r.GetValue(what) ?? [], r.GetValue(db), r.GetValue(json)));
        return command;
    }

    /// <summary>The report named by ID, or AGENCY YEAR (current version); null with a message printed.</summary>
    internal static ReportEntry? Find(ArchiveStore store, string[] what)
    {
        if (what.Length == 1)
        {
            if (store.FindReport(what[0]) is { } byId) return byId;
            Console.Error.WriteLine($"{what[0]}: 没有这个编号的报告 no report has this id (give at least 6 characters of it, or AGENCY YEAR).");
            return null;
        }
        if (!int.TryParse(what[1], out var year))
        {
            Console.Error.WriteLine($"{what[1]}: 年度应为数字 the year must be a number.");
            return null;
        }
        if (store.CurrentReport(what[0], year) is { } current) return current;
        Console.Error.WriteLine($"{what[0]} {year}: 档案中没有该机关该年度的报告 no report of this agency for this year in the archive.");
        return null;
    }

    private static int Run(string[] what, string? db, bool json)
    {
        using var store = ArchiveOptions.TryOpen(db);
        if (store is null) return 2;
        if (Find(store, what) is not { } entry) return 1;
        if (json) { Console.Out.WriteLine(ArchiveJson.Report(store, entry)); return 0; }
        AnsiConsole.MarkupLine($"[bold]{entry.Id}[/] · {(entry.IsCurrent ? "current version" : $"history (superseded by {entry.SupersededBy?[..12]})")} · imported {entry.ImportedAt} · {Markup.Escape(entry.Reader)}");
        if (entry.RegionCode is not null) AnsiConsole.MarkupLine($"地区 region {entry.RegionCode} · {entry.Level} · {entry.Kind}");
        ReportSummary.Write(store.LoadReport(entry.Id));
        var settled = store.Cells(entry.Id).Where(c => c.Status == CellStatus.Settled).ToList();
        foreach (var c in settled)
            AnsiConsole.MarkupLine($"  [blue]settled[/] {c.Path} = {c.Value} (by {c.NeighbourId?[..12]}, reading \"{Markup.Escape(c.SrcText ?? "")}\")");
        var cross = store.CrossFindings(entry.Id);
        if (cross.Count > 0)
        {
            AnsiConsole.MarkupLine("[bold]跨报告检查 findings across reports[/]");
            foreach (var f in cross)
            {
                var other = f.ReportId == entry.Id ? f.NeighbourId! : f.ReportId;
                AnsiConsole.MarkupLine($"  [yellow]{f.Severity,-7}[/] {Markup.Escape(f.Rule)} {Markup.Escape(f.Message)} [grey](with {other[..12]})[/]");
            }
        }
        return 0;
    }
}
