using Nianbao.Domain;
using Nianbao.Domain.Findings;

namespace Nianbao.Checks;

/// <summary>One number of an identity: where it stands and what the report prints there (null = blank).</summary>
internal readonly record struct Term(CellPath Path, decimal? Value);

/// <summary>
/// An accounting identity Σ left = Σ right over cells of a report.
/// Blank cells are the hard part. A blank is not a 0, so an identity with a blank cell is normally
/// not judged at all (the blank itself is reported as incomplete by the completeness check). The
/// one exception: all counts are non-negative, so when the blanks sit on one side only and the
/// known cells of that side already add up to more than the complete other side, no number in the
/// blanks can make the identity hold — that is a certain error and is reported as one.
/// </summary>
internal sealed record Identity(IReadOnlyList<Term> Left, IReadOnlyList<Term> Right)
{
    public enum Verdict { Holds, Broken, BrokenWhateverBlanksHold, Undecided }

    public decimal LeftKnown => Left.Sum(t => t.Value ?? 0);
    public decimal RightKnown => Right.Sum(t => t.Value ?? 0);

    public IReadOnlyList<CellPath> Cells => [.. Left.Select(t => t.Path), .. Right.Select(t => t.Path)];

    public Verdict Judge()
    {
        var leftBlank = Left.Any(t => t.Value is null);
        var rightBlank = Right.Any(t => t.Value is null);
        if (!leftBlank && !rightBlank) return LeftKnown == RightKnown ? Verdict.Holds : Verdict.Broken;
        if (leftBlank && rightBlank) return Verdict.Undecided;
        var (partial, complete) = leftBlank ? (LeftKnown, RightKnown) : (RightKnown, LeftKnown);
        return partial > complete ? Verdict.BrokenWhateverBlanksHold : Verdict.Undecided;
    }

    /// <summary>A finding when the identity is certainly broken, else null. <paramref name="describe"/> states it with numbers.</summary>
    public Finding? ToFinding(string rule, Func<string> describe) => Judge() switch
    {
        Verdict.Broken => new Finding(rule, Severity.Error, describe(), Cells),
        Verdict.BrokenWhateverBlanksHold => new Finding(rule, Severity.Error,
            describe() + "; the side with blank cells already exceeds the other, so no number in the blanks could make it add up", Cells),
        _ => null,
    };

    /// <summary>"5 + 1 = 6", with "blank" for a null cell; long sums show only their total.</summary>
    public static string Sum(IReadOnlyList<Term> terms, int maxTerms = 6)
    {
        var total = Labels.Number(terms.Sum(t => t.Value ?? 0));
        if (terms.Count == 1) return Labels.Number(terms[0].Value);
        if (terms.Count > maxTerms) return total;
        return string.Join(" + ", terms.Select(t => Labels.Number(t.Value))) + " = " + total;
    }
}
