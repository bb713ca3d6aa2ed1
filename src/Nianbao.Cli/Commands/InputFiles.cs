namespace Nianbao.Cli.Commands;

/// <summary>Expands FILE, DIR and GLOB arguments into the files to read, in a stable order.</summary>
internal static class InputFiles
{
    public sealed record Expansion(IReadOnlyList<string> Files, IReadOnlyList<string> Problems);

    public static Expansion Expand(IEnumerable<string> inputs)
    {
        var files = new List<string>();
        var problems = new List<string>();
        foreach (var input in inputs)
        {
            if (File.Exists(input)) files.Add(input);
            else if (Directory.Exists(input))
                files.AddRange(Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                    .Where(f => !IsSidecar(f)).Order(StringComparer.Ordinal));
            else if (input.IndexOfAny(['*', '?']) >= 0)
            {
                var matches = Glob(input);
                if (matches.Count == 0) problems.Add($"{input}: no file matches this pattern.");
                files.AddRange(matches);
            }
            else problems.Add($"{input}: no such file or directory.");
        }
        return new Expansion(files.Distinct().ToList(), problems);
    }

    // Expected-answer files and notes that live beside reports are not reports.
    private static bool IsSidecar(string path) =>
        path.EndsWith(".expected.json", StringComparison.OrdinalIgnoreCase)
        || Path.GetFileName(path).StartsWith('.')
        || Path.GetFileName(path) is "README.md" or "SOURCES.md";

    private static List<string> Glob(string pattern)
    {
        var full = Path.GetFullPath(pattern);
        var firstWild = full.IndexOfAny(['*', '?']);
        var baseDir = Path.GetDirectoryName(full[..firstWild]) ?? "/";
        if (!Directory.Exists(baseDir)) return [];
        var relativePattern = Path.GetRelativePath(baseDir, full);
        var recursive = relativePattern.Contains("**", StringComparison.Ordinal);
        var regex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(relativePattern)
            .Replace(@"\*\*/", "(.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]") + "$");
        return Directory.EnumerateFiles(baseDir, "*", recursive || relativePattern.Contains('/') ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Where(f => regex.IsMatch(Path.GetRelativePath(baseDir, f)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
