using System.Buffers;
using System.IO.Compression;
using System.Text;

namespace Nianbao.Archive;

/// <summary>
/// How a report's lossless record is kept in <c>report_records.record</c> (docs/archive.md, "Where the record is").
/// On SQLite: its JSON as UTF-8, compressed with zlib (RFC 1950, the fastest level), as a BLOB — a record
/// (≈ 33 KB of JSON) is ≈ 7 KB so, and an import writes its overflow pages twice (into the WAL, then into the file)
/// and binds it on the one writer thread: compressed, the import's commit and inserts cost less and the archive is
/// half the size (docs/performance.md, "Session 8: pages and commit"). Compressed on the parse workers.
/// On PostgreSQL: the JSON text, as before — the server compresses long values itself (TOAST, lz4 since 0095),
/// so JSON operators on the column keep working there.
/// A record stored as text (an SQLite archive written before migration 0098 and not converted) reads the same.
/// Every reader gets back exactly the text <see cref="Nianbao.Domain.Contract.ReportJson"/> wrote.
/// </summary>
internal static class StoredRecord
{
    /// <summary>
    /// The value to store for the record whose JSON is <paramref name="json"/> on <paramref name="provider"/>: on SQLite
    /// its compressed bytes (the UTF-8 text goes back to its pool at once), elsewhere the text itself.
    /// </summary>
    public static object Of(Utf8Text json, ArchiveProvider provider)
    {
        if (provider != ArchiveProvider.Sqlite) return json;
        try { return Compress(json.Span); }
        finally { json.Return(); }
    }

    /// <summary>The record's JSON text as the writer made it: UTF-8, zlib.</summary>
    public static byte[] Compress(string json)
    {
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, utf8);
            return Compress(utf8.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>The record's JSON as UTF-8, zlib-compressed.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> utf8)
    {
        // JSON compresses ≈ 4.8 : 1 at the fastest level; a quarter of the text is room enough to start with.
        using var output = new MemoryStream(utf8.Length / 4 + 64);
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
            zlib.Write(utf8);
        return output.ToArray();
    }

    /// <summary>The record's JSON from a stored value: a BLOB is inflated, a text is the JSON itself.</summary>
    public static string Text(object? stored) => stored switch
    {
        string json => json,
        byte[] compressed => Inflate(compressed),
        null => throw new ArgumentNullException(nameof(stored)),
        _ => throw new ArchiveException($"a stored record is neither text nor bytes ({stored.GetType().Name})"),
    };

    private static string Inflate(byte[] compressed)
    {
        using var zlib = new ZLibStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress);
        using var utf8 = new MemoryStream(compressed.Length * 6);
        zlib.CopyTo(utf8);
        return Encoding.UTF8.GetString(utf8.GetBuffer(), 0, (int)utf8.Length);
    }
}
