using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Nianbao.Regions.Placement;

namespace Nianbao.Regions.Tests.Placement;

/// <summary>
/// <see cref="PlacementMemo"/> reuses placements for the same name and the same mentions in the text: every
/// answer must be the one the placer gives for that name and text, whatever was asked before.
/// </summary>
public class PlacementMemoTests
{
    private static readonly AgencyPlacer Placer = AgencyPlacer.Default;

    // Names that place, that stay ambiguous (大寨乡 is in three provinces), that name no division (市科委).
    private static readonly string[] Names =
    [
        "泗店乡人民政府", "大寨乡人民政府", "大寨乡", "朝阳区人民政府", "市科委", "新华街道办事处", "沭阳县政府", "州民政局", "火星市人民政府", "平潭综合实验区管委会",
    ];

    // Pieces of report text: divisions at several levels, the same division twice, level words, none.
    private static readonly string[] Pieces =
    [
        "本年度", "新县", "河南省信阳市新县", "光山县", "长春市", "吉林省长春市", "红河州", "州委、州政府", "省州县政府", "县委县政府",
        "上海市", "上海市", "滑县", "崆峒区", "金平县", "临河区", "呼伦贝尔市", "。", "信阳", "", "沭阳县",
    ];

    private static string Describe(AgencyPlacement p) =>
        string.Join(" | ", p.Name.Raw, p.Name.Normalized, p.Name.CanonicalOrgan, p.Status, p.Region?.Code, p.Kind, p.Level, p.CanonicalKey,
            string.Join(",", p.Candidates.Select(c => c.Code)), string.Join(";", p.Evidence.Select(e => $"{e.Kind}/{e.Text}/{e.DivisionCode}/{e.Count}")));

    [Property(MaxTest = 60)]
    public bool Each_answer_is_the_placers_answer_for_that_name_and_text(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var memo = new PlacementMemo(Placer, capacity: 16);
        // Few texts per name, asked in turn and again: answers come from the memo as well as fresh.
        var texts = Enumerable.Range(0, 6).Select(_ => string.Join("", Enumerable.Range(0, random.Next(0, 6)).Select(_ => Pieces[random.Next(Pieces.Length)]))).ToArray();
        for (var i = 0; i < 80; i++)
        {
            var name = Names[random.Next(Names.Length)];
            var text = texts[random.Next(texts.Length)];
            if (Describe(memo.Place(name, text)) != Describe(Placer.Place(name, text))) return false;
        }
        return true;
    }

    [Fact]
    public void A_text_naming_another_division_is_placed_anew()
    {
        var memo = new PlacementMemo(Placer);
        var alone = memo.Place("泗店乡人民政府", "本年度，我乡认真贯彻落实条例。");
        var henan = memo.Place("泗店乡人民政府", "本年度，新县泗店乡认真贯彻落实条例。新县");
        var again = memo.Place("泗店乡人民政府", "本年度，我乡认真贯彻落实条例。");
        Assert.Equal(PlacementStatus.Placed, henan.Status);
        Assert.Equal("411523209", henan.Code);
        Assert.Equal(Describe(Placer.Place("泗店乡人民政府", "本年度，我乡认真贯彻落实条例。")), Describe(alone));
        Assert.Equal(Describe(alone), Describe(again));
        Assert.NotEqual(Describe(alone), Describe(henan));
    }

    [Fact]
    public void The_same_division_named_more_often_is_not_the_same_mentions()
    {
        // The evidence counts the mentions: a memo keyed on the divisions alone would give the first count again.
        var memo = new PlacementMemo(Placer);
        var once = memo.Place("泗店乡人民政府", "新县");
        var thrice = memo.Place("泗店乡人民政府", "新县新县新县");
        Assert.Equal(Describe(Placer.Place("泗店乡人民政府", "新县新县新县")), Describe(thrice));
        Assert.NotEqual(Describe(once), Describe(thrice));
    }
}
