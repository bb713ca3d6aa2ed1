using System.CommandLine;
using Nianbao.Archive;
using Nianbao.Pipeline;

namespace Nianbao.Cli.Commands.Archive;

/// <summary><c>nianbao reparse [--all | filters]</c>: re-reads stored originals with the current reader.</summary>
internal static class ReparseCommand
{
    public static Command Create()
    {
        var db = ArchiveOptions.Db();
        var all = new Option<bool>("--all") { Description = "Every stored report, history included." };
        var filters = new ArchiveOptions.Filters();
        var command = new Command("reparse", "重新解析 Re-read stored originals with the current reader; prints per report which cells changed.") { db, all };
        filters.AddTo(command);
        command.SetAction(r =>
        {
            if (!r.GetValue(all) && !filters.AnyGiven(r))
            {
                Console.Error.WriteLine("reparse: 请指定 --all 或筛选条件 give --all or filters (--agency, --year, --region, …).");
                return 2;
            }
            return Run(r.GetValue(db), r.GetValue(all) ? new ReportFilter { IncludeHistory = true } : filters.Read(r));
        });
        return command;
    }

    private static int Run(string? db, ReportFilter filter)
    {
        using var store = ArchiveOptions.TryOpen(db);
        if (store is null) return 2;
        int total = 0, changed = 0, failed = 0;
        foreach (var result in new Reparser(store, ReportPipeline.Default).Run(filter))
        {
            total++;
            var name = $"{result.Report.ShortId} {result.Report.Agency ?? "?"} {result.Report.Year?.ToString() ?? "?"}";
            if (result.Problem is not null) { failed++; Console.Error.WriteLine($"{name}: {result.Problem}"); continue; }
            if (!result.Changed) { Console.Out.WriteLine($"{name}: 无变化 unchanged"); continue; }
            changed++;
            Console.Out.WriteLine($"{name}: {result.Changes.Count} 个单元格变化 cells changed, findings {result.FindingsBefore} → {result.FindingsAfter}");
            foreach (var c in result.Changes) Console.Out.WriteLine($"    {c.Path}: {c.Before} → {c.After}");
        }
        Console.Out.WriteLine($"{total} 份报告重新解析 reports re-read: {changed} changed, {total - changed - failed} unchanged, {failed} failed");
        return failed > 0 ? 2 : 0;
    }
}
