using System.CommandLine;

namespace Nianbao.Cli.Commands.Archive;

/// <summary>The archive's commands (import, reports, show, history, reparse, agencies); listed once in <see cref="CommandCatalog"/>.</summary>
internal static class ArchiveCommands
{
    public static IEnumerable<Command> All() =>
    [
        ImportCommand.Create(),
        ReportsCommand.Create(),
        ShowCommand.Create(),
        HistoryCommand.Create(),
        ReparseCommand.Create(),
        AgenciesCommand.Create(),
    ];
}
