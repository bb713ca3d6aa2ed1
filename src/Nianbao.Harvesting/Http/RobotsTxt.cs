using System.Text;

namespace Nianbao.Harvesting.Http;

/// <summary>
/// The rules of one robots.txt for our product token (RFC 9309): the groups naming us, else the
/// <c>*</c> groups; the longest matching Allow/Disallow path wins and Allow wins a tie; <c>*</c> and
/// a final <c>$</c> in paths. Crawl-delay (not in the RFC, widely used) is kept so it can slow us down.
/// </summary>
public sealed class RobotsTxt
{
    private readonly List<(bool Allow, string Pattern)> _rules;

    private RobotsTxt(List<(bool, string)> rules, TimeSpan? crawlDelay, bool disallowAll, string? problem = null)
    {
        _rules = rules;
        CrawlDelay = crawlDelay;
        DisallowAll = disallowAll;
        Problem = problem;
    }

    /// <summary>No robots.txt (4xx): everything may be fetched.</summary>
    public static RobotsTxt AllowAll { get; } = new([], null, false);

    /// <summary>robots.txt could not be fetched (5xx, unreachable): RFC 9309 says assume nothing may be.</summary>
    public static RobotsTxt Unreachable(string problem) => new([], null, true, problem);

    /// <summary>Why robots.txt could not be fetched, for <see cref="Unreachable"/>.</summary>
    public string? Problem { get; }

    public TimeSpan? CrawlDelay { get; }
    public bool DisallowAll { get; }

    private sealed class Group
    {
        public List<string> Agents { get; } = [];
        public List<(bool, string)> Rules { get; } = [];
        public TimeSpan? Delay { get; set; }
    }

    public static RobotsTxt Parse(string text, string productToken)
    {
        var groups = new List<Group>();
        Group? current = null;
        var lastWasAgent = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw;
            var hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key == "user-agent")
            {
                // Consecutive user-agent lines share one group.
                if (!lastWasAgent || current is null) groups.Add(current = new Group());
                current.Agents.Add(value.ToLowerInvariant());
                lastWasAgent = true;
                continue;
            }
            lastWasAgent = false;
            if (current is null) continue;
            switch (key)
            {
                case "allow" when value.Length > 0: current.Rules.Add((true, value)); break;
                case "disallow" when value.Length > 0: current.Rules.Add((false, value)); break;
                case "crawl-delay" when double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0:
                    current.Delay = TimeSpan.FromSeconds(seconds);
                    break;
            }
        }
        var token = productToken.ToLowerInvariant();
        var ours = groups.Where(g => g.Agents.Any(a => a != "*" && token.StartsWith(a, StringComparison.Ordinal))).ToList();
        if (ours.Count == 0) ours = groups.Where(g => g.Agents.Contains("*")).ToList();
        return new RobotsTxt(ours.SelectMany(g => g.Rules).ToList(), ours.Select(g => g.Delay).Max(), false);
    }

    public bool Allows(Uri url)
    {
        if (DisallowAll) return url.AbsolutePath == "/robots.txt";
        var path = url.PathAndQuery;
        (bool Allow, int Length)? best = null;
        foreach (var (allow, pattern) in _rules)
        {
            if (!Matches(pattern, path)) continue;
            if (best is null || pattern.Length > best.Value.Length || (pattern.Length == best.Value.Length && allow))
                best = (allow, pattern.Length);
        }
        return best?.Allow ?? true;
    }

    /// <summary>A robots path pattern: a prefix, where <c>*</c> is any run of characters and a final <c>$</c> anchors the end.</summary>
    internal static bool Matches(string pattern, string path)
    {
        pattern = Normalize(pattern);
        path = Normalize(path);
        var anchored = pattern.EndsWith('$');
        if (anchored) pattern = pattern[..^1];
        return Match(pattern, 0, path, 0, anchored);
    }

    private static bool Match(string pattern, int p, string path, int s, bool anchored)
    {
        while (p < pattern.Length)
        {
            if (pattern[p] == '*')
            {
                for (var k = s; k <= path.Length; k++)
                    if (Match(pattern, p + 1, path, k, anchored)) return true;
                return false;
            }
            if (s >= path.Length || pattern[p] != path[s]) return false;
            p++;
            s++;
        }
        return !anchored || s == path.Length;
    }

    /// <summary>Both sides percent-encoded the same way, so a Chinese path in robots.txt matches its escaped URL.</summary>
    private static string Normalize(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var rune in Uri.UnescapeDataString(value).EnumerateRunes())
        {
            if (rune.Value < 128) builder.Append((char)rune.Value);
            else foreach (var b in Encoding.UTF8.GetBytes(rune.ToString())) builder.Append('%').Append(b.ToString("X2"));
        }
        return builder.ToString();
    }
}
