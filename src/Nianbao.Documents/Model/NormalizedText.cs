namespace Nianbao.Documents.Model;

/// <summary>
/// Text prepared for recognition, with a map back to the text as extracted. Recognizers match on
/// <see cref="Value"/>; every offset they report can be turned back into the raw text with
/// <see cref="ToRaw"/>, so a number's position always points into the original.
/// </summary>
public sealed class NormalizedText
{
    private readonly int[] _rawIndex;

    internal NormalizedText(string raw, string value, int[] rawIndex)
    {
        Raw = raw;
        Value = value;
        _rawIndex = rawIndex;
    }

    /// <summary>The text as the format reader extracted it (decoded, not normalized).</summary>
    public string Raw { get; }

    /// <summary>The normalized text recognizers work on.</summary>
    public string Value { get; }

    public int Length => Value.Length;

    /// <summary>The raw offset of normalized offset <paramref name="index"/> (Length maps to Raw.Length).</summary>
    public int ToRaw(int index) => _rawIndex[Math.Clamp(index, 0, _rawIndex.Length - 1)];

    /// <summary>The raw text behind a normalized range.</summary>
    public string RawSlice(int start, int length)
    {
        var a = ToRaw(start);
        var b = ToRaw(start + length);
        return Raw[a..Math.Max(a, b)];
    }

    public static NormalizedText Of(string raw) => TextNormalizer.Normalize(raw);
}
