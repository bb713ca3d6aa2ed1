using System.Text;

namespace Nianbao.Archive;

/// <summary>
/// A text value already encoded as UTF-8 (a report's record, its cell set), bound as TEXT. SQLite stores text
/// as UTF-8: binding these bytes stores what binding the .NET string did, without the string (≈ 2 bytes a
/// character, 60 KB for a record) nor the UTF-8 copy the driver made of it at every bind (docs/performance.md,
/// session 8). PostgreSQL's driver takes text as a string: it gets <see cref="ToString"/>.
/// </summary>
internal sealed class Utf8Text(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;

    public override string ToString() => Encoding.UTF8.GetString(Bytes);

    /// <summary>The value as the databases' drivers take it: itself on SQLite (<see cref="RawStatement"/>), a string elsewhere.</summary>
    public static object? Decoded(object? value) => value is Utf8Text text ? text.ToString() : value;
}
