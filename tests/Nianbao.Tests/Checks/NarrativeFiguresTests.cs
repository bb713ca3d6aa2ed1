using Nianbao.Domain.Narrative;
using Nianbao.Checks;
using static Nianbao.Domain.Narrative.NarrativeMeasure;

namespace Nianbao.Tests.Checks;

public class NarrativeFiguresTests
{
    [Theory]
    [InlineData("2022年，本机关共收到申请75件。", Received, 75)]
    [InlineData("全年收到政府信息公开申请34件，所有申请均已办理完成。", Received, 34)]
    [InlineData("2024年，我区受理政府信息公开申请 17 件，均已在法定期限内予以答复。", Received, 17)]
    [InlineData("本年度全区共收到70件申请，及时依法依规办结69件。", Received, 70)]
    [InlineData("本年新收政府信息公开申请十二件。", Received, 12)]
    [InlineData("2022年，乡政府未收到公开申请；", Received, 0)]
    [InlineData("本年度全区共收到70件申请，及时依法依规办结69件。", Handled, 69)]
    [InlineData("1件结转下年度继续办理。", CarriedForward, 1)]
    [InlineData("结转下年度继续办理3件。", CarriedForward, 3)]
    [InlineData("另有103件顺延到下年度答复。", CarriedForward, 103)]
    [InlineData("上年结转政府信息公开申请2件，所有申请均已按要求办理完成。", CarriedOver, 2)]
    [InlineData("答复3050件（含上年度结转申请34件）。", CarriedOver, 34)]
    [InlineData("本年度发生行政复议2件，行政诉讼0件。", Reviews, 2)]
    [InlineData("本年度发生行政复议2件，行政诉讼0件。", Lawsuits, 0)]
    [InlineData("政府信息公开行政复议 351\n件，其中结果维持 72 件。", Reviews, 351)]
    [InlineData("本年度未发生因政府信息公开引起的行政复议、行政诉讼。", Reviews, 0)]
    [InlineData("本年度未发生因政府信息公开引起的行政复议、行政诉讼。", Lawsuits, 0)]
    [InlineData("2024 年，全市共受理政府信息公开申请 3119 件，答\n复 3050 件", Received, 3119)]
    public void States_a_figure(string text, NarrativeMeasure measure, int value)
    {
        var figure = Assert.Single(NarrativeFigures.Extract(text), f => f.Measure == measure);

        Assert.Equal(value, figure.Value);
        // The span points back into the text as given, line breaks and all.
        Assert.Equal(figure.Phrase, text.Substring(figure.Start, figure.Length).Replace("\n", "").Replace(" ", ""));
    }

    [Theory]
    [InlineData("“12345”政府热线综合平台共受理咨询投诉4件次。")]
    [InlineData("本年度共收到申请约70件。")]
    [InlineData("本年度共收到申请70余件。")]
    [InlineData("较上年收到申请40件有所增加。")]
    [InlineData("去年共收到申请40件。")]
    [InlineData("未收到申请人投诉。")]
    [InlineData("截至目前以乡政府名义印发文件共计185件。")]
    [InlineData("共收到依申请公开信息0条。")]
    [InlineData("未发生被行政复议纠错的情况。")]
    [InlineData("本年新收政府信息公开申请数量640020470")]
    [InlineData("对不予受理申请2件已书面告知。")]
    [InlineData("尚未办结3件。")]
    public void Says_nothing_about_ambiguous_or_unrelated_phrases(string text)
    {
        Assert.Empty(NarrativeFigures.Extract(text));
    }

    [Fact]
    public void An_application_for_review_is_not_an_application_for_information()
    {
        var figures = NarrativeFigures.Extract("本年度收到行政复议申请2件。");

        var figure = Assert.Single(figures);
        Assert.Equal(Reviews, figure.Measure);
        Assert.Equal(2, figure.Value);
    }

    [Fact]
    public void Numbers_split_by_a_space_are_not_joined()
    {
        Assert.Empty(NarrativeFigures.Extract("共收到申请12 34件。"));
    }

    [Fact]
    public void Keeps_the_year_the_sentence_names_and_the_keyword()
    {
        var figure = Assert.Single(NarrativeFigures.Extract("2021年1月1日至12月31日期间，2021年共受理政府信息公开申请5件。"));

        Assert.Equal(2021, figure.StatedYear);
        Assert.Equal("受理", figure.Keyword);
        Assert.Equal("受理政府信息公开申请5件", figure.Phrase);
    }

    [Theory]
    [InlineData("十", 10)]
    [InlineData("十二", 12)]
    [InlineData("二十", 20)]
    [InlineData("九十九", 99)]
    [InlineData("两", 2)]
    [InlineData("零", 0)]
    [InlineData("1,234", 1234)]
    [InlineData("一二", null)]
    [InlineData("十十", null)]
    [InlineData("零十", null)]
    public void Parses_small_chinese_numerals(string text, int? value)
    {
        Assert.Equal(value, NarrativeFigures.ParseNumber(text));
    }
}
