using System.Text;

namespace Nianbao.Documents.Model;

/// <summary>
/// Normalizes text for recognition, one character at a time so every normalized offset maps back
/// to the raw text. Deliberately narrower than NFKC over everything: NFKC would also rewrite ①, ㎡
/// and ℃, which we keep as printed.
/// </summary>
public static class TextNormalizer
{
    // CJK Radicals Supplement: NFKC maps only two of them (U+2E9F, U+2EF3); PDFs made with Noto/Source
    // Han fonts emit these for the simplified characters below.
    private static readonly Dictionary<int, string> RadicalSupplement = new()
    {
        [0x2EA0] = "民", [0x2EC4] = "西", [0x2EC5] = "见", [0x2EC6] = "角", [0x2EC8] = "讠", [0x2EC9] = "贝",
        [0x2ECB] = "车", [0x2ED0] = "钅", [0x2ED3] = "长", [0x2ED4] = "门", [0x2ED8] = "青", [0x2ED9] = "韦",
        [0x2EDA] = "页", [0x2EDB] = "风", [0x2EDC] = "飞", [0x2EDD] = "食", [0x2EE2] = "马", [0x2EE5] = "鱼",
        [0x2EE6] = "鸟", [0x2EE7] = "卤", [0x2EE8] = "麦", [0x2EE9] = "黄", [0x2EEA] = "黾", [0x2EEC] = "齐",
        [0x2EEE] = "齿", [0x2EF0] = "龙", [0x2EF3] = "龟", [0x2E9F] = "母",
    };

    // NFKC maps these Kangxi radicals to traditional forms; the reports are in simplified Chinese.
    private static readonly Dictionary<int, string> KangxiSimplified = new()
    {
        [0x2F3E] = "户", [0x2F92] = "见", [0x2F99] = "贝", [0x2F9E] = "车", [0x2FA7] = "长", [0x2FA8] = "门",
        [0x2FB1] = "韦", [0x2FB4] = "页", [0x2FB5] = "风", [0x2FB6] = "飞", [0x2FBA] = "马", [0x2FC2] = "鱼",
        [0x2FC3] = "鸟", [0x2FC4] = "卤", [0x2FC6] = "麦", [0x2FC8] = "黄", [0x2FCC] = "黾", [0x2FD1] = "齐",
        [0x2FD2] = "齿", [0x2FD3] = "龙", [0x2FD4] = "龟",
    };

    public static NormalizedText Normalize(string raw)
    {
        var value = new StringBuilder(raw.Length);
        var rawIndex = new List<int>(raw.Length + 1);
        Append(raw, 0, value, rawIndex, null);
        rawIndex.Add(raw.Length);
        return new NormalizedText(raw, value.ToString(), rawIndex.ToArray());
    }

    /// <summary>
    /// Appends <paramref name="text"/> to <paramref name="raw"/> and its normalized form to
    /// <paramref name="value"/>, recording for each normalized char the raw offset it came from.
    /// <paramref name="onChar"/> is told, for each normalized char, its offset within <paramref name="text"/>.
    /// </summary>
    public static void AppendNormalized(string text, StringBuilder raw, StringBuilder value, List<int> rawIndex, Action<int>? onChar)
    {
        var rawBase = raw.Length;
        raw.Append(text);
        Append(text, rawBase, value, rawIndex, onChar);
    }

    private static void Append(string text, int rawBase, StringBuilder value, List<int> rawIndex, Action<int>? onChar)
    {
        for (var i = 0; i < text.Length;)
        {
            int cp;
            int width;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                cp = char.ConvertToUtf32(text[i], text[i + 1]);
                width = 2;
            }
            else
            {
                cp = text[i];
                width = 1;
            }
            // Nearly every character stays as it is: copied without a string per character.
            var mapped = Map(cp, text, i);
            var count = mapped?.Length ?? width;
            for (var k = 0; k < count; k++)
            {
                value.Append(mapped is null ? text[i + k] : mapped[k]);
                rawIndex.Add(rawBase + i);
                onChar?.Invoke(i);
            }
            i += width;
        }
    }

    /// <summary>The replacement for one code point, or null to keep it as it is.</summary>
    private static string? Map(int cp, string text, int index)
    {
        switch (cp)
        {
            case '\r':
                // CRLF → LF; a lone CR is a line break too.
                return index + 1 < text.Length && text[index + 1] == '\n' ? "" : "\n";
            case 0x00A0 or 0x3000 or 0x202F or 0x205F or 0x1680:
            case >= 0x2000 and <= 0x200A:
                return " ";
            case 0x200B or 0x200C or 0x200D or 0x2060 or 0xFEFF or 0x00AD:
                return "";
            case 0x2212 or 0x2010 or 0x2011:
                return "-";
            case >= 0xFF01 and <= 0xFF5E:
                return ((char)(cp - 0xFEE0)).ToString();
            case >= 0x2F00 and <= 0x2FDF:
                return KangxiSimplified.TryGetValue(cp, out var simplified) ? simplified : char.ConvertFromUtf32(cp).Normalize(NormalizationForm.FormKC);
            case >= 0x2E80 and <= 0x2EFF:
                return RadicalSupplement.GetValueOrDefault(cp);
            case >= 0xF900 and <= 0xFAFF:
                var nfc = char.ConvertFromUtf32(cp).Normalize(NormalizationForm.FormC);
                return nfc.Length == 1 && nfc[0] == cp ? null : nfc;
            default:
                return null;
        }
    }

    /// <summary>
    /// Guards against a runtime without ICU (InvariantGlobalization): there Normalize silently does
    /// nothing and every Kangxi-radical report would fail to match its labels.
    /// </summary>
    public static void EnsureNormalizationWorks()
    {
        if ("\u2F00".Normalize(NormalizationForm.FormKC) != "一")
            throw new InvalidOperationException(
                "Unicode normalization does not work in this runtime (InvariantGlobalization or missing ICU). Install libicu.");
    }
}
