using System.Buffers;
using System.Text;

namespace Nianbao.Archive;

/// <summary>
/// A text value already encoded as UTF-8 (a report's record, its cell set), bound as TEXT. SQLite stores text
/// as UTF-8: binding these bytes stores what binding the .NET string did, without the string (≈ 2 bytes a
/// character, 60 KB for a record) nor the UTF-8 copy the driver made of it at every bind (docs/performance.md,
/// session 8). On PostgreSQL the import's batches send the same bytes as a text value (StatementBatch); Dapper's
/// statements get the string (<see cref="Decoded"/>).
/// </summary>
/// <remarks>
/// During an import the bytes are in an array lent by <see cref="Pool"/> and given back once their window is
/// written (<see cref="Return"/>): a record lives from its parse worker until the writer has stored it, long enough
/// to be promoted by the collector, and a fresh 30 KB array per report then had to be collected from an older
/// generation. Lent arrays stay alive and are reused instead.
/// </remarks>
internal sealed class Utf8Text
{
    // Records are ≈ 20–60 KB, cell sets ≈ 5–15 KB; a window or three of them are in flight (ImportOptions.Window).
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: 1 << 20, maxArraysPerBucket: 512);

    private byte[] _buffer;
    private readonly int _length;
    private bool _lent;

    /// <summary>The bytes themselves (not copied, never given to the pool).</summary>
    public Utf8Text(byte[] bytes)
    {
        _buffer = bytes;
        _length = bytes.Length;
    }

    private Utf8Text(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
        _lent = true;
    }

    /// <summary>A copy of <paramref name="bytes"/> in an array lent by the pool: call <see cref="Return"/> when it is stored.</summary>
    public static Utf8Text Lent(ReadOnlySpan<byte> bytes)
    {
        var buffer = Pool.Rent(bytes.Length);
        bytes.CopyTo(buffer);
        return new Utf8Text(buffer, bytes.Length);
    }

    public ReadOnlySpan<byte> Span => _lent || _buffer.Length != 0 || _length == 0
        ? _buffer.AsSpan(0, _length)
        : throw new InvalidOperationException("a text given back to the pool was read");

    public int Length => _length;

    public override string ToString() => Encoding.UTF8.GetString(Span);

    /// <summary>Gives a lent array back to the pool; reading the text afterwards throws (it is never read again once stored).</summary>
    public void Return()
    {
        if (!_lent) return;
        _lent = false;
        var buffer = _buffer;
        _buffer = [];
        Pool.Return(buffer);
    }

    /// <summary>The value as Dapper binds it: a string for a text, anything else as it is.</summary>
    public static object? Decoded(object? value) => value is Utf8Text text ? text.ToString() : value;
}
