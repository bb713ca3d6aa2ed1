namespace Nianbao.Harvesting;

/// <summary>The start URLs of a harvest: URLs as given, or read from a file listing one URL a line (# comments).</summary>
public static class HarvestSeeds
{
    /// <returns>The URLs, and a message per argument that is neither an http(s) URL nor a readable file of them.</returns>
    public static (IReadOnlyList<Uri> Urls, IReadOnlyList<string> Problems) Resolve(IEnumerable<string> arguments)
    {
        var urls = new List<Uri>();
        var problems = new List<string>();
        foreach (var argument in arguments)
        {
            if (TryUrl(argument) is { } url) { Add(url); continue; }
            if (!File.Exists(argument))
            {
                problems.Add($"{argument}: 不是 http(s) 网址，也不是网址列表文件 (neither an http(s) URL nor a file listing URLs).");
                continue;
            }
            string[] lines;
            try { lines = File.ReadAllLines(argument); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{argument}: 无法读取 (cannot be read): {ex.Message}");
                continue;
            }
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0 || line.StartsWith('#')) continue;
                if (TryUrl(line) is { } listed) Add(listed);
                else problems.Add($"{argument}:{i + 1}: 不是 http(s) 网址 (not an http(s) URL): {line}");
            }
        }
        return (urls, problems);

        void Add(Uri url)
        {
            if (!urls.Contains(url)) urls.Add(url);
        }
    }

    private static Uri? TryUrl(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;
}
