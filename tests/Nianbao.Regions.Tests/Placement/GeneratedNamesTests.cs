using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Nianbao.Regions.Agencies;
using Nianbao.Regions.Divisions;
using Nianbao.Regions.Placement;

namespace Nianbao.Regions.Tests.Placement;

/// <summary>
/// Names generated from the division data itself: the division a name was built from is the answer.
/// </summary>
public class GeneratedNamesTests
{
    private static readonly DivisionTree Tree = DivisionTree.Shared;
    private static readonly AgencyPlacer Placer = AgencyPlacer.Default;

    private static string PathName(Division d) => string.Concat(d.Path.Select(p => p.Name));

    // Organ as written → the kind a reader of the name expects.
    private static readonly (string Organ, AgencyKind Kind)[] Organs =
    [
        ("人民政府", AgencyKind.Government), ("政府", AgencyKind.Government), ("人民政府办公室", AgencyKind.Office),
        ("发改委", AgencyKind.Department), ("科学技术局", AgencyKind.Department), ("人社局", AgencyKind.Department),
    ];

    [Fact]
    public void Every_county_named_with_its_full_path_is_placed_there()
    {
        var i = 0;
        foreach (var county in Tree.All.Where(d => d.Level == DivisionLevel.County))
        {
            var (organ, kind) = Organs[i++ % Organs.Length];
            var p = Placer.Place(PathName(county) + organ);
            Assert.True(p.Status == PlacementStatus.Placed && p.Code == county.Code, $"{PathName(county)}{organ}: {p.Status} {p.Code}");
            Assert.Equal(kind, p.Kind);
        }
    }

    [Fact]
    public void Every_fifth_township_named_with_its_full_path_is_placed_there()
    {
        // Names with a bracketed part (天津经济技术开发区（其他片区）) are left out: brackets are dropped from agency names.
        foreach (var township in Tree.All.Where(d => d.Level == DivisionLevel.Township).Where((_, n) => n % 5 == 0).Where(d => !d.Name.Contains('（')))
        {
            var p = Placer.Place(PathName(township) + "人民政府");
            Assert.True(p.Status == PlacementStatus.Placed && p.Code == township.Code, $"{PathName(township)}: {p.Status} {p.Code}");
        }
    }

    /// <summary>Township names that stand in two provinces or more: the real duplicates of the data.</summary>
    private static List<List<Division>> SameNamedAcrossProvinces() =>
        Tree.All.Where(d => d.Level == DivisionLevel.Township && d.Stem != d.Name)
            .GroupBy(d => d.Name)
            .Select(g => g.ToList())
            .Where(g => g.Select(d => d.Code[..2]).Distinct().Count() >= 2)
            .ToList();

    [Fact]
    public void Same_named_townships_in_different_provinces_stay_unplaced_on_the_name_alone()
    {
        var groups = SameNamedAcrossProvinces();
        Assert.True(groups.Count > 1000, $"only {groups.Count} duplicated township names");
        foreach (var group in groups)
        {
            var p = Placer.Place(group[0].Name);
            Assert.Equal(PlacementStatus.Ambiguous, p.Status);
            Assert.Null(p.Region);
            // Every one of them is listed (up to the limit), and nothing that does not share the name's stem.
            if (group.Count <= AgencyPlacer.MaxCandidates)
                Assert.Subset(p.Candidates.Select(c => c.Code).ToHashSet(), group.Select(d => d.Code).ToHashSet());
            Assert.All(p.Candidates, c => Assert.Equal(group[0].Stem, c.Stem));
        }
    }

    [Fact]
    public void Same_named_townships_are_told_apart_by_a_text_naming_their_county_and_city()
    {
        var placed = 0;
        var byStem = Tree.All.Where(d => d.Level == DivisionLevel.Township).ToLookup(d => d.Stem);
        foreach (var group in SameNamedAcrossProvinces())
        {
            foreach (var chosen in group)
            {
                // Every division the name could mean (any 乡/镇/街道 of the same stem), to know when the
                // text cannot tell them apart: another one under enclosing divisions of the same names.
                var rivals = byStem[chosen.Stem].Where(d => d != chosen);
                var enclosing = chosen.Path.Take(chosen.Path.Count - 1).Select(a => a.Name).ToList();
                if (rivals.Any(r => r.Path.Take(r.Path.Count - 1).Select(a => a.Name).ToHashSet().IsSupersetOf(enclosing))) continue;
                var text = $"本年度，在{string.Join("、", enclosing)}各级政府的领导下，我{chosen.Name[^1]}认真落实政府信息公开条例。";
                var p = Placer.Place(chosen.Name + "人民政府", text);
                Assert.True(p.Status == PlacementStatus.Placed && p.Code == chosen.Code,
                    $"{chosen.Name} in {chosen.FullName}: {p.Status} {p.Code} [{string.Join(",", p.Candidates)}]");
                Assert.Contains(p.Evidence, e => e.Kind == EvidenceKind.TextMention);
                placed++;
            }
        }
        Assert.True(placed > 3000, $"only {placed} placed");
    }

