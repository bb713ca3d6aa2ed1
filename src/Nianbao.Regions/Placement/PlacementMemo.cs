using System.Collections.Concurrent;
using Nianbao.Regions.Agencies;

namespace Nianbao.Regions.Placement;

/// <summary>
/// Placements already made, reused: an agency that stays unplaced is placed again with every report's
/// text (docs/archive.md), and a batch has many reports of one agency whose texts name the same divisions.
/// A placement is a function of the parsed name and the text's mentions only
/// (<see cref="AgencyPlacer.Place(AgencyName, TextMentions)"/>), so it is kept under the name as written and
/// the mentions compared in full (<see cref="TextMentions.ContentComparer"/>): a text that names anything
/// differently — another division, another count, another level word — is placed anew, and the result is
/// the one <see cref="AgencyPlacer.Place(string, string?)"/> gives. The text is still scanned every time (the
/// mentions are the key); the name's parse and the placement itself are what is saved. Thread-safe; bounded
/// (forgets everything past <paramref name="capacity"/> entries: a batch of real reports has few per agency).
/// </summary>
public sealed class PlacementMemo(AgencyPlacer placer, int capacity = 4096)
{
    private readonly ConcurrentDictionary<string, AgencyName> _names = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Name, TextMentions Mentions), AgencyPlacement> _placements = new(new KeyComparer());

    public AgencyPlacer Placer => placer;

    /// <summary>What <c>placer.Place(agencyName, text)</c> gives.</summary>
    public AgencyPlacement Place(string agencyName, string? text)
    {
        if (!_names.TryGetValue(agencyName, out var name))
        {
            name = AgencyName.Parse(agencyName, placer.Tree);
            if (_names.Count >= capacity) _names.Clear();
            _names[agencyName] = name;
        }
        var mentions = TextMentions.Scan(text, placer.Tree);
        if (_placements.TryGetValue((agencyName, mentions), out var known)) return known;
        var placement = placer.Place(name, mentions);
        if (_placements.Count >= capacity) _placements.Clear();
        _placements[(agencyName, mentions)] = placement;
        return placement;
    }

    private sealed class KeyComparer : IEqualityComparer<(string Name, TextMentions Mentions)>
    {
        public bool Equals((string Name, TextMentions Mentions) x, (string Name, TextMentions Mentions) y) =>
            string.Equals(x.Name, y.Name, StringComparison.Ordinal) && TextMentions.ContentComparer.Equals(x.Mentions, y.Mentions);

        public int GetHashCode((string Name, TextMentions Mentions) key) =>
            HashCode.Combine(StringComparer.Ordinal.GetHashCode(key.Name), TextMentions.ContentComparer.GetHashCode(key.Mentions));
    }
}
