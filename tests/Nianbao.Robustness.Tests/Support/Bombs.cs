using System.IO.Compression;
using System.Text;

namespace Nianbao.Robustness.Tests.Support;

/// <summary>
/// Hostile files, made at test time (never committed): small on disk, huge or endless to read naively.
/// </summary>
public static class Bombs
{
    /// <summary>
    /// A ZIP whose entries are <paramref name="entries"/> (name → prefix, bytes of filler, suffix): the
    /// filler is streamed into the deflater, so a gigabyte entry costs seconds of CPU and no memory.
    /// </summary>
    public static byte[] Zip(IEnumerable<(string Name, string Prefix, long Filler, string Suffix)> entries, byte fill = (byte)' ')
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, fill);
            foreach (var (name, prefix, filler, suffix) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                stream.Write(Encoding.UTF8.GetBytes(prefix));
                for (var left = filler; left > 0; left -= chunk.Length) stream.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
                stream.Write(Encoding.UTF8.GetBytes(suffix));
            }
        }
        return output.ToArray();
    }

    /// <summary>A ZIP with the entries of <paramref name="container"/> and one of them replaced by a bomb.</summary>
    public static byte[] ReplaceEntry(byte[] container, string name, string prefix, long filler, string suffix)
    {
        var entries = new List<(string, byte[])>();
        using (var zip = new ZipArchive(new MemoryStream(container), ZipArchiveMode.Read))
            foreach (var e in zip.Entries)
            {
                if (e.FullName == name) continue;
                using var s = e.Open();
                using var m = new MemoryStream();
                s.CopyTo(m);
                entries.Add((e.FullName, m.ToArray()));
            }
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (n, bytes) in entries)
            {
                using var s = zip.CreateEntry(n).Open();
                s.Write(bytes);
            }
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)' ');
            using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
            stream.Write(Encoding.UTF8.GetBytes(prefix));
            for (var left = filler; left > 0; left -= chunk.Length) stream.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
            stream.Write(Encoding.UTF8.GetBytes(suffix));
        }
        return output.ToArray();
    }

    /// <summary>
    /// A PDF written object by object: a catalog, a page tree whose Kids list page 3 <paramref name="pageRepeats"/>
    /// times, and that page's content stream (FlateDecode when <paramref name="flate"/>).
    /// </summary>
    public static byte[] Pdf(int pageRepeats, byte[] content, bool flate)
    {
        var body = new MemoryStream();
        var offsets = new List<long>();
        void Write(string s) => body.Write(Encoding.Latin1.GetBytes(s));
        Write("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        offsets.Add(body.Length);
        Write("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        offsets.Add(body.Length);
        var kids = new StringBuilder();
        for (var i = 0; i < pageRepeats; i++) kids.Append("3 0 R ");
        Write($"2 0 obj\n<< /Type /Pages /Kids [{kids}] /Count {pageRepeats} >>\nendobj\n");
        offsets.Add(body.Length);
        Write("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>\nendobj\n");
        offsets.Add(body.Length);
        var data = content;
        if (flate)
        {
            using var compressed = new MemoryStream();
            using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) z.Write(content);
            data = compressed.ToArray();
        }
        Write($"4 0 obj\n<< /Length {data.Length}{(flate ? " /Filter /FlateDecode" : "")} >>\nstream\n");
        body.Write(data);
        Write("\nendstream\nendobj\n");
        offsets.Add(body.Length);
        Write("5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");
        var xref = body.Length;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) Write($"{o:D10} 00000 n \n");
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return body.ToArray();
    }

    /// <summary>A PDF content stream that inflates to <paramref name="bytes"/> of spaces around one line of text.</summary>
    public static byte[] PdfWithHugeStream(long bytes) => PdfWithFilteredContent(ZlibOfSpaces(bytes), "/FlateDecode");

    /// <summary>A one-page PDF whose content stream is <paramref name="encoded"/> under the filter entry <paramref name="filter"/> (e.g. "[/ASCIIHexDecode /FlateDecode]").</summary>
    public static byte[] PdfWithFilteredContent(byte[] encoded, string filter)
    {
        var body = new MemoryStream();
        void Write(string s) => body.Write(Encoding.Latin1.GetBytes(s));
        var offsets = new List<long>();
        Write("%PDF-1.4\n");
        offsets.Add(body.Length); Write("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        offsets.Add(body.Length); Write("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
        offsets.Add(body.Length); Write("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>\nendobj\n");
        offsets.Add(body.Length); Write($"4 0 obj\n<< /Length {encoded.Length} /Filter {filter} >>\nstream\n"); body.Write(encoded); Write("\nendstream\nendobj\n");
        offsets.Add(body.Length); Write("5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");
        var xref = body.Length;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) Write($"{o:D10} 00000 n \n");
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return body.ToArray();
    }

    /// <summary>zlib data that inflates to <paramref name="bytes"/>: one line of text, then spaces (never held inflated).</summary>
    public static byte[] ZlibOfSpaces(long bytes)
    {
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            z.Write("BT /F1 12 Tf 50 800 Td (12 34) Tj ET\n"u8);
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)' ');
            for (var left = bytes; left > 0; left -= chunk.Length) z.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
        }
        return compressed.ToArray();
    }

    /// <summary>Bytes as ASCIIHexDecode data: two hex digits a byte, "&gt;" at the end.</summary>
    public static byte[] AsciiHex(byte[] data) => Encoding.ASCII.GetBytes(Convert.ToHexString(data) + ">");

    /// <summary>
    /// LZWDecode data (PDF's variant: MSB-first codes of 9 to 12 bits, 256 clears, 257 ends, EarlyChange 1).
    /// <paramref name="text"/> is written one code per byte, which any decoder reads back as the text;
    /// then, when <paramref name="bombCodes"/> &gt; 0, the LZW bomb: "A", then each new code naming the entry
    /// being made (one byte longer each time) until the table is full, then the longest entry, about
    /// 3,800 bytes, that many more times — some 5 KB of data per 10 MB decoded.
    /// </summary>
    public static byte[] Lzw(byte[] text, int bombCodes = 0)
    {
        var bits = new BitWriter();
        var size = 258; // entries the decoder holds; the next code it makes
        var width = 9;
        var previous = false;
        void Emit(int code)
        {
            bits.Write(code, width);
            if (code == 256) { size = 258; width = 9; previous = false; return; }
            if (previous && size < 4096) size++;
            previous = true;
            width = size + 1 >= 2048 ? 12 : size + 1 >= 1024 ? 11 : size + 1 >= 512 ? 10 : 9;
        }
        Emit(256);
        foreach (var b in text) Emit(b);
        if (bombCodes > 0)
        {
            Emit(256);
            Emit('A');
            while (size < 4095) Emit(size);
            for (var i = 0; i < bombCodes; i++) Emit(4094);
        }
        Emit(257);
        return bits.ToArray();
    }

    private sealed class BitWriter
    {
        private readonly MemoryStream _bytes = new();
        private int _buffer, _count;

        public void Write(int code, int width)
        {
            for (var b = width - 1; b >= 0; b--)
            {
                _buffer = (_buffer << 1) | ((code >> b) & 1);
                if (++_count == 8) { _bytes.WriteByte((byte)_buffer); _buffer = 0; _count = 0; }
            }
        }

        public byte[] ToArray()
        {
            if (_count > 0) _bytes.WriteByte((byte)(_buffer << (8 - _count)));
            return _bytes.ToArray();
        }
    }

    /// <summary>HTML with <paramref name="depth"/> nested elements of <paramref name="tag"/> around a number.</summary>
    public static byte[] NestedHtml(int depth, string tag = "div")
    {
        var sb = new StringBuilder("<html><body>");
        for (var i = 0; i < depth; i++) sb.Append('<').Append(tag).Append('>');
        sb.Append("12");
        for (var i = 0; i < depth; i++) sb.Append("</").Append(tag).Append('>');
        sb.Append("</body></html>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
