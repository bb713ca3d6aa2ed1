namespace Nianbao.Archive.Import;

/// <summary>
/// One input of an import: a file, or an entry of a .zip archive (named <c>archive.zip!/dir/entry</c>).
/// Either its bytes can be loaded, or it was refused before reading (<see cref="Problem"/>).
/// </summary>
public sealed record ImportInput(string Name, Func<byte[]>? Load, string? Problem)
{
    public static ImportInput Refused(string name, string problem) => new(name, null, problem);

    /// <summary>A file beside the reports that is not one (a note, an expected answer): recorded as not a report, never read.</summary>
    public static ImportInput Skipped(string name) =>
        new(name, null, $"{name}: 跳过：不是报告文件（报告旁的说明或答案文件） skipped: not a report file (a note or expected answer beside the reports).") { IsSkipped = true };

    public bool IsSkipped { get; init; }
}
