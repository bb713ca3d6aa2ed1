using System.Text;
using System.Text.RegularExpressions;
using Nianbao.Documents.Text;

namespace Nianbao.Documents.Html;

/// <summary>
/// Decodes a saved web page. Evidence in this order: byte-order mark, strict UTF-8, the charset a
/// <c>&lt;meta&gt;</c> declares in the first 1024 bytes, then GB18030 — the usual encoding of Chinese
/// government pages that declare nothing. GBK and GB2312 labels decode as GB18030 (their superset).
/// AngleSharp is never left to guess: without a hint it would decode GBK bytes as UTF-8.
/// </summary>
public static partial class HtmlEncodingSniffer
{
    public const int PrescanLength = 1024;

    /// <summary>Appended to the encoding name when bytes had to be replaced.</summary>
    public const string LenientMarker = " (with undecodable bytes)";

    public static TextDecoder.Decoded Decode(byte[] bytes)
    {
        var declared = DeclaredCharset(bytes);
        if (TextDecoder.TryDecode(bytes, declared) is { } decoded) return decoded;
        // Not clean in any encoding we trust: decode as declared (or GB18030) with replacement characters,
        // so one bad byte in a footer does not lose the whole report.
        var encoding = (declared is null ? null : TextDecoder.ResolveCharset(declared)) ?? TextDecoder.Gb18030;
        var lenient = Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        return new TextDecoder.Decoded(lenient.GetString(bytes), lenient.WebName + LenientMarker);
    }

    /// <summary>The charset label of a <c>meta charset</c> or <c>http-equiv content-type</c> in the first 1024 bytes, if any.</summary>
    public static string? DeclaredCharset(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, PrescanLength)]);
        foreach (Match meta in MetaTag().Matches(head))
        {
            var attributes = meta.Groups[1].Value;
            var charset = CharsetAttribute().Match(attributes);
            if (charset.Success) return charset.Groups[1].Value;
            if (HttpEquivContentType().IsMatch(attributes) && ContentAttribute().Match(attributes) is { Success: true } content
                && CharsetInContent().Match(content.Groups[1].Value) is { Success: true } inContent)
                return inContent.Groups[1].Value;
        }
        return null;
    }

    [GeneratedRegex(@"<meta\b([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex MetaTag();

    [GeneratedRegex(@"\bcharset\s*=\s*[""']?\s*([A-Za-z0-9_.:\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetAttribute();

    [GeneratedRegex(@"\bhttp-equiv\s*=\s*[""']?\s*content-type", RegexOptions.IgnoreCase)]
    private static partial Regex HttpEquivContentType();

    [GeneratedRegex(@"\bcontent\s*=\s*(""[^""]*""|'[^']*'|[^\s>]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ContentAttribute();

    [GeneratedRegex(@"charset\s*=\s*[""']?\s*([A-Za-z0-9_.:\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetInContent();
}
