using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Recognition.Solving;
using Nianbao.Recognition.Text;

namespace Nianbao.Recognition.Tables;

/// <summary>Why a row's cells could not all be read with certainty.</summary>
public enum RowProblem { None, Missing, Ambiguous, TooManyNumbers, LostCells, Unsplittable, Contradicted, Scattered, OutOfRange }

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

    public bool IsSettled => Readings.Count == 1 && !Incomplete;

    /// <summary>
    /// The search stopped before listing every reading: the readings held are examples only, so no
    /// cell may be taken from them, however much they agree.
    /// </summary>
    public bool Incomplete { get; set; }

    /// <summary>
    /// The row's digits allowed several readings and its own total chose one: the reading rests on the
    /// printed arithmetic, so the table's column totals must confirm it too.
    /// </summary>
    public bool ChosenByArithmetic { get; set; }

    /// <summary>For a row no reading fits: what the digits alone allow, shown to the reviewer.</summary>
    public IReadOnlyList<DigitRunSolver.Reading> Alternatives { get; set; } = [];
}

/// <summary>Reads one row: tokens → the readings its cells allow.</summary>
public static class RowReader
{
    public static RowOutcome Read(RowSchema row, IReadOnlyList<NumberToken> tokens, IReadOnlyList<SumConstraint> constraints,
        ReadingConfidence confidence = ReadingConfidence.Exact, IReadOnlyList<int>? dataColumns = null, bool paddingLeads = false)
    {
        if (dataColumns is not null && PlaceByGrid(row, tokens, dataColumns) is { } byGrid) return OcrReadings.Apply(byGrid, constraints);
        var outcome = new RowOutcome { Row = row, Tokens = tokens, Confidence = confidence };
        var cells = row.Fields.Select(f => new CellSpec(f.Kind)).ToArray();
        var n = cells.Length;
        tokens = TrimBlanks(tokens, n, paddingLeads);
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
        // One token per cell, and some too long to be any count or amount: those cells are left
        // empty (a number is exact or absent — never one wrapped around); the others read as printed.
        if (tokens.Count == n && tokens.Any(OutOfRange) && WithoutOutOfRange(tokens, cells) is { } kept)
        {
            outcome.Readings.Add(kept);
            outcome.Problem = RowProblem.OutOfRange;
            return outcome;
        }
        // As printed: one token per cell, each a well-formed number. Taken even when the row's
        // arithmetic fails — a wrong total is a finding, not a reason to read the row differently.
        // Unless its numbers are scattered over lines of page text: then a number wrapped in a
        // narrow column ("102" above the row, "2" below) may have been taken apart, and which
        // number is which cell's cannot be told.
        if (tokens.Count == n && AsPrinted(tokens, cells) is { } printed)
        {
            if (Scattered(tokens) && !AddsUp(printed, constraints))
            {
                outcome.Problem = RowProblem.Scattered;
                return outcome;
            }
            outcome.Readings.Add(printed);
            return OcrReadings.Apply(outcome, constraints);
        }
        // A row of separated, well-formed numbers that is one or two short may have lost cells in
        // conversion — or one of its numbers may really be two run together. Both stay possible.
        var mayHaveLostCells = tokens.Count >= n - 2 && Separated(tokens) && (tokens.Count >= 2 || StandsApart(tokens[0]))
            && tokens.All(t => t.IsBlank || DigitRunSolver.TryParse(t.Text, null, out _));
        // Placements are not filtered by the row's arithmetic: a published row may be wrong, and a
        // wrong total would then "prove" a wrong placement.
        var placed = mayHaveLostCells ? DigitRunSolver.PlaceWithLostCells(tokens, cells, []) : [];

        // Separated numbers with blank marks among them ("6 945 8 — 959 / /  9") come from a table
        // whose cells were kept apart: a short row there lost cells; its numbers are not run together.
        if (tokens.Any(t => t.IsBlank) && Separated(tokens))
        {
            outcome.Readings.AddRange(placed);
            outcome.Problem = RowProblem.LostCells;
            return outcome;
        }

        // As many digits as cells ("0000000", "1000001"): one digit a cell is the only reading.
        if (placed.Count == 0 && OneDigitEach(tokens, cells) is { } digits)
        {
            outcome.Readings.Add(digits);
            outcome.Confidence = Max(confidence, ReadingConfidence.SolvedByArithmetic);
            return outcome;
        }
        // Digits run together: first ask whether the digits alone allow one reading…
        var free = DigitRunSolver.Solve(tokens, cells, [], budget: 20_000, maxReadings: 2);
        if (free.Readings.Count == 1 && free.Complete && placed.Count == 0)
        {
            outcome.Readings.AddRange(free.Readings);
            outcome.Confidence = Max(confidence, ReadingConfidence.SolvedByArithmetic);
            return outcome;
        }
        // …then let the row's own identities choose.
        var solved = free.Readings.Count == 0 && free.Complete
            ? new DigitRunSolver.Result([], true)
            : DigitRunSolver.Solve(tokens, cells, constraints);
        if (!solved.Complete)
        {
            // Too many readings to list them all: keep the ones found, so the finding can show some.
            outcome.Readings.AddRange(solved.Readings);
            outcome.Incomplete = true;
            outcome.Problem = RowProblem.Ambiguous;
            return outcome;
        }
        outcome.Readings.AddRange(solved.Readings);
        outcome.Readings.AddRange(placed);
        outcome.ChosenByArithmetic = free.Readings.Count > 1 || !free.Complete;
        if (outcome.Readings.Count > 0)
        {
            outcome.Confidence = Max(confidence, ReadingConfidence.SolvedByArithmetic);
            if (outcome.Readings.Count > 1) outcome.Problem = placed.Count > 0 ? RowProblem.LostCells : RowProblem.Ambiguous;
            return outcome;
        }
        // No reading fits the row's own identity: a run-together row whose printed total is wrong
        // cannot be split with certainty, and a row that lost cells could not be placed.
        outcome.Problem = mayHaveLostCells ? RowProblem.LostCells : RowProblem.Unsplittable;
        if (!mayHaveLostCells)
            outcome.Alternatives = DigitRunSolver.Solve(tokens, cells, [], budget: 20_000, maxReadings: 12).Readings;
        return outcome;
    }

