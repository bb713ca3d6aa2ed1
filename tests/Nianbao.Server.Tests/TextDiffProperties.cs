using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Nianbao.Server.Comparing;

namespace Nianbao.Server.Tests;

/// <summary>The comparison's text diff (DiffPlex, lines then characters) keeps both texts whole.</summary>
public sealed class TextDiffProperties
{
    // Short texts over a small alphabet with Chinese, digits and line breaks: many shared runs, many edits.
    private static readonly Gen<string> Text =
        Gen.Elements('年', '报', '公', '开', '申', '请', '1', '2', '3', '\n', '，', '。')
            .ArrayOf().Select(chars => new string(chars));

    [Property(MaxTest = 300)]
    public Property Equal_and_deleted_segments_spell_the_left_text_equal_and_inserted_the_right() =>
        Prop.ForAll(Text.ToArbitrary(), Text.ToArbitrary(), (left, right) =>
        {
            var segments = TextDiff.Diff(left, right);
            return TextDiff.Left(segments) == left && TextDiff.Right(segments) == right
                && segments.All(s => s.Text.Length > 0)
                && segments.Zip(segments.Skip(1)).All(p => p.First.Kind != p.Second.Kind);
        });

    [Property(MaxTest = 100)]
    public Property A_text_against_itself_is_one_equal_segment(NonEmptyString text) =>
        (TextDiff.Diff(text.Get, text.Get) is [{ Kind: SegmentKind.Equal } only] && only.Text == text.Get).ToProperty();

    [Fact]
    public void A_changed_year_is_marked_as_the_characters_that_changed()
    {
        var segments = TextDiff.Diff("2022年，本机关收到申请12件。\n其他不变。", "2023年，本机关收到申请15件。\n其他不变。");
        Assert.Equal(
            [("equal", "202"), ("deleted", "2"), ("inserted", "3"), ("equal", "年，本机关收到申请1"), ("deleted", "2"), ("inserted", "5"), ("equal", "件。\n其他不变。")],
            segments.Select(s => (s.Kind, s.Text)));
    }
}
