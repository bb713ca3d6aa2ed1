namespace Nianbao.Recognition.Text;

/// <summary>
/// The normalized text with all whitespace removed, for matching labels that PDF extraction and
/// web pages break with spaces and newlines ("本 年 新 收", "2024 年"). Offsets map back.
/// </summary>
public sealed class CompactText
{
    private readonly int[] _toNormalized;

    public CompactText(string normalized)
    {
        var chars = new char[normalized.Length];
        var map = new int[normalized.Length + 1];
        var n = 0;
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (char.IsWhiteSpace(c) || c == '|' || c == '#') continue;
            chars[n] = c;
            map[n] = i;
            n++;
        }
        map[n] = normalized.Length;
        Value = new string(chars, 0, n);
        _toNormalized = map[..(n + 1)];
    }

    public string Value { get; }

    /// <summary>The normalized-text offset of compact offset <paramref name="index"/>.</summary>
    public int ToNormalized(int index) => _toNormalized[Math.Clamp(index, 0, _toNormalized.Length - 1)];

    /// <summary>The compact offset of the first compact char at or after normalized offset <paramref name="normalizedIndex"/>.</summary>
    public int FromNormalized(int normalizedIndex)
    {
        var i = Array.BinarySearch(_toNormalized, normalizedIndex);
        return i >= 0 ? i : ~i;
    }

    /// <summary>First occurrence of any key at or after <paramref name="from"/> and before <paramref name="to"/>; (-1, null) if none.</summary>
    public (int Index, string? Key) FindFirst(IEnumerable<string> keys, int from, int to = int.MaxValue)
    {
        var best = -1;
        string? bestKey = null;
        to = Math.Min(to, Value.Length);
        foreach (var key in keys)
        {
            if (from >= to) break;
            var i = Value.IndexOf(key, from, to - from, StringComparison.Ordinal);
            if (i >= 0 && (best < 0 || i < best)) { best = i; bestKey = key; }
        }
        return (best, bestKey);
    }
}
