using System.IO.Compression;
using System.Xml;
using Nianbao.Documents.Limits;

namespace Nianbao.Documents.Office;

/// <summary>
/// Measures a DOCX/XLSX container before any Office library opens it: the number of entries, and for
/// every XML part (the only parts the readers make a library parse) its real decompressed size, its
/// compression ratio, and the number and depth of its elements. Sizes in the ZIP directory are the
/// file's own claim; the bytes are counted as they inflate, and inflating stops at the limit, so a
/// bomb costs at most the limit in time and nothing in memory. Damage is not judged here — the
/// readers report it; a DTD is, since no Office part has one and it is how entity bombs start.
/// </summary>
internal static class ZipGuard
{
    private const long RatioFloor = 1 << 20;

    public static void Check(byte[] bytes, ReadLimits limits, CancellationToken cancellation)
    {
        ZipArchive zip;
        try { zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read); }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException or ArgumentException) { return; }
        using (zip)
        {
            if (zip.Entries.Count > limits.MaxContainerEntries)
                throw ReadLimitException.TooLarge($"压缩包内有 {zip.Entries.Count} 个条目，上限 {limits.MaxContainerEntries}", $"{zip.Entries.Count} entries in the container (the limit is {limits.MaxContainerEntries})");
            long total = 0;
            var elements = 0;
            foreach (var entry in zip.Entries)
            {
                cancellation.ThrowIfCancellationRequested();
                if (!IsXml(entry.FullName)) continue;
                if (entry.Length > limits.MaxEntryBytes) throw EntryTooLarge(entry, entry.Length, limits);
                Stream raw;
                try { raw = entry.Open(); }
                catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException) { continue; }
                using var counted = new CountingStream(raw, entry, limits, total);
                try
                {
                    using var reader = XmlReader.Create(counted, new XmlReaderSettings
                    {
                        DtdProcessing = DtdProcessing.Prohibit,
                        XmlResolver = null,
                        IgnoreComments = true,
                        IgnoreWhitespace = true,
                        IgnoreProcessingInstructions = true,
                    });
                    while (reader.Read())
                    {
                        if (reader.NodeType != XmlNodeType.Element) continue;
                        if (++elements > limits.MaxXmlElements)
                            throw ReadLimitException.TooLarge($"XML 元素超过 {limits.MaxXmlElements} 个", $"more than {limits.MaxXmlElements} XML elements");
                        if (reader.Depth >= limits.MaxXmlDepth)
                            throw ReadLimitException.Malformed($"{entry.FullName} 中元素嵌套过深（超过 {limits.MaxXmlDepth} 层）", $"elements of {entry.FullName} nested too deeply (more than {limits.MaxXmlDepth} levels)");
                        if ((elements & 4095) == 0) cancellation.ThrowIfCancellationRequested();
                    }
                }
                catch (XmlException)
                {
                    if (counted.HasDoctype)
                        throw ReadLimitException.Malformed($"{entry.FullName} 含有文档类型定义（DTD），Office 文件不应有", $"{entry.FullName} declares a DTD (document type definition), which no Office file has");
                    // Not well-formed: the reader decides what that costs. The rest of the part still counts.
                    counted.Drain();
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException) { }
                total = counted.Total;
            }
        }
    }

    private static bool IsXml(string name) =>
        name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".vml", StringComparison.OrdinalIgnoreCase);

    private static ReadLimitException EntryTooLarge(ZipArchiveEntry entry, long size, ReadLimits limits) =>
        ReadLimitException.TooLarge($"{entry.FullName} 解压后超过 {DocumentReaders.Mib(limits.MaxEntryBytes)}（{DocumentReaders.Mib(size)}）",
            $"{entry.FullName} decompresses to more than {DocumentReaders.Mib(limits.MaxEntryBytes)} ({DocumentReaders.Mib(size)})");

    /// <summary>Counts inflated bytes and stops at the per-entry, total and ratio limits.</summary>
    private sealed class CountingStream(Stream inner, ZipArchiveEntry entry, ReadLimits limits, long totalBefore) : Stream
    {
        private long _read;
        private readonly byte[] _head = new byte[1024];
        private int _headLength;

        public long Total => totalBefore + _read;
        public bool HasDoctype => System.Text.Encoding.Latin1.GetString(_head, 0, _headLength).Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            if (_headLength < _head.Length)
            {
                var copy = Math.Min(n, _head.Length - _headLength);
                Array.Copy(buffer, offset, _head, _headLength, copy);
                _headLength += copy;
            }
            _read += n;
            if (_read > limits.MaxEntryBytes) throw EntryTooLarge(entry, _read, limits);
            if (Total > limits.MaxContainerBytes)
                throw ReadLimitException.TooLarge($"压缩包解压后超过 {DocumentReaders.Mib(limits.MaxContainerBytes)}", $"the container decompresses to more than {DocumentReaders.Mib(limits.MaxContainerBytes)}");
            if (_read > RatioFloor && _read / Math.Max(1, entry.CompressedLength) > limits.MaxCompressionRatio)
                throw ReadLimitException.TooLarge($"{entry.FullName} 的压缩比超过 {limits.MaxCompressionRatio}:1（压缩炸弹）", $"{entry.FullName} is compressed more than {limits.MaxCompressionRatio}:1 (a decompression bomb)");
            return n;
        }

        public void Drain()
        {
            var buffer = new byte[81920];
            try { while (Read(buffer, 0, buffer.Length) > 0) { } }
            catch (Exception ex) when (ex is InvalidDataException or IOException) { }
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
