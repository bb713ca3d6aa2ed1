using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nianbao.Archive.Harvest;
using Nianbao.Cli.Commands.Archive;
using Nianbao.Harvesting;
using Spectre.Console;

namespace Nianbao.Cli.Commands.Harvest;

/// <summary><c>nianbao harvests [RUN]</c>: the harvests kept in the archive with their tallies; with a run id, how every URL of it ended.</summary>
internal static class HarvestsCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var run = new Argument<string?>("run") { Description = "采集编号（或其开头） A harvest id (or its start): list every URL it saw with its outcome.", Arity = ArgumentArity.ZeroOrOne };
        var db = ArchiveOptions.Db();
        var json = new Option<bool>("--json") { Description = "Print as JSON." };
        var command = new Command("harvests", "采集记录 The harvests kept in the archive, or how every URL of one harvest ended.") { run, db, json };
        command.SetAction((r, cancellation) => Run(r.GetValue(run), r.GetValue(db), r.GetValue(json), cancellation));
        return command;
    }

    private static async Task<int> Run(string? runId, string? db, bool json, CancellationToken cancellation)
    {
        using var store = ArchiveOptions.TryOpen(db);
        if (store is null) return 2;
        var state = new ArchiveHarvestStore(store);
        if (runId is null)
        {
            var runs = await state.RunsAsync(cancellation);
            if (json) { Console.Out.WriteLine(JsonSerializer.Serialize(runs, Json)); return 0; }
            if (runs.Count == 0) { Console.Out.WriteLine("档案中没有采集记录 No harvest in the archive."); return 0; }
            var table = new Table().Border(TableBorder.Rounded).Title($"{runs.Count} 次采集 harvests");
            table.AddColumns("id", "started", "finished", "start URLs", "outcomes");
            foreach (var r in runs)
                table.AddRow(Markup.Escape(r.Id), r.StartedAt.ToString("u"), r.FinishedAt?.ToString("u") ?? "[yellow]未完成 unfinished[/]",
                    Markup.Escape(string.Join("\n", r.Seeds)), Markup.Escape(Tally(r.Tally)));
            AnsiConsole.Write(table);
            return 0;
        }
        var outcomes = state.Outcomes(runId);
        if (json) { Console.Out.WriteLine(JsonSerializer.Serialize(outcomes, Json)); return outcomes.Count > 0 ? 0 : 1; }
        if (outcomes.Count == 0)
        {
            Console.Error.WriteLine($"{runId}: 没有这次采集 no harvest with this id.");
            return 1;
        }
        foreach (var o in outcomes)
            Console.Out.WriteLine($"{HarvestOutcomes.Parse(o.Outcome).Label()}\t{o.Url}{(o.Detail is null ? "" : "\t" + o.Detail)}");
        return 0;
    }

    private static string Tally(IReadOnlyDictionary<string, int>? tally) =>
        tally is null ? "" : string.Join(", ", tally.Select(p => $"{HarvestOutcomes.Parse(p.Key).Label()} {p.Value}"));
}
