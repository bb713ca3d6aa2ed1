using System.CommandLine;

namespace Nianbao.Cli.Commands;

/// <summary>Every subcommand of <c>nianbao</c>. Adding a command means one file in this folder and one line here.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All() =>
    [
        ParseCommand.Create(),
        CheckCommand.Create(),
        BenchCommand.Create(),
        RenderCommand.Create(),
        NewCommand.Create(),
        .. Archive.ArchiveCommands.All(),
        .. Analysis.AnalysisCommands.All(),
        Harvest.HarvestCommand.Create(),
        Harvest.HarvestsCommand.Create(),
        .. Server.ServerCommands.All(),
    ];
}
