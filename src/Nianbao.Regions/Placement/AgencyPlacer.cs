using Nianbao.Domain;
using Nianbao.Regions.Agencies;
using Nianbao.Regions.Divisions;

namespace Nianbao.Regions.Placement;

/// <summary>
/// Places an agency on the division tree from its name and its report's text (docs/regions.md,
/// "The placement algorithm"). Never guesses: when name and text leave more than one division, or
/// only a loose match, the result is <see cref="PlacementStatus.Ambiguous"/> with the candidates.
/// </summary>
public sealed class AgencyPlacer(DivisionTree tree)
{
    /// <summary>At most this many candidates are listed for an undecided agency.</summary>
    public const int MaxCandidates = 20;

    // Levels whose words in prose (州委、州政府; 省州县; 旗委) survive status changes; 县/区/市 do not
    // (撤县设区, 撤县设市), so they are never used as evidence.
    private const string DistinctiveLevelWords = "州盟旗";

    private const string LevelCharacters = "省市州县区旗盟乡镇";

    public static AgencyPlacer Default { get; } = new(DivisionTree.Shared);

    public DivisionTree Tree { get; } = tree;

    /// <summary>Places the report's agency using the text of its sections.</summary>
    public AgencyPlacement Place(Report report) =>
        Place(report.Agency ?? "", string.Join("\n", report.Sections.Select(s => s.Title + "\n" + s.Text)));

    public AgencyPlacement Place(string agencyName, string? text = null) =>
        Place(AgencyName.Parse(agencyName, Tree), TextMentions.Scan(text, Tree));

    /// <summary>
    /// Places a parsed name with the mentions scanned from a text (both with this placer's tree). A function
    /// of the two alone: <see cref="PlacementMemo"/> reuses its result for the same name and mentions.
    /// </summary>
    public AgencyPlacement Place(AgencyName name, TextMentions mentions) =>
        name.Regions.Count > 0 ? PlaceNamed(name, mentions) : PlaceUnnamed(name, mentions);

    /// <summary>A placement a user decided; the name's own kind is kept.</summary>
    public AgencyPlacement Pinned(string agencyName, Division region, string? note = null)
    {
        var name = AgencyName.Parse(agencyName, Tree);
        var kind = OrganNames.KindOf(name.CanonicalOrgan, region.Level == DivisionLevel.Township);
        return new AgencyPlacement(name, PlacementStatus.Placed, region, kind, [],
            [new PlacementEvidence(EvidenceKind.Pinned, note ?? region.FullName, region.Code)]);
    }

    private AgencyPlacement PlaceNamed(AgencyName name, TextMentions mentions)
    {
        var last = name.Regions[^1];
        var evidence = new List<PlacementEvidence>();
        foreach (var outer in name.Regions.Take(name.Regions.Count - 1))
            evidence.Add(new PlacementEvidence(EvidenceKind.NameParent, outer.Text));
        var hasParent = name.Regions.Count > 1;
        var candidates = last.Matches.Select(m => m.Division).Distinct().ToList();
        var exact = last.Matches.Where(m => m.Exact).Select(m => m.Division).Distinct().ToList();
        var exactSet = exact.ToHashSet();

        // 1. The text names an enclosing division of exactly one candidate more specifically than of any other.
        if (candidates.Count > 1 && ByText(candidates, exactSet, mentions, evidence) is { } byText)
            return Placed(name, byText, last, evidence);

        // 2. The name alone: one candidate, spelled exactly or inside a parent the name also spells.
        if (candidates.Count == 1 && (exact.Count == 1 || hasParent))
            return Placed(name, candidates[0], last, evidence);
        if (candidates.Count > 1 && exact.Count == 1 && !AnyTextSupport(candidates, mentions))
            return Placed(name, exact[0], last, evidence);

        // 3. Level words: only one candidate sits under a 州 / 盟 / 旗 the text speaks of.
        if (LevelWordChoice(candidates, mentions) is { } byLevel)
        {
            evidence.Add(new PlacementEvidence(EvidenceKind.LevelWords, mentions.LevelWordText));
            return Placed(name, byLevel, last, evidence);
        }

        // A single loose match: its text support is listed, but a renamed or re-suffixed
        // division is not taken without a parent in the name.
        if (candidates.Count == 1)
            evidence.AddRange(SupportOf(candidates[0], mentions));
        evidence.Add(new PlacementEvidence(exact.Count > 0 ? EvidenceKind.NameExact : EvidenceKind.NameVariant, last.Text));
        return Undecided(name, candidates, evidence);
    }

    private AgencyPlacement PlaceUnnamed(AgencyName name, TextMentions mentions)
    {
        var evidence = new List<PlacementEvidence>();
        if (name.LevelWord is { } word)
        {
            // 市科委 + text naming 上海市: the divisions the text names with a name ending in the level word.
            var named = mentions.Divisions
                .Where(d => mentions.CountOf(d).Full > 0 && d.Name.EndsWith(word) && d.Level != DivisionLevel.Township)
                .ToList();
            if (named.Count == 1)
            {
                evidence.Add(new PlacementEvidence(EvidenceKind.TextMention, mentions.SpellingOf(named[0]), named[0].Code, mentions.CountOf(named[0]).Full));
                var kind = OrganNames.KindOf(name.CanonicalOrgan, named[0].Level == DivisionLevel.Township);
                return new AgencyPlacement(name, PlacementStatus.Placed, named[0], kind, [], evidence);
            }
            return Undecided(name, named, evidence);
        }
        // 平潭综合实验区: the name starts with a division's stem but not in any form of its name;
        // what it is (a zone, a company) the name does not say, so it is listed, never placed.
        // A stem followed by a level character (火星市) spells a division that does not exist: nothing is listed.
        var loose = new List<Division>();
        for (var len = Math.Min(name.Normalized.Length - 1, 8); len >= 2 && loose.Count == 0; len--)
        {
            if (LevelCharacters.Contains(name.Normalized[len])) continue;
            var prefix = name.Normalized[..len];
            // From the stem index: a walk over the whole tree for each prefix cost more than reading the report.
            loose.AddRange(Tree.WithStem(prefix));
        }
        foreach (var d in loose) evidence.AddRange(SupportOf(d, mentions));
        return Undecided(name, loose, evidence);
    }

