using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Nianbao.Archive;

namespace Nianbao.Archive.Tests;

/// <summary>
/// <see cref="AgencyNames.Normalize"/> skips ICU for names NFKC leaves alone: its key must be the one NFKC
/// without white space gives, for those names and for every other.
/// </summary>
public class AgencyNamesTests
{
    private static string Reference(string name) =>
        new(name.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray());

    // CJK ideographs at both ends of the block, ASCII, and characters NFKC rewrites or drops from the key:
    // full-width forms, a Kangxi radical, compatibility ideographs, ①, ㎡, spaces of several kinds.
    private static readonly char[] Alphabet =
    [
        '\u4e00', '沭', '阳', '县', '人', '民', '政', '府', '\u9fa5', '\u9fff', 'A', 'z', '0', '9', '(', ')', '-', '~',
        '（', '）', 'Ａ', '１', '\u2f00', '\uf900', '\ufa0e', '①', '㎡', ' ', '\u3000', '\t', '\u00a0', '\u3400', '々', '〇',
    ];

    [Property(MaxTest = 500)]
    public bool The_key_is_nfkc_without_white_space(int[] picks)
    {
        var name = new string((picks ?? []).Select(i => Alphabet[Math.Abs(i % Alphabet.Length)]).ToArray());
        return AgencyNames.Normalize(name) == Reference(name);
    }

    [Theory]
    [InlineData("沭阳县人民政府", "沭阳县人民政府")]
    [InlineData("沭阳县 人民政府", "沭阳县人民政府")]
    [InlineData("沭阳县（人民政府）", "沭阳县(人民政府)")]
    [InlineData("\u2f00市科委", "一市科委")]
    public void Known_names(string name, string key) => Assert.Equal(key, AgencyNames.Normalize(name));
}
