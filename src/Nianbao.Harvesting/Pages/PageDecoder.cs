using System.Text;
using System.Text.RegularExpressions;

namespace Nianbao.Harvesting.Pages;

/// <summary>
/// Web page bytes → text, for finding links (the readers decode a page again for its report). Evidence
/// in order: the HTTP charset, a BOM, strict UTF-8, a <c>&lt;meta&gt;</c> charset, else GB18030 — what
/// Chinese government pages that declare nothing are written in. GBK/GB2312 decode as GB18030.
/// </summary>
public static partial class PageDecoder
{
    static PageDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    public static string Decode(byte[] bytes, string? contentType)
    {
        if (Charset().Match(contentType ?? "") is { Success: true } header && Resolve(header.Groups[1].Value) is { } declared)
            return declared.GetString(bytes);
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        try { return new UTF8Encoding(false, true).GetString(bytes); }
        catch (DecoderFallbackException) { }
        var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 1024));
        if (Charset().Match(head) is { Success: true } meta && Resolve(meta.Groups[1].Value) is { } metaEncoding)
            return metaEncoding.GetString(bytes);
        return Gb18030.GetString(bytes);
    }

    private static Encoding? Resolve(string label)
    {
        label = label.Trim().Trim('"', '\'').ToLowerInvariant();
        if (label is "gbk" or "gb2312" or "gb_2312-80" or "x-gbk" or "cp936" or "gb18030") return Gb18030;
        try { return Encoding.GetEncoding(label); }
        catch (ArgumentException) { return null; }
    }

    [GeneratedRegex(@"charset\s*=\s*[""']?([\w\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Charset();
}
