using System.Text;
using Nianbao.Documents;
using Nianbao.Documents.Model;
using Nianbao.Robustness.Tests.Support;

namespace Nianbao.Robustness.Tests;

/// <summary>
/// PDF streams under ASCIIHexDecode, LZWDecode and RunLengthDecode, alone or in front of FlateDecode,
/// are bounded like Flate: the decoded size of one stream and of all of them, each a named limit
/// (<see cref="ReadLimits.MaxDecodedStreamBytes"/>, <see cref="ReadLimits.MaxDecodedTotalBytes"/>),
/// refused as a whole with a message naming the filter — and honest streams under them still read.
/// </summary>
public sealed class PdfFilterTests
{
    private static readonly TimeSpan Time = TimeSpan.FromSeconds(30);
    // Mid-page, so it is not taken for a running header or a page number.
    private static readonly byte[] Line = "BT /F1 12 Tf 72 400 Td (applications 12 34 received) Tj ET\n"u8.ToArray();

    private static Outcome<SourceDocument> Read(byte[] bytes, string name, ReadLimits? limits = null, long memory = 64 * Budget.MiB) =>
        Budget.Run(() => DocumentReaders.Default.Read(bytes, name, limits ?? ReadLimits.Default, CancellationToken.None), Time, memory);

    private static DocumentReadException TooLarge(Outcome<SourceDocument> outcome)
    {
        Assert.True(outcome.Refusal is not null, $"expected a refusal, got a document: {outcome}");
        Assert.Equal(ReadFailure.TooLarge, outcome.Refusal!.Kind);
        return outcome.Refusal;
    }

    private static void ReadsTheLine(Outcome<SourceDocument> outcome)
    {
        Assert.True(outcome.Value is not null, $"expected a document: {outcome}");
        Assert.Contains("12 34", outcome.Value!.Text.Value + " | " + string.Join(",", outcome.Value.Notices.Select(n => n.Message)));
    }

    [Fact]
    public void The_bomb_generator_is_what_it_claims()
    {
        // The LZW bomb must be one to make the tests below mean something: count what it decodes to.
        var lzw = Bombs.Lzw([], bombCodes: 100_000);
        Assert.True(lzw.Length < 200 * 1024, $"{lzw.Length} bytes");
        var decoded = LzwReference(lzw);
        Assert.True(decoded > 300 * Budget.MiB, $"decodes to {decoded >> 20} MB");
        Assert.Equal(Line.LongLength, LzwReference(Bombs.Lzw(Line)));
    }

    [Fact]
    public void An_lzw_stream_decoding_to_hundreds_of_megabytes_is_refused_before_the_library_decodes_it()
    {
        var pdf = Bombs.PdfWithFilteredContent(Bombs.Lzw(Line, bombCodes: 100_000), "/LZWDecode");
        Assert.True(pdf.Length < 200 * 1024);
        var ex = TooLarge(Read(pdf, "lzw.pdf"));
        Assert.Contains("LZWDecode", ex.Message);
        Assert.Contains("128 MB", ex.Message);
        Assert.StartsWith("lzw.pdf: 文件过大：", ex.Message);
    }

    [Fact]
    public void An_lzw_stream_that_never_clears_its_table_is_refused_by_what_the_table_would_hold()
    {
        // Six million codes, no clear-table code: a decoder that does not cap its table keeps six
        // million entries (~200 MB) for six megabytes of output. The table's cost counts against the limit.
        var text = new byte[6_000_000];
        for (var i = 0; i < text.Length; i++) text[i] = (byte)('a' + i % 26);
        var pdf = Bombs.PdfWithFilteredContent(Bombs.Lzw(text), "/LZWDecode");
        var ex = TooLarge(Read(pdf, "table.pdf"));
        Assert.Contains("LZWDecode", ex.Message);
    }

    [Fact]
    public void A_flate_bomb_behind_ascii_hex_is_refused()
    {
        // The bytes after "stream" are hex digits, not zlib data: only the filter chain finds the bomb.
        var pdf = Bombs.PdfWithFilteredContent(Bombs.AsciiHex(Bombs.ZlibOfSpaces(300 * Budget.MiB)), "[/ASCIIHexDecode /FlateDecode]");
        var ex = TooLarge(Read(pdf, "hex-flate.pdf"));
        Assert.Contains("FlateDecode", ex.Message);
        Assert.Contains("128 MB", ex.Message);
    }

