using System.Collections.Immutable;

namespace Nianbao.Domain.Findings;

public enum Severity { Info, Warning, Error }

/// <summary>Who produced a finding: the reader (what it could not do) or a check (what the numbers say).</summary>
public enum FindingOrigin
{
    /// <summary>A reading note: ambiguous digits, lost cells, rows not found, pages needing OCR. Only the reader can know it, so a record keeps it for ever.</summary>
    Reading,
    /// <summary>A check's finding: recomputed from the report whenever it is checked again.</summary>
    Check,
}

/// <summary>
/// Something a check or a reader found. A finding never changes a number: a wrong total in a
/// report is reported here and left as printed. Immutable; equal when every part is equal.
/// </summary>
public sealed record Finding
{
    public Finding(string rule, Severity severity, string message, IEnumerable<CellPath> cells)
    {
        Rule = rule;
        Severity = severity;
        Message = message;
        Cells = [.. cells];
    }

    public Finding(string rule, Severity severity, string message, params CellPath[] cells)
        : this(rule, severity, message, (IEnumerable<CellPath>)cells) { }

    public string Rule { get; init; }
    public Severity Severity { get; init; }
    public string Message { get; init; }
    public IReadOnlyList<CellPath> Cells { get; init => field = value.ToImmutableArray(); }

    /// <summary>Reader notes by default for R-* rules; anything else is a check's, unless said otherwise.</summary>
    public FindingOrigin Origin { get; init; } = FindingOrigin.Check;

    /// <summary>For an ambiguous cell: the readings the document allows, so a reviewer can settle it.</summary>
    public IReadOnlyList<string>? Candidates { get; init => field = value?.ToImmutableArray(); }

    /// <summary>
    /// The values the message quotes, by name (e.g. <c>year</c> → <c>2021</c>), so a front end can say
    /// the same finding in another language from the rule id, the cells and these.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Args { get; init => field = value?.ToImmutableArray(); }

    public bool Equals(Finding? other) =>
        other is not null && Rule == other.Rule && Severity == other.Severity && Message == other.Message && Origin == other.Origin
        && Cells.SequenceEqual(other.Cells) && SameList(Candidates, other.Candidates) && SameList(Args, other.Args);

    public override int GetHashCode() => HashCode.Combine(Rule, Severity, Message, Origin, Cells.Count);

    private static bool SameList<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b);

    /// <summary>A note of the reader, with the message's values.</summary>
    public static Finding Note(string rule, Severity severity, string message, IEnumerable<CellPath> cells) =>
        new(rule, severity, message, cells) { Origin = FindingOrigin.Reading };
}
