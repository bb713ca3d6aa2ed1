using System.IO.Compression;
using Nianbao.Documents.Limits;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Nianbao.Documents.Pdf;

/// <summary>
/// The PDF library's stream filters, each measured before it runs: <see cref="PdfStreamGuard"/> can
/// only see streams whose bytes in the file are zlib data, but a stream under ASCIIHexDecode,
/// ASCII85Decode, LZWDecode or RunLengthDecode — alone or before FlateDecode — is decoded by the
/// library whole into memory, and LZW or RunLength data, or Flate data behind another filter, can
/// decode to gigabytes from a few kilobytes. So every filter stage first counts what it would
/// produce (LZW and RunLength by walking their codes, Flate by inflating into nothing), stops at
/// <see cref="ReadLimits.MaxDecodedStreamBytes"/>, and adds what it decodes to a total held against
/// <see cref="ReadLimits.MaxDecodedTotalBytes"/>. The library may catch what a filter throws and read
/// the page as empty, so the first limit passed is also kept and the reader refuses the file with it
/// (<see cref="ThrowIfExceeded"/>): a limit never degrades into a partly read document.
/// </summary>
internal sealed class PdfFilterGuard(ReadLimits limits, CancellationToken cancellation) : IFilterProvider
{
    private readonly IFilterProvider _inner = DefaultFilterProvider.Instance;
    private long _total;

    /// <summary>The first limit a stream went past, whether or not the library let the exception through.</summary>
    public ReadLimitException? Exceeded { get; private set; }

    public void ThrowIfExceeded()
    {
        if (Exceeded is { } exceeded) throw exceeded;
    }

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(_inner.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(_inner.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Wrap(_inner.GetAllFilters());

    private IReadOnlyList<IFilter> Wrap(IReadOnlyList<IFilter> filters) => filters.Select(f => (IFilter)new Measured(f, this)).ToList();

    private ReadLimitException Refuse(ReadLimitException problem)
    {
        Exceeded ??= problem;
        return problem;
    }

    private ReadLimitException StreamTooLarge(string filter) => Refuse(ReadLimitException.TooLarge(
        $"一个数据流（{filter}）解码后超过 {DocumentReaders.Mib(limits.MaxDecodedStreamBytes)}（压缩炸弹）",
        $"a stream ({filter}) decodes to more than {DocumentReaders.Mib(limits.MaxDecodedStreamBytes)} (a decompression bomb)"));

    private ReadLimitException TotalTooLarge() => Refuse(ReadLimitException.TooLarge(
        $"数据流解码后共超过 {DocumentReaders.Mib(limits.MaxDecodedTotalBytes)}",
        $"its streams decode to more than {DocumentReaders.Mib(limits.MaxDecodedTotalBytes)} in all"));

    /// <summary>Counts the bytes one stage would produce, then lets the library's filter decode them.</summary>
    private void Measure(IFilter filter, ReadOnlySpan<byte> input, DictionaryToken dictionary, int index)
    {
        cancellation.ThrowIfCancellationRequested();
        var limit = limits.MaxDecodedStreamBytes;
        var (name, size) = filter switch
        {
            LzwFilter => ("LZWDecode", PdfDecodedSize.Lzw(input, EarlyChange(dictionary, index), limit, cancellation)),
            RunLengthFilter => ("RunLengthDecode", PdfDecodedSize.RunLength(input)),
            FlateFilter => ("FlateDecode", PdfDecodedSize.Flate(input, limit, cancellation)),
            // Hex halves its input and ASCII85 ("z" is four zero bytes) at most quadruples it.
            AsciiHexDecodeFilter => ("ASCIIHexDecode", (long)input.Length / 2 + 1),
            Ascii85Filter => ("ASCII85Decode", (long)input.Length * 4),
            _ => (filter.GetType().Name, 0L),
        };
        if (size > limit) throw StreamTooLarge(name);
    }

    private void Count(IFilter filter, long decoded)
    {
        if (decoded > limits.MaxDecodedStreamBytes) throw StreamTooLarge(filter.GetType().Name);
        if (Interlocked.Add(ref _total, decoded) > limits.MaxDecodedTotalBytes) throw TotalTooLarge();
    }

    private static int EarlyChange(DictionaryToken dictionary, int index)
    {
        var parameters = DecodeParameterResolver.GetFilterParameters(dictionary, index);
        return parameters.Data.TryGetValue("EarlyChange", out var value) && value is NumericToken number ? number.Int : 1;
    }

    private sealed class Measured(IFilter inner, PdfFilterGuard guard) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            if (guard.Exceeded is { } exceeded) throw exceeded;
            guard.Measure(inner, input.Span, streamDictionary, filterIndex);
            var decoded = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            guard.Count(inner, decoded.Length);
            return decoded;
        }
    }
}

