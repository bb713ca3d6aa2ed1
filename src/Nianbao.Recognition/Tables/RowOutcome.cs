using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Recognition.Solving;
using Nianbao.Recognition.Text;

namespace Nianbao.Recognition.Tables;

/// <summary>Why a row's cells could not all be read with certainty.</summary>
public enum RowProblem { None, Missing, Ambiguous, TooManyNumbers, LostCells, Unsplittable }

/// <summary>
/// The readings a row allows. One reading means the row is read; several mean the cells on which
/// they disagree stay null unless the table's column identities settle them.
/// </summary>
public sealed class RowOutcome
{
    public required RowSchema Row { get; init; }
    public required IReadOnlyList<NumberToken> Tokens { get; init; }
    public List<DigitRunSolver.Reading> Readings { get; set; } = new();
    public RowProblem Problem { get; set; }

    /// <summary>How the readings were obtained, before any table-level resolution.</summary>
    public ReadingConfidence Confidence { get; set; } = ReadingConfidence.Exact;

    public bool IsSettled => Readings.Count == 1;
}

/// <summary>Reads one row: tokens → the readings its cells allow.</summary>
public static class RowReader
{
    public static RowOutcome Read(RowSchema row, IReadOnlyList<NumberToken> tokens, IReadOnlyList<SumConstraint> constraints,
        ReadingConfidence confidence = ReadingConfidence.Exact)
    {
        var outcome = new RowOutcome { Row = row, Tokens = tokens, Confidence = confidence };
        var cells = row.Fields.Select(f => new CellSpec(f.Kind)).ToArray();
        var n = cells.Length;
        tokens = TrimBlanks(tokens, n);
        outcome = new RowOutcome { Row = row, Tokens = tokens, Confidence = confidence };
        if (tokens.Count == 0 || tokens.All(t => t.IsBlank) && tokens.Count < n)
        {
            outcome.Problem = RowProblem.Missing;
            return outcome;
        }
        if (tokens.Count > n)
        {
            outcome.Problem = RowProblem.TooManyNumbers;
            return outcome;
        }
        // As printed: one token per cell, each a well-formed number. Taken even when the row's
        // arithmetic fails — a wrong total is a finding, not a reason to read the row differently.
        if (tokens.Count == n && AsPrinted(tokens, cells) is { } printed)
        {
            outcome.Readings.Add(printed);
            return outcome;
        }
        // Digits run together: first ask whether the digits alone allow one reading…
        var free = DigitRunSolver.Solve(tokens, cells, [], budget: 20_000, maxReadings: 2);
        if (free.Readings.Count == 1 && free.Complete)
        {
            outcome.Readings.AddRange(free.Readings);
            outcome.Confidence = Max(confidence, ReadingConfidence.SolvedByArithmetic);
            return outcome;
        }
        // …then let the row's own identities choose.
        var solved = DigitRunSolver.Solve(tokens, cells, constraints);
        if (solved.Readings.Count > 0 && solved.Complete)
        {
            outcome.Readings.AddRange(solved.Readings);
            outcome.Confidence = Max(confidence, ReadingConfidence.SolvedByArithmetic);
            if (solved.Readings.Count > 1) outcome.Problem = RowProblem.Ambiguous;
            return outcome;
        }
        if (free.Readings.Count == 0 && free.Complete)
        {
            // Fewer numbers than cells and nothing to split: the row lost cells in conversion.
            var placed = DigitRunSolver.PlaceWithLostCells(tokens, cells, constraints);
            outcome.Readings.AddRange(placed);
            outcome.Problem = RowProblem.LostCells;
            return outcome;
        }
        // Either the search gave up (too many readings to list) or no reading fits the row's own
        // identities — a run-together row whose printed total is wrong cannot be split with certainty.
        outcome.Problem = solved.Complete ? RowProblem.Unsplittable : RowProblem.Ambiguous;
        return outcome;
    }

    private static ReadingConfidence Max(ReadingConfidence a, ReadingConfidence b) => (ReadingConfidence)Math.Max((int)a, (int)b);

    private static DigitRunSolver.Reading? AsPrinted(IReadOnlyList<NumberToken> tokens, IReadOnlyList<CellSpec> cells)
    {
        var pieces = new Piece?[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].IsBlank) { pieces[i] = null; continue; }
            if (!DigitRunSolver.TryParse(tokens[i].Text, cells[i].Kind, out var v)) return null;
            if (cells[i].Kind == ValueKind.Count && v < 0) return null;
            pieces[i] = new Piece(i, 0, tokens[i].Length, v);
        }
        return new DigitRunSolver.Reading(pieces);
    }

    /// <summary>Blank cells beyond the row's width (trailing empty grid cells) carry no information.</summary>
    private static IReadOnlyList<NumberToken> TrimBlanks(IReadOnlyList<NumberToken> tokens, int n)
    {
        var list = tokens.ToList();
        while (list.Count > n && list[^1].IsBlank) list.RemoveAt(list.Count - 1);
        while (list.Count > n && list[0].IsBlank) list.RemoveAt(0);
        return list;
    }
}
