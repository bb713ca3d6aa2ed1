using Nianbao.Regions.Agencies;
using Nianbao.Regions.Placement;

namespace Nianbao.Regions.Tests.Agencies;

public class AgencyNameTests
{
    private static string Key(string name, string? text = null) => AgencyPlacer.Default.Place(name, text).CanonicalKey;

    [Theory]
    [InlineData("沭阳县人民政府", "沭阳县政府")]
    [InlineData("沭阳县人民政府", "沭阳县 人民政府")]
    [InlineData("沭阳县人民政府", "沭阳县人民政府（本级）")]
    [InlineData("沭阳县人民政府", "宿迁市沭阳县人民政府")]
    [InlineData("沭阳县人民政府办公室", "沭阳县政府办")]
    [InlineData("沭阳县人民政府办公室", "沭阳县政府办公室")]
    [InlineData("市科学技术委员会", "市科委")]
    [InlineData("上海市科学技术委员会", "上海市科委")]
    [InlineData("上海市科学技术委员会", "上海市 科学技术委员会")]
    [InlineData("沭阳县发展和改革委员会", "沭阳县发改委")]
    [InlineData("沭阳县发展和改革委员会", "沭阳县发展改革委")]
    [InlineData("沭阳县发展和改革委员会", "沭阳县发展改革委员会")]
    [InlineData("沭阳县人力资源和社会保障局", "沭阳县人社局")]
    [InlineData("沭阳县人力资源和社会保障局", "沭阳县人力资源社会保障局")]
    [InlineData("沭阳县住房和城乡建设局", "沭阳县住建局")]
    [InlineData("沭阳县卫生健康委员会", "沭阳县卫健委")]
    [InlineData("沭阳县市场监督管理局", "沭阳县市监局")]
    [InlineData("沭阳县市场监督管理局", "沭阳县市场监管局")]
    [InlineData("沭阳县委宣传部", "中共沭阳县委宣传部")]
    [InlineData("沭阳县委宣传部", "中国共产党沭阳县委宣传部")]
    [InlineData("泗店乡人民政府", "泗店乡")]
    [InlineData("泗店乡人民政府", "泗店乡政府")]
    [InlineData("东华门街道办事处", "东华门街道")]
    [InlineData("东华门街道办事处", "东华门街道办")]
    public void Variants_of_one_agency_share_one_key(string canonical, string variant) =>
        Assert.Equal(Key(canonical), Key(variant));

    [Fact]
    public void Full_width_and_half_width_forms_are_one_agency()
    {
        // NFKC folds the full-width letters, digits and brackets; the bracketed note is dropped.
        Assert.Equal(Key("ＡＢＣ县人民政府"), Key("ABC县人民政府"));
        Assert.Equal(Key("沭阳县人民政府(本级)"), Key("沭阳县人民政府（本级）"));
        Assert.Equal("沭阳县人民政府", AgencyName.Parse("沭阳县　人民政府").Normalized);
    }

    [Theory]
    [InlineData("沭阳县人民政府", "沭阳县教育局")]
    [InlineData("沭阳县人民政府", "沭阳县人民政府办公室")]
    [InlineData("沭阳县人民政府", "泗阳县人民政府")]
    [InlineData("沭阳县人民政府", "沭阳县委")]
    [InlineData("沭阳县科学技术局", "沭阳县科学技术协会")]
    [InlineData("市科委", "县科委")]
    public void Different_agencies_keep_different_keys(string a, string b) => Assert.NotEqual(Key(a), Key(b));

    [Theory]
    [InlineData("沭阳县人民政府", AgencyKind.Government)]
    [InlineData("沭阳县政府", AgencyKind.Government)]
    [InlineData("沭阳县", AgencyKind.Government)]
    [InlineData("沭阳县人民政府办公室", AgencyKind.Office)]
    [InlineData("江苏省人民政府办公厅", AgencyKind.Office)]
    [InlineData("江苏省政府办公厅", AgencyKind.Office)]
    [InlineData("上海市科委", AgencyKind.Department)]
    [InlineData("沭阳县公安局", AgencyKind.Department)]
    [InlineData("沭阳县发改委", AgencyKind.Department)]
    [InlineData("沭阳县人民防空办公室", AgencyKind.Department)]
    [InlineData("泗店乡", AgencyKind.Township)]
    [InlineData("封丘县居厢镇人民政府", AgencyKind.Township)]
    [InlineData("北京市东城区东华门街道办事处", AgencyKind.Township)]
    [InlineData("沭阳县委", AgencyKind.Other)]
    [InlineData("中共沭阳县委办公室", AgencyKind.Other)]
    public void The_kind_follows_from_the_organ_and_the_level(string name, AgencyKind kind) =>
        Assert.Equal(kind, AgencyPlacer.Default.Place(name).Kind);

    [Fact]
    public void The_name_is_taken_apart_into_regions_and_organ()
    {
        var name = AgencyName.Parse("河南省信阳市新县泗店乡人民政府");
        Assert.Equal(["河南省", "信阳市", "新县", "泗店乡"], name.Regions.Select(r => r.Text));
        Assert.Equal("人民政府", name.Organ);
        var kewei = AgencyName.Parse("市科委");
        Assert.Empty(kewei.Regions);
        Assert.Equal('市', kewei.LevelWord);
        Assert.Equal("科学技术委员会", kewei.CanonicalOrgan);
        Assert.Equal("市科学技术委员会", kewei.CanonicalName);
        // 市场 begins an organ, not a level word.
        var market = AgencyName.Parse("市场监督管理局");
        Assert.Null(market.LevelWord);
        Assert.Equal("市场监督管理局", market.Organ);
    }

    [Fact]
    public void An_organ_word_that_spells_a_far_away_township_is_not_a_region()
    {
        // 人民 is the stem of many 人民街道/人民镇; inside 沭阳县 there is none, so 人民政府 stays the organ.
        var name = AgencyName.Parse("沭阳县人民政府");
        Assert.Equal(["沭阳县"], name.Regions.Select(r => r.Text));
        Assert.Equal("人民政府", name.Organ);
    }

    [Fact]
    public void Every_abbreviation_expands_to_a_longer_name_of_the_same_kind_of_organ()
    {
        foreach (var (abbr, full) in OrganNames.Abbreviations)
        {
            Assert.True(full.Length >= abbr.Length, abbr);
            Assert.Equal(AgencyKind.Department, OrganNames.KindOf(full, township: false));
            // The last character says what the organ is (局, 委员会/委, 办公室/办, 厅, 中心, 会, 社) and survives expansion.
            var lastAbbr = abbr[^1];
            Assert.True(full.EndsWith(lastAbbr) || (lastAbbr == '委' && full.EndsWith("委员会")) || (lastAbbr == '办' && full.EndsWith("办公室"))
                || (lastAbbr == '联' && full.EndsWith("联合会")) || (lastAbbr == '协' && full.EndsWith("协会")), $"{abbr} → {full}");
        }
    }
}
