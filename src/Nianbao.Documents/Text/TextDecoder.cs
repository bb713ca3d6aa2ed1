using System.Text;

namespace Nianbao.Documents.Text;

/// <summary>
/// Bytes → string for text-like files. Order of evidence: BOM, strict UTF-8, UTF-16 without BOM,
/// a declared charset (HTML meta), then GB18030. GBK and GB2312 are decoded as GB18030, their superset:
/// the cp936 decoder turns four-byte sequences into "??".
/// </summary>
public static class TextDecoder
{
    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static Encoding Gb18030 { get; } = GetGb18030();

    private static Encoding GetGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    public sealed record Decoded(string Text, string EncodingName);

    /// <summary>Decodes text; null when the bytes are not text in any encoding we know (binary data).</summary>
    public static Decoded? TryDecode(ReadOnlySpan<byte> bytes, string? declaredCharset = null)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return TryStrict(bytes[3..], StrictUtf8, "utf-8");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return new Decoded(Encoding.Unicode.GetString(bytes[2..]), "utf-16le");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return new Decoded(Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be");
        if (LooksLikeUtf16(bytes, out var bigEndian))
            return new Decoded((bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(bytes), bigEndian ? "utf-16be" : "utf-16le");
        if (HasBinaryControlBytes(bytes)) return null;
        if (TryStrict(bytes, StrictUtf8, "utf-8") is { } utf8) return utf8;
        if (declaredCharset is not null && ResolveCharset(declaredCharset) is { } declared && declared.WebName != "utf-8")
        {
            try { return new Decoded(declared.GetString(bytes), declared.WebName); }
            catch (DecoderFallbackException) { /* the declaration lied; fall through to GB18030 */ }
        }
        if (TryStrict(bytes, Gb18030, "gb18030") is { } gb && LooksLikeChinese(gb.Text)) return gb;
        return null;
    }

    /// <summary>
    /// A cheap look at the start of the bytes: a BOM, UTF-16, or no control bytes that text never has.
    /// Whether the whole file decodes is for <see cref="TryDecode"/> to say.
    /// </summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
        || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || LooksLikeUtf16(bytes, out _) || !HasBinaryControlBytes(bytes);

    /// <summary>Maps a charset label to an encoding, treating GBK/GB2312 as GB18030 (WHATWG).</summary>
    public static Encoding? ResolveCharset(string label)
    {
        var l = label.Trim().Trim('"', '\'').ToLowerInvariant();
        if (l is "gbk" or "gb2312" or "gb_2312-80" or "cp936" or "x-gbk" or "gb18030" or "euc-cn" or "csgb2312" or "chinese")
            return Gb18030;
        try { return Encoding.GetEncoding(l); } catch (ArgumentException) { return null; }
    }

    private static Decoded? TryStrict(ReadOnlySpan<byte> bytes, Encoding encoding, string name)
    {
        // Every GB18030 file fails UTF-8 first: a validity scan is far cheaper than a decoder exception.
        if (encoding is UTF8Encoding && !System.Text.Unicode.Utf8.IsValid(bytes)) return null;
        try { return new Decoded(encoding.GetString(bytes), name); }
        catch (DecoderFallbackException) { return null; }
    }

    private static bool LooksLikeUtf16(ReadOnlySpan<byte> bytes, out bool bigEndian)
    {
        bigEndian = false;
        var n = Math.Min(bytes.Length, 4096) & ~1;
        if (n < 4) return false;
        int evenZero = 0, oddZero = 0;
        for (var i = 0; i < n; i += 2)
        {
            if (bytes[i] == 0) evenZero++;
            if (bytes[i + 1] == 0) oddZero++;
        }
        var pairs = n / 2;
        // ASCII-heavy UTF-16 has a zero in every other byte; CJK-heavy UTF-16 has none, so also accept
        // text whose code units are mostly CJK (0x4E..0x9F high bytes) and contain no zero-zero pair.
        if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return true;
        if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) { bigEndian = true; return true; }
        return false;
    }

    private static bool HasBinaryControlBytes(ReadOnlySpan<byte> bytes)
    {
        var n = Math.Min(bytes.Length, 8192);
        var control = 0;
        for (var i = 0; i < n; i++)
        {
            var b = bytes[i];
            if (b == 0) return true;
            if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B)) control++;
        }
        return control > n / 100 + 2;
    }

    private static bool LooksLikeChinese(string text)
    {
        int cjk = 0, odd = 0;
        foreach (var c in text)
        {
            if (c >= 0x4E00 && c <= 0x9FFF) cjk++;
            else if (c >= 0xE000 && c <= 0xF8FF) odd++; // private use: a wrong decoding
        }
        return odd <= cjk / 20 && (cjk > 0 || text.All(c => c < 0x80));
    }
}
