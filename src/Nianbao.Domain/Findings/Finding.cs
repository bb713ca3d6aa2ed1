namespace Nianbao.Domain.Findings;

public enum Severity { Info, Warning, Error }

/// <summary>
/// Something a check or a reader found. A finding never changes a number: a wrong total in a
/// report is reported here and left as printed.
/// </summary>
public sealed record Finding(string Rule, Severity Severity, string Message, IReadOnlyList<CellPath> Cells)
{
    public Finding(string rule, Severity severity, string message, params CellPath[] cells)
        : this(rule, severity, message, (IReadOnlyList<CellPath>)cells) { }

    /// <summary>For an ambiguous cell: the readings the document allows, so a reviewer can settle it.</summary>
    public IReadOnlyList<string>? Candidates { get; init; }
}