    // The text decides when the enclosing divisions it names for one candidate include, strictly, those
    // it names for every other (compared by spelling: 朝阳区 named once supports every 朝阳区 alike).
    // 新县 for one candidate and 光山县 for another decide nothing; 长春市朝阳区 beats a bare 朝阳区.
    private static Division? ByText(List<Division> candidates, IReadOnlySet<Division> exact, TextMentions mentions, List<PlacementEvidence> evidence)
    {
        // Full names first: a bare stem (信阳) may be an ordinary word; only when full names decide nothing are stems used.
        foreach (var useStems in new[] { false, true })
        {
            var support = candidates.Select(c => (Candidate: c, Names: SupportNames(c, mentions, useStems, candidates))).ToList();
            var winner = Dominant(support)
                // 新华街道 named, the text names 临河区, where both 新华街道 and a 新华镇 lie: the exact spelling
                // wins if it dominates the other exact ones and no variant is supported beyond it.
                ?? (Dominant(support.Where(s => exact.Contains(s.Candidate)).ToList()) is { } w
                    && support.Where(s => !exact.Contains(s.Candidate)).All(s => s.Names.IsSubsetOf(support.First(x => x.Candidate == w).Names))
                        ? w : null);
            if (winner is null) continue;
            evidence.AddRange(SupportOf(winner, mentions, useStems, candidates));
            return winner;
        }
        return null;
    }

    private static Division? Dominant(List<(Division Candidate, HashSet<string> Names)> support)
    {
        var winners = support.Where(s => s.Names.Count > 0
            && support.All(o => ReferenceEquals(o.Candidate, s.Candidate) || (o.Names.IsSubsetOf(s.Names) && o.Names.Count < s.Names.Count)))
            .ToList();
        return winners.Count == 1 ? winners[0].Candidate : null;
    }

    // The spellings of c's enclosing divisions that the text names. An enclosing division that is itself a
    // candidate is no evidence: 淮安市 in the text of 淮安市人民政府 names the city the name means, not a
    // parent of the 淮安区 that 淮安市 could also spell.
    private static HashSet<string> SupportNames(Division c, TextMentions mentions, bool useStems, List<Division> candidates)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var a = c.Parent; a is not null; a = a.Parent)
        {
            if (candidates.Contains(a)) continue;
            var (full, stem) = mentions.CountOf(a);
            if (full > 0 || (useStems && stem > 0)) names.Add(a.Name);
        }
        return names;
    }

    private static bool AnyTextSupport(List<Division> candidates, TextMentions mentions) =>
        candidates.Any(c => SupportNames(c, mentions, useStems: false, candidates).Count > 0);

    private static IEnumerable<PlacementEvidence> SupportOf(Division c, TextMentions mentions, bool useStems = true, List<Division>? candidates = null)
    {
        for (var a = c.Parent; a is not null; a = a.Parent)
        {
            if (candidates?.Contains(a) == true) continue;
            var (full, stem) = mentions.CountOf(a);
            var n = full + (useStems ? stem : 0);
            if (n > 0) yield return new PlacementEvidence(EvidenceKind.TextMention, mentions.SpellingOf(a), a.Code, n);
        }
    }

    private static Division? LevelWordChoice(List<Division> candidates, TextMentions mentions)
    {
        var words = mentions.LevelWords.Where(w => DistinctiveLevelWords.Contains(w)).ToList();
        if (words.Count == 0 || candidates.Count < 2) return null;
        var fitting = candidates.Where(c => words.All(w => c.Path.Take(c.Path.Count - 1).Any(a => LevelChar(a) == w))).ToList();
        return fitting.Count == 1 ? fitting[0] : null;
    }

    private static char? LevelChar(Division d)
    {
        var suffix = d.Suffix;
        return suffix.Length == 0 ? null : suffix[^1];
    }

    private static AgencyPlacement Placed(AgencyName name, Division region, RegionToken token, List<PlacementEvidence> evidence)
    {
        var exact = token.Matches.Any(m => m.Exact && m.Division == region);
        evidence.Insert(0, new PlacementEvidence(exact ? EvidenceKind.NameExact : EvidenceKind.NameVariant, token.Text, region.Code));
        var kind = OrganNames.KindOf(name.CanonicalOrgan, region.Level == DivisionLevel.Township);
        return new AgencyPlacement(name, PlacementStatus.Placed, region, kind, [], evidence);
    }

    private static AgencyPlacement Undecided(AgencyName name, List<Division> candidates, List<PlacementEvidence> evidence)
    {
        // Exact spellings first (大寨乡 before 大寨镇), each group in code order.
        var exact = name.Regions.Count > 0 ? name.Regions[^1].Matches.Where(m => m.Exact).Select(m => m.Division).ToHashSet() : [];
        var listed = candidates.OrderBy(c => exact.Contains(c) ? 0 : 1).ThenBy(c => c.Code, StringComparer.Ordinal).Take(MaxCandidates).ToArray();
        return new AgencyPlacement(name, listed.Length == 0 ? PlacementStatus.Unknown : PlacementStatus.Ambiguous,
            null, name.Kind, listed, evidence);
    }
}
