namespace Nianbao.Archive.Import;

/// <summary>
/// One input of an import: a file, or an entry of a .zip archive (named <c>archive.zip!/dir/entry</c>).
/// Either its bytes can be loaded, or it was refused before reading (<see cref="Problem"/>).
/// </summary>
public sealed record ImportInput(string Name, Func<byte[]>? Load, string? Problem)
{
    public static ImportInput Refused(string name, string problem) => new(name, null, problem);
}
