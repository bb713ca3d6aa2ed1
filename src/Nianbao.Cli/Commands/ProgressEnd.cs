using Spectre.Console;

namespace Nianbao.Cli.Commands;

/// <summary>
/// The end of a progress bar on a console Spectre finds non-interactive (a CI log, <c>CI=true</c>): its fallback
/// renderer prints a task's milestones (25, 50, 75 % …) at most once a second and nothing once the task is
/// finished, so a batch done within the first second left no trace of its progress at all.
/// </summary>
internal static class ProgressEnd
{
    public static void Print(IAnsiConsole console, string description)
    {
        if (!console.Profile.Capabilities.Interactive) console.WriteLine($"{description} 100%");
    }
}
