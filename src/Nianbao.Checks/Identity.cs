using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;

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

    public decimal LeftKnown => Known(Left);
    public decimal RightKnown => Known(Right);

    public IReadOnlyList<CellPath> Cells => [.. Left.Select(t => t.Path), .. Right.Select(t => t.Path)];

    // Judged for every identity of every report: plain loops, no enumerators.
    private static decimal Known(IReadOnlyList<Term> terms)
    {
        decimal sum = 0;
        for (var i = 0; i < terms.Count; i++) sum += terms[i].Value ?? 0;
        return sum;
    }

    private static bool AllJudgeable(IReadOnlyList<Term> terms)
    {
        for (var i = 0; i < terms.Count; i++)
            if (terms[i].Value is { } v && !Arithmetic.Judgeable(v)) return false;
        return true;
    }

    private static bool AnyBlank(IReadOnlyList<Term> terms)
    {
        for (var i = 0; i < terms.Count; i++)
            if (terms[i].Value is null) return true;
        return false;
    }

    public Verdict Judge()
    {
        if (!AllJudgeable(Left) || !AllJudgeable(Right)) return Verdict.Undecided;
        var leftBlank = AnyBlank(Left);
        var rightBlank = AnyBlank(Right);
        if (!leftBlank && !rightBlank) return LeftKnown == RightKnown ? Verdict.Holds : Verdict.Broken;
        if (leftBlank && rightBlank) return Verdict.Undecided;
        var (partial, complete) = leftBlank ? (LeftKnown, RightKnown) : (RightKnown, LeftKnown);
        return partial > complete ? Verdict.BrokenWhateverBlanksHold : Verdict.Undecided;
    }

    /// <summary>
    /// True when every cell is there and the sides are equal — the answer for nearly every identity
    /// of nearly every report, found without building the identity.
    /// </summary>
    public static bool Holds(TableValues table, IdentityCells left, IdentityCells right)
    {
        decimal difference = 0;
        foreach (var slot in left.Slots)
        {
            if (slot < 0 || table.ValueAt(slot) is not { } v || !Arithmetic.Judgeable(v)) return false;
            difference += v;
        }
        foreach (var slot in right.Slots)
        {
            if (slot < 0 || table.ValueAt(slot) is not { } v || !Arithmetic.Judgeable(v)) return false;
            difference -= v;
        }
        return difference == 0;
    }

    public static Identity Of(TableValues table, IdentityCells left, IdentityCells right) => new(left.Terms(table), right.Terms(table));

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

/// <summary>
/// One side of an identity laid out once per table layout: each cell's slot (-1 when the layout
/// lacks the cell, which then reads as blank) and its path.
/// </summary>
internal sealed record IdentityCells(int[] Slots, CellPath[] Paths)
{
    public static IdentityCells Of(TableSchema schema, IEnumerable<(string Row, string Field)> cells)
    {
        var list = cells.ToList();
        return new(list.Select(c => schema.SlotOf(c.Row, c.Field)).ToArray(),
            list.Select(c => new CellPath(schema.Kind, c.Row, c.Field)).ToArray());
    }

    public Term[] Terms(TableValues table)
    {
        var terms = new Term[Slots.Length];
        for (var i = 0; i < terms.Length; i++)
            terms[i] = new Term(Paths[i], Slots[i] >= 0 ? table.ValueAt(Slots[i]) : null);
        return terms;
    }
}
