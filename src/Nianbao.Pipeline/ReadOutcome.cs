using Nianbao.Domain;

namespace Nianbao.Pipeline;

/// <summary>What became of one input.</summary>
public enum OutcomeKind
{
    /// <summary>An annual report, read and checked.</summary>
    Report,
    /// <summary>Readable, but not an annual report: no statutory section, no table, no national format (plain prose, <c>{}</c>, <c>[]</c>).</summary>
    NotAReport,
    /// <summary>Could not be read; <see cref="ReadOutcome.Reason"/> says why.</summary>
    Unreadable,
    /// <summary>Took longer than <see cref="PipelineOptions.FileTimeout"/>; abandoned so the batch goes on.</summary>
    TookTooLong,
}

/// <summary>
/// The outcome of one input of a batch. <see cref="Index"/> is its position among the inputs (a batch
/// streams outcomes as files finish, in any order). <see cref="Report"/> is set for
/// <see cref="OutcomeKind.Report"/> and <see cref="OutcomeKind.NotAReport"/>; <see cref="Reason"/>
/// names the file and the problem otherwise; <see cref="Error"/> is the exception behind it
/// (e.g. a <see cref="Nianbao.Documents.DocumentReadException"/> whose inner
/// <see cref="Nianbao.Domain.Contract.ReportRecordException"/> names a record's wrong field).
/// </summary>
public sealed record ReadOutcome(int Index, string Name, OutcomeKind Kind, Report? Report, string? Reason, Exception? Error = null)
{
    public bool IsReport => Kind == OutcomeKind.Report;
}

/// <summary>One input of a batch: a file on disk or bytes with a name.</summary>
public sealed record PipelineInput(string Name, string? Path, byte[]? Bytes)
{
    public static PipelineInput FromFile(string path) => new(path, path, null);

    public static PipelineInput FromBytes(string name, byte[] bytes) => new(name, null, bytes);
}
