using System.IO.Compression;
using Nianbao.Documents.Limits;

namespace Nianbao.Documents.Pdf;

/// <summary>
/// Inflates every zlib-compressed stream of a PDF once, counting and discarding the output, before
/// the PDF library opens it: the library inflates a stream whole into memory when a page asks for it,
/// so a 100 KB stream that inflates to gigabytes would be its problem, not ours, if it were not
/// refused here. A stream is found by its "stream" keyword, not through the cross-reference table, so
/// a damaged table cannot hide one. Streams under another filter first (ASCIIHex, LZW) are not measured
/// here; <see cref="ReadLimits.MaxReadTime"/> and the page limits bound what they can cost.
/// </summary>
internal static class PdfStreamGuard
{
    private static ReadOnlySpan<byte> Keyword => "stream"u8;

    public static void Check(byte[] bytes, ReadLimits limits, CancellationToken cancellation)
    {
        long total = 0;
        var chunks = 0;
        var buffer = new byte[64 * 1024];
        var at = 0;
        while (true)
        {
            var found = bytes.AsSpan(at).IndexOf(Keyword);
            if (found < 0) return;
            var start = at + found + Keyword.Length;
            at = start;
            // "endstream" also contains the keyword; a stream's data starts after an end-of-line.
            if (at - Keyword.Length >= 3 && bytes.AsSpan(at - Keyword.Length - 3, 3).SequenceEqual("end"u8)) continue;
            if (start < bytes.Length && bytes[start] == '\r') start++;
            if (start < bytes.Length && bytes[start] == '\n') start++;
            if (start + 2 > bytes.Length || !IsZlibHeader(bytes[start], bytes[start + 1])) continue;
            cancellation.ThrowIfCancellationRequested();
            long inflated = 0;
            try
            {
                using var zlib = new ZLibStream(new MemoryStream(bytes, start, bytes.Length - start, writable: false), CompressionMode.Decompress);
                int n;
                while ((n = zlib.Read(buffer, 0, buffer.Length)) > 0)
                {
                    inflated += n;
                    total += n;
                    if (inflated > limits.MaxDecodedStreamBytes)
                        throw ReadLimitException.TooLarge($"一个数据流解压后超过 {DocumentReaders.Mib(limits.MaxDecodedStreamBytes)}（压缩炸弹）",
                            $"a stream inflates to more than {DocumentReaders.Mib(limits.MaxDecodedStreamBytes)} (a decompression bomb)");
                    if (total > limits.MaxDecodedTotalBytes)
                        throw ReadLimitException.TooLarge($"数据流解压后共超过 {DocumentReaders.Mib(limits.MaxDecodedTotalBytes)}",
                            $"its streams inflate to more than {DocumentReaders.Mib(limits.MaxDecodedTotalBytes)} in all");
                    if ((++chunks & 255) == 0) cancellation.ThrowIfCancellationRequested();
                }
            }
            catch (InvalidDataException) { /* damaged data: the library reports the page as undecodable */ }
        }
    }

    /// <summary>RFC 1950: deflate, a window of at most 32 KB, and a header check that is a multiple of 31.</summary>
    private static bool IsZlibHeader(byte cmf, byte flg) => (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
}