    [Fact]
    public void A_flate_bomb_behind_lzw_is_refused()
    {
        var inner = Bombs.ZlibOfSpaces(200 * Budget.MiB);
        var pdf = Bombs.PdfWithFilteredContent(Bombs.Lzw(inner), "[/LZWDecode /FlateDecode]");
        var ex = TooLarge(Read(pdf, "lzw-flate.pdf"));
        Assert.Contains("FlateDecode", ex.Message);
    }

    [Fact]
    public void An_ascii_hex_stream_past_the_stream_limit_is_refused_with_the_limit_named()
    {
        var content = new byte[100_000];
        Array.Fill(content, (byte)' ');
        Line.CopyTo(content, 0);
        var pdf = Bombs.PdfWithFilteredContent(Bombs.AsciiHex(content), "/ASCIIHexDecode");
        var ex = TooLarge(Read(pdf, "hex.pdf", ReadLimits.Default with { MaxDecodedStreamBytes = 64 * 1024 }));
        Assert.Contains("ASCIIHexDecode", ex.Message);
        Assert.Contains("65536 bytes", ex.Message);
    }

    [Fact]
    public void Streams_past_the_total_limit_are_refused()
    {
        var pdf = Bombs.PdfWithFilteredContent(Bombs.Lzw(Line), "/LZWDecode");
        var ex = TooLarge(Read(pdf, "total.pdf", ReadLimits.Default with { MaxDecodedTotalBytes = 16 }));
        Assert.Contains("in all", ex.Message);
        Assert.Contains("共超过", ex.ProblemChinese);
    }

    [Theory]
    [InlineData("/FlateDecode")]
    [InlineData("/LZWDecode")]
    [InlineData("/ASCIIHexDecode")]
    [InlineData("[/ASCIIHexDecode /FlateDecode]")]
    [InlineData("[/LZWDecode /FlateDecode]")]
    [InlineData("/RunLengthDecode")]
    public void An_honest_stream_under_each_filter_still_reads(string filter)
    {
        byte[] Encode(string name, byte[] data) => name switch
        {
            "/LZWDecode" => Bombs.Lzw(data),
            "/ASCIIHexDecode" => Bombs.AsciiHex(data),
            "/FlateDecode" => Zlib(data),
            "/RunLengthDecode" => [(byte)(data.Length - 1), .. data, 128],
            _ => throw new ArgumentException(name),
        };
        var names = filter.Trim('[', ']').Split(' ');
        var encoded = Line;
        foreach (var name in names.Reverse()) encoded = Encode(name, encoded);
        ReadsTheLine(Read(Bombs.PdfWithFilteredContent(encoded, filter), "honest.pdf"));
    }

    private static byte[] Zlib(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true)) z.Write(data);
        return compressed.ToArray();
    }

    /// <summary>
    /// What LZW data decodes to, by a plain decoder written from the PDF specification (§7.4.4) that
    /// keeps each table entry's length only: a check of the generator independent of the reader's code.
    /// </summary>
    private static long LzwReference(byte[] data)
    {
        var lengths = new List<long>();
        long total = 0;
        int width = 9, previous = -1;
        var bit = 0L;
        while (bit + width <= data.Length * 8L)
        {
            var code = 0;
            for (var i = 0; i < width; i++, bit++) code = (code << 1) | ((data[bit / 8] >> (int)(7 - bit % 8)) & 1);
            if (code == 256) { lengths = [.. Enumerable.Repeat(1L, 258)]; width = 9; previous = -1; continue; }
            if (code == 257) break;
            var length = code < lengths.Count ? lengths[code] : lengths[previous] + 1;
            total += length;
            if (previous >= 0 && lengths.Count < 4096) lengths.Add(lengths[previous] + 1);
            previous = code;
            var next = lengths.Count + 1; // EarlyChange 1
            width = next >= 2048 ? 12 : next >= 1024 ? 11 : next >= 512 ? 10 : 9;
        }
        return total;
    }
}
