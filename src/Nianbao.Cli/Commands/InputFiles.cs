using Nianbao.Pipeline;

namespace Nianbao.Cli.Commands;

/// <summary>
/// Expands FILE, DIR and GLOB arguments into the files to read, in a stable order. The walk itself
/// (FIFOs, devices and sockets refused unopened; link cycles ended) is the pipeline's.
/// </summary>
internal static class InputFiles
{
    public sealed record Expansion(IReadOnlyList<string> Files, IReadOnlyList<string> Problems);

    public static Expansion Expand(IEnumerable<string> inputs)
    {
        var (files, problems) = ReportPipeline.Expand(inputs, IsSidecar);
        return new Expansion(files.Select(f => f.Path!).ToList(), problems.Select(p => p.Message).ToList());
    }

    // Expected-answer files and notes that live beside reports are not reports.
    private static bool IsSidecar(string path) =>
        path.EndsWith(".expected.json", StringComparison.OrdinalIgnoreCase)
        || Path.GetFileName(path).StartsWith('.')
        || Path.GetFileName(path) is "README.md" or "SOURCES.md";
}