/// <summary>
/// How many bytes a filter's data decodes to, found without keeping the output. Each stops counting
/// once past <c>limit</c> (the caller refuses the stream then), so measuring costs at most the limit.
/// </summary>
internal static class PdfDecodedSize
{
    private const int ClearTable = 256, EndOfData = 257, FirstCode = 258;

    /// <summary>What a decoder's table entry costs besides its bytes (an array's header and its slot in a list).</summary>
    public const int EntryOverhead = 32;

    /// <summary>
    /// LZW as PDF defines it (9- to 12-bit codes, 256 clears the table, 257 ends, EarlyChange): only
    /// the length of each table entry is kept, so a stream whose codes name ever longer entries — the
    /// LZW bomb, output growing with the square of the input — is measured in one pass over the codes.
    /// The table is not capped at 4096 entries, as some decoders do not cap it, so this is an upper bound;
    /// and because such a decoder keeps every entry as an array of its own, a stream that never clears its
    /// table makes it hold them all: each entry's bytes (and <see cref="EntryOverhead"/>) count too.
    /// </summary>
    public static long Lzw(ReadOnlySpan<byte> data, int earlyChange, long limit, CancellationToken cancellation)
    {
        // Codes are at most 12 bits, so only the first 4096 entries can ever be named; past them only
        // how many there are matters (for the cost of holding them).
        var lengths = new long[4096];
        var count = FirstCode;
        for (var i = 0; i < FirstCode; i++) lengths[i] = 1;
        long total = 0;
        var previous = -1;
        var width = 9;
        long bitPosition = 0;
        var totalBits = (long)data.Length * 8;
        while (bitPosition + width <= totalBits)
        {
            var code = 0;
            for (var b = 0; b < width; b++, bitPosition++)
                code = (code << 1) | ((data[(int)(bitPosition >> 3)] >> (7 - (int)(bitPosition & 7))) & 1);
            if (code == ClearTable)
            {
                count = FirstCode;
                previous = -1;
                width = 9;
                continue;
            }
            if (code == EndOfData) break;
            long length;
            if (code < count) length = lengths[code];
            else if (previous >= 0) length = lengths[previous] + 1;
            else break; // an undefined code first: the decoder stops here
            total += length;
            if (previous >= 0)
            {
                var entry = lengths[previous] + 1;
                if (count < lengths.Length) lengths[count] = entry;
                count++;
                total += entry + EntryOverhead;
            }
            if (total > limit) return total;
            // A code naming the entry being made (code == count before it was made) is that entry now.
            previous = Math.Min(code, count - 1);
            var size = count + earlyChange;
            width = size >= 2048 ? 12 : size >= 1024 ? 11 : size >= 512 ? 10 : 9;
            if ((count & 4095) == 0) cancellation.ThrowIfCancellationRequested();
        }
        return total;
    }

    /// <summary>RunLength: a length byte n &lt; 128 copies n + 1 bytes, n &gt; 128 repeats one byte 257 − n times, 128 ends.</summary>
    public static long RunLength(ReadOnlySpan<byte> data)
    {
        long total = 0;
        for (var i = 0; i < data.Length;)
        {
            var n = data[i];
            if (n == 128) break;
            if (n < 128) { total += n + 1; i += n + 2; }
            else { total += 257 - n; i += 2; }
        }
        return total;
    }

    /// <summary>Deflate data, with or without its zlib header, inflated into a counter; damaged data counts up to the damage.</summary>
    public static long Flate(ReadOnlySpan<byte> data, long limit, CancellationToken cancellation)
    {
        var bytes = data.ToArray();
        var start = bytes.Length >= 2 && (bytes[0] & 0x0F) == 8 && ((bytes[0] << 8) | bytes[1]) % 31 == 0 ? 2 : 0;
        var buffer = new byte[64 * 1024];
        long total = 0;
        try
        {
            using var inflate = new DeflateStream(new MemoryStream(bytes, start, bytes.Length - start, writable: false), CompressionMode.Decompress);
            int n;
            var chunks = 0;
            while ((n = inflate.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += n;
                if (total > limit) return total;
                if ((++chunks & 255) == 0) cancellation.ThrowIfCancellationRequested();
            }
        }
        catch (InvalidDataException) { /* damaged: the library decodes no more than this either */ }
        return total;
    }
}
