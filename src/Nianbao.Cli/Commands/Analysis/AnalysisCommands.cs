using System.CommandLine;

namespace Nianbao.Cli.Commands.Analysis;

/// <summary>Summaries, missing reports and exports over the archive; listed once in <see cref="CommandCatalog"/>.</summary>
internal static class AnalysisCommands
{
    public static IEnumerable<Command> All() =>
    [
        SummaryCommand.Create(),
        MissingCommand.Create(),
        ExportCommand.Create(),
        BenchSummaryCommand.Create(),
    ];
}
