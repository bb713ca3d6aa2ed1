namespace Nianbao.Documents;

/// <summary>A file that cannot be read as a report, with a message that names the file and the problem.</summary>
public sealed class DocumentReadException(string fileName, string problem, Exception? inner = null)
    : Exception($"{fileName}: {problem}", inner)
{
    public string FileName { get; } = fileName;
    public string Problem { get; } = problem;
}