    [Fact]
    public void A_text_naming_places_of_two_candidates_decides_nothing()
    {
        // 大寨乡 of 滑县 (Henan) and of 崆峒区 (Gansu) both named: neither is chosen.
        var p = Placer.Place("大寨乡", "学习滑县和崆峒区的经验。");
        Assert.Equal(PlacementStatus.Ambiguous, p.Status);
        Assert.Contains(p.Candidates, c => c.Code == "410526204");
        Assert.Contains(p.Candidates, c => c.Code == "620802209");
    }

    [Theory]
    [InlineData("在滑县县委、县政府领导下", "410526204")]
    [InlineData("平凉市崆峒区", "620802209")]
    [InlineData("红河州金平县", "532530208")]
    public void Dazhai_with_a_disambiguating_text(string text, string code)
    {
        var p = Placer.Place("大寨乡人民政府", text);
        Assert.Equal(PlacementStatus.Placed, p.Status);
        Assert.Equal(code, p.Code);
    }

    [Fact]
    public void Sidian_of_Henan_by_name_or_text_and_Sidian_of_Shandong_only_by_text()
    {
        // 泗店乡 is spelled exactly only by Henan's; without contrary text the name decides.
        Assert.Equal("411523209", Placer.Place("泗店乡").Code);
        // A text naming 宁阳县 (Shandong's 泗店镇 lies there) picks the 镇 the 乡 may have become.
        var shandong = Placer.Place("泗店乡", "宁阳县泗店镇");
        Assert.Equal("370921101", shandong.Code);
        Assert.Contains(shandong.Evidence, e => e.Kind == EvidenceKind.NameVariant);
        // 泗店镇 on its own: spelled exactly only by Shandong's.
        Assert.Equal("370921101", Placer.Place("泗店镇人民政府").Code);
    }

    [Fact]
    public void A_loose_single_match_is_listed_not_placed()
    {
        // 水池铺乡 alone: only 水池铺镇 (梁园区) shares the stem; a renamed division is never taken on the name alone.
        var p = Placer.Place("水池铺乡人民政府");
        Assert.Equal(PlacementStatus.Ambiguous, p.Status);
        Assert.Equal(["411402105"], p.Candidates.Select(c => c.Code));
    }

    [Theory]
    [InlineData("上海市统计局", "上海市科委负责", "31")]
    public void Provinces_are_placed_by_name(string name, string text, string code) =>
        Assert.Equal(code, Placer.Place(name, text).Code);

    [Fact]
    public void A_level_word_name_is_placed_by_the_one_division_of_that_level_the_text_names()
    {
        var p = Placer.Place("市科委", "根据《上海市政府信息公开规定》，市科委编制了本报告。");
        Assert.Equal(PlacementStatus.Placed, p.Status);
        Assert.Equal("31", p.Code);
        Assert.Equal("31:科学技术委员会", p.CanonicalKey);
        var two = Placer.Place("市科委", "上海市与北京市的科技合作。");
        Assert.Equal(PlacementStatus.Ambiguous, two.Status);
        Assert.Equal(["11", "31"], two.Candidates.Select(c => c.Code));
        Assert.Equal(PlacementStatus.Unknown, Placer.Place("市科委").Status);
    }

    [Theory]
    [InlineData("火星市人民政府")]
    [InlineData("科学技术委员会")]
    [InlineData("")]
    public void Names_that_name_no_division_are_unknown(string name)
    {
        var p = Placer.Place(name);
        Assert.Equal(PlacementStatus.Unknown, p.Status);
        Assert.Empty(p.Candidates);
    }

    [Fact]
    public void Same_named_districts_are_told_apart_by_their_city()
    {
        Assert.Equal(PlacementStatus.Ambiguous, Placer.Place("朝阳区人民政府").Status);
        Assert.Equal("220104", Placer.Place("朝阳区人民政府", "长春市朝阳区").Code);
        Assert.Equal("110105", Placer.Place("朝阳区人民政府", "北京市朝阳区").Code);
        Assert.Equal("220104", Placer.Place("长春市朝阳区人民政府").Code);
    }

    public static Arbitrary<(Division County, string Abbreviation)> CountyAndDepartment() =>
        Gen.Elements(Tree.All.Where(d => d.Level == DivisionLevel.County).ToArray())
            .SelectMany(c => Gen.Elements(OrganNames.Abbreviations.Keys.ToArray()).Select(a => (c, a)))
            .ToArbitrary();

    [Property(MaxTest = 300, Arbitrary = [typeof(GeneratedNamesTests)])]
    public bool Spelling_variants_of_a_department_share_its_key((Division County, string Abbreviation) input, bool fullWidthSpace, bool withParty)
    {
        var (county, abbreviation) = input;
        var full = OrganNames.Abbreviations[abbreviation];
        var path = PathName(county);
        var canonical = Placer.Place(path + full).CanonicalKey;
        var space = fullWidthSpace ? "\u3000" : " ";
        var variant = (withParty ? "中共" : "") + path + space + abbreviation;
        return Placer.Place(variant).CanonicalKey == canonical && canonical == county.Code + ":" + OrganNames.KeyForm(full);
    }
}
