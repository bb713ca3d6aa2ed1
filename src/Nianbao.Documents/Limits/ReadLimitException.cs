namespace Nianbao.Documents.Limits;

/// <summary>
/// Thrown deep inside a reader (a table grid, an XML scan) that does not know the file's name;
/// <see cref="ReadGuard"/> turns it into a <see cref="DocumentReadException"/> that names the file.
/// </summary>
internal sealed class ReadLimitException(ReadFailure kind, string chinese, string english) : Exception(english)
{
    public ReadFailure Kind { get; } = kind;
    public string Chinese { get; } = chinese;
    public string English { get; } = english;

    public static ReadLimitException TooLarge(string chinese, string english) =>
        new(ReadFailure.TooLarge, "文件过大：" + chinese, "too large: " + english);

    public static ReadLimitException Malformed(string chinese, string english) =>
        new(ReadFailure.Malformed, "文件已损坏或格式不正确：" + chinese, "malformed: " + english);

    public DocumentReadException For(string fileName) => new(fileName, Kind, Chinese, English, this);
}
