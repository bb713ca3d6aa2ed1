using Nianbao.Checks;
using Nianbao.Documents;
using Nianbao.Domain;

namespace Nianbao.Recognition;

/// <summary>
/// The whole one-way flow for one file: bytes → format reader → document → recognizers → report →
/// checks. Thread-safe; callers parse many files in parallel with one instance.
/// </summary>
public sealed class ReportPipeline(DocumentReaders readers)
{
    public static ReportPipeline Default { get; } = new(DocumentReaders.Default);

    public DocumentReaders Readers { get; } = readers;

    /// <summary>Reads, recognizes and checks; throws <see cref="DocumentReadException"/> for an unreadable file.</summary>
    public Report Read(byte[] bytes, string fileName)
    {
        if (ContractJsonInput.TryRead(bytes, fileName) is { } filled)
        {
            // A report typed in by an author (from `nianbao new`): checked afresh, its old findings dropped.
            filled.Findings.Clear();
            return ReportChecks.Apply(filled);
        }
        var document = Readers.Read(bytes, fileName);
        var report = ReportRecognizer.Recognize(document);
        return ReportChecks.Apply(report);
    }

    public Report ReadFile(string path) => Read(DocumentReaders.ReadBytes(path), Path.GetFileName(path));
}
