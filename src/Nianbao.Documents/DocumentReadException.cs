namespace Nianbao.Documents;

/// <summary>What kind of problem made a file unreadable; callers may count or sort outcomes by it.</summary>
public enum ReadFailure
{
    /// <summary>Damaged, truncated or not what it claims to be.</summary>
    Malformed,
    /// <summary>Past one of the <see cref="ReadLimits"/>.</summary>
    TooLarge,
    /// <summary>Reading it took longer than <see cref="ReadLimits.MaxReadTime"/>.</summary>
    TookTooLong,
    /// <summary>A format Nianbao does not read, or one that needs a converter that is not installed.</summary>
    Unsupported,
    /// <summary>Password-protected.</summary>
    Encrypted,
    /// <summary>Empty.</summary>
    Empty,
    /// <summary>Not a regular file (a FIFO, device, socket), missing, or not readable by us.</summary>
    NotAFile,
}

/// <summary>
/// A file that cannot be read as a report. The message has one form for every input: the file name
/// as given, a colon, what is wrong in Chinese, and the same in English in parentheses — never an
/// exception type or advice meant for programmers.
/// </summary>
public sealed class DocumentReadException : Exception
{
    public DocumentReadException(string fileName, ReadFailure kind, string chinese, string english, Exception? inner = null)
        : base($"{fileName}: {chinese}（{english}）", inner)
    {
        FileName = fileName;
        Kind = kind;
        ProblemChinese = chinese;
        Problem = english;
    }

    /// <summary>A problem stated in English only (kept for callers outside the readers); in Chinese it says "cannot be read".</summary>
    public DocumentReadException(string fileName, string problem, Exception? inner = null)
        : this(fileName, ReadFailure.Malformed, "无法读取", problem, inner)
    {
    }

    public string FileName { get; }
    public ReadFailure Kind { get; }
    /// <summary>What is wrong, in English.</summary>
    public string Problem { get; }
    /// <summary>What is wrong, in Chinese.</summary>
    public string ProblemChinese { get; }

    /// <summary>The same exception for another name of the file (e.g. the path as the user typed it).</summary>
    public DocumentReadException WithFileName(string fileName) =>
        new(fileName, Kind, ProblemChinese, Problem, InnerException);
}