    /// <summary>
    /// A row of a real table (HTML, DOCX, PDF with ruling lines) whose numbers stand in known grid
    /// columns: each number goes to the column it stands in, an empty column stays null. Only when
    /// every token is a whole number alone in its own data column.
    /// </summary>
    private static RowOutcome? PlaceByGrid(RowSchema row, IReadOnlyList<NumberToken> tokens, IReadOnlyList<int> dataColumns)
    {
        var n = row.Fields.Count;
        if (dataColumns.Count != n || tokens.Count == 0) return null;
        var pieces = new Piece?[n];
        var used = new bool[n];
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Cell.Column is not { } column) return null;
            var index = -1;
            for (var c = 0; c < n; c++)
                if (dataColumns[c] == column) index = c;
            if (index < 0 || used[index]) return null;
            if (!token.IsBlank && token.Cell.Text.Trim() != token.Text) return null; // not alone in its cell
            used[index] = true;
            if (token.IsBlank) continue;
            if (!DigitRunSolver.TryParse(token.Text, row.Fields[index].Kind, out var value)) return null;
            pieces[index] = new Piece(i, 0, token.Length, value);
        }
        var outcome = new RowOutcome { Row = row, Tokens = tokens };
        outcome.Readings.Add(new DigitRunSolver.Reading(pieces));
        return outcome;
    }

    private static DigitRunSolver.Reading? OneDigitEach(IReadOnlyList<NumberToken> tokens, IReadOnlyList<CellSpec> cells)
    {
        var pieces = new List<Piece?>(cells.Count);
        for (var t = 0; t < tokens.Count; t++)
        {
            var text = tokens[t].Text;
            if (tokens[t].IsBlank || text.Any(c => !char.IsAsciiDigit(c))) return null;
            for (var i = 0; i < text.Length; i++) pieces.Add(new Piece(t, i, 1, text[i] - '0'));
        }
        if (pieces.Count != cells.Count || cells.Any(c => c.Kind == ValueKind.Money)) return null;
        return new DigitRunSolver.Reading(pieces);
    }

    /// <summary>Tokens with something between them (a space, a tab, a cell border), not "6-75" where a sign splits a run.</summary>
    private static bool Separated(IReadOnlyList<NumberToken> tokens)
    {
        for (var i = 1; i < tokens.Count; i++)
            if (tokens[i].Start <= tokens[i - 1].Start + tokens[i - 1].Length) return false;
        return true;
    }

    /// <summary>A number set off from the label before it ("收费⇥15"), not run into it ("收费15").</summary>
    private static bool StandsApart(NumberToken token)
    {
        if (token.Start == token.Cell.Start) return true;
        var text = token.Line.Cells.Count > 0 ? token.Cell.Text : "";
        var offset = token.Start - token.Cell.Start;
        return offset > 0 && offset <= text.Length && char.IsWhiteSpace(text[offset - 1]);
    }

    /// <summary>
    /// Numbers of one row standing on several lines of page text, at least two of them on one line:
    /// not a grid's row (one line), not text with one cell per line.
    /// </summary>
    private static bool Scattered(IReadOnlyList<NumberToken> tokens)
    {
        // A row has a handful of tokens: counted in place rather than grouped (this runs for every row).
        var lines = 0;
        var most = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Line.IsTableRow) return false;
            var start = tokens[i].Line.Start;
            var seen = false;
            for (var j = 0; j < i && !seen; j++) seen = tokens[j].Line.Start == start;
            if (seen) continue;
            lines++;
            var count = 0;
            for (var j = i; j < tokens.Count; j++)
                if (tokens[j].Line.Start == start) count++;
            most = Math.Max(most, count);
        }
        return lines > 1 && most >= 2;
    }

    internal static bool AddsUp(DigitRunSolver.Reading reading, IReadOnlyList<SumConstraint> constraints) =>
        constraints.All(c => reading.Cells[c.Total] is not { } total || c.Parts.Any(p => reading.Cells[p] is null)
            || c.Parts.Sum(p => reading.Cells[p]!.Value.Value) == total.Value);

    private static ReadingConfidence Max(ReadingConfidence a, ReadingConfidence b) => (ReadingConfidence)Math.Max((int)a, (int)b);

    /// <summary>A printed number with more digits than <see cref="DigitRunSolver.MaxDigits"/>.</summary>
    public static bool OutOfRange(NumberToken token)
    {
        if (token.IsBlank || token.Text.Length <= DigitRunSolver.MaxDigits) return false;
        var digits = 0;
        foreach (var c in token.Text)
            if (char.IsAsciiDigit(c)) digits++;
        return digits > DigitRunSolver.MaxDigits;
    }

    private static DigitRunSolver.Reading? WithoutOutOfRange(IReadOnlyList<NumberToken> tokens, IReadOnlyList<CellSpec> cells)
    {
        var pieces = new Piece?[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].IsBlank || OutOfRange(tokens[i])) continue;
            if (!DigitRunSolver.TryParse(tokens[i].Text, cells[i].Kind, out var v) || (cells[i].Kind == ValueKind.Count && v < 0)) return null;
            pieces[i] = new Piece(i, 0, tokens[i].Length, v);
        }
        return new DigitRunSolver.Reading(pieces);
    }

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

    /// <summary>
    /// Blank cells beyond the row's width carry no information: empty cells that pad a label
    /// spanning several columns (table 三: <paramref name="paddingLeads"/>) or that fill a row out
    /// to the table's width (table 二). Empty cells go first — a "-" or "/" was written on purpose.
    /// </summary>
    private static IReadOnlyList<NumberToken> TrimBlanks(IReadOnlyList<NumberToken> tokens, int n, bool paddingLeads)
    {
        if (tokens.Count <= n) return tokens;
        var list = tokens.ToList();
        static bool Empty(NumberToken t) => t.IsBlank && t.Cell.Text.Trim().Length == 0;
        while (list.Count > n)
        {
            if (paddingLeads && Empty(list[0])) list.RemoveAt(0);
            else if (Empty(list[^1])) list.RemoveAt(list.Count - 1);
            else if (Empty(list[0])) list.RemoveAt(0);
            else if (list[^1].IsBlank) list.RemoveAt(list.Count - 1);
            else if (list[0].IsBlank) list.RemoveAt(0);
            else break;
        }
        return list;
    }
}
