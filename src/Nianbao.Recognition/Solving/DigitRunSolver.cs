using System.Globalization;
using Nianbao.Domain.Tables;
using Nianbao.Recognition.Text;

namespace Nianbao.Recognition.Solving;

/// <summary>
/// Splits the number tokens of one row into its cells. A token may hold one number or several run
/// together ("640020470" is 64, 0, 0, 2, 0, 4, 70); the splits allowed are those where every piece is
/// a well-formed number (no leading zeros) and the row's own identities hold. Every piece is a
/// substring of the document: the solver never produces a number the text does not contain.
/// </summary>
public static class DigitRunSolver
{
    /// <summary>How many partial readings the search may visit before it calls a row too ambiguous.</summary>
    public const int DefaultBudget = 200_000;

    /// <summary>A complete reading: for each cell the piece it holds, or null for a blank cell.</summary>
    public sealed record Reading(IReadOnlyList<Piece?> Cells)
    {
        public string Describe() => string.Join(" ", Cells.Select(c => c?.ToString() ?? "∅"));
    }

    /// <summary>The readings found; <see cref="Complete"/> is false when the search stopped early
    /// (budget spent or the reading cap reached), so more readings may exist.</summary>
    public sealed record Result(IReadOnlyList<Reading> Readings, bool Complete);

    /// <summary>
    /// Every reading of <paramref name="tokens"/> as exactly <paramref name="cells"/>.Count cells that
    /// satisfies <paramref name="constraints"/> (blank cells satisfy any identity they are part of).
    /// </summary>
    public static Result Solve(IReadOnlyList<NumberToken> tokens, IReadOnlyList<CellSpec> cells,
        IReadOnlyList<SumConstraint> constraints, int budget = DefaultBudget, int maxReadings = 1000)
    {
        if (tokens.Count > cells.Count) return new Result([], true);
        var lengths = tokens.Select(t => t.Length).ToArray();
        var n = cells.Count;
        // When the last cell is a total of earlier count cells (table 三's 总计, table 四's last group)
        // and ends the last token, fix the total first: it bounds every part, which keeps long runs
        // ("10784791637145751623107477") from exploding into millions of partial readings.
        var suffix = constraints.FirstOrDefault(c => c.Total == n - 1 && c.Parts.All(p => p < n - 1 && cells[p].Kind == ValueKind.Count));
        if (suffix is null || tokens[^1].IsBlank || cells[n - 1].Kind != ValueKind.Count)
        {
            var state = new SearchState(tokens, lengths, tokens.Count, cells, n, constraints, null, budget, maxReadings);
            state.Search(0, 0, 0);
            return new Result(state.Readings, !state.BudgetExceeded && !state.Truncated);
        }
        var readings = new List<Reading>();
        var complete = true;
        var spent = 0;
        var last = tokens.Count - 1;
        var lastToken = tokens[last];
        for (var t = 1; t <= lastToken.Length && complete; t++)
        {
            var totalText = lastToken.Text[(lastToken.Length - t)..];
            if (!TryParse(totalText, ValueKind.Count, out var totalValue)) continue;
            var total = new Piece(last, lastToken.Length - t, t, totalValue);
            var partLengths = (int[])lengths.Clone();
            partLengths[last] = lastToken.Length - t;
            var tokenCount = partLengths[last] == 0 ? last : tokens.Count;
            var state = new SearchState(tokens, partLengths, tokenCount, cells, n - 1, constraints, (suffix, total),
                budget - spent, maxReadings - readings.Count);
            state.Search(0, 0, 0);
            spent += state.Visited;
            readings.AddRange(state.Readings);
            complete = !state.BudgetExceeded && !state.Truncated;
        }
        return new Result(readings, complete);
    }

    /// <summary>
    /// For a row that lost cells (fewer tokens than cells, none of them splittable): the placements
    /// of the printed numbers, in order, into the cells that the identities allow. Missing cells are
    /// null in every reading; they are never filled with a derived value.
    /// </summary>
    public static IReadOnlyList<Reading> PlaceWithLostCells(IReadOnlyList<NumberToken> tokens, IReadOnlyList<CellSpec> cells,
        IReadOnlyList<SumConstraint> constraints, int maxLost = 2)
    {
        var k = tokens.Count;
        var n = cells.Count;
        if (k == 0 || k >= n || n - k > maxLost) return [];
        var pieces = new Piece?[k];
        for (var t = 0; t < k; t++)
        {
            if (tokens[t].IsBlank) { pieces[t] = null; continue; }
            if (!TryParse(tokens[t].Text, null, out var v)) return [];
            pieces[t] = new Piece(t, 0, tokens[t].Length, v);
        }
        var readings = new List<Reading>();
        var positions = new int[k];
        void Place(int t, int from)
        {
            if (t == k)
            {
                var row = new Piece?[n];
                for (var i = 0; i < k; i++) row[positions[i]] = pieces[i];
                var known = new bool[n];
                for (var i = 0; i < k; i++) known[positions[i]] = pieces[i] is not null;
                if (!KindsFit(row, cells)) return;
                if (constraints.All(c => SatisfiableWithUnknowns(c, row, known, cells))) readings.Add(new Reading(row));
                return;
            }
            for (var p = from; p <= n - (k - t); p++)
            {
                positions[t] = p;
                Place(t + 1, p + 1);
            }
        }
        Place(0, 0);
        return readings;
    }

    private static bool KindsFit(Piece?[] row, IReadOnlyList<CellSpec> cells)
    {
        for (var i = 0; i < row.Length; i++)
            if (row[i] is { } p && !FitsKind(p.Value, cells[i].Kind)) return false;
        return true;
    }

    private static bool FitsKind(decimal v, ValueKind kind) => kind switch
    {
        ValueKind.Count => v >= 0 && v == decimal.Truncate(v),
        ValueKind.SignedCount => v == decimal.Truncate(v),
        _ => true,
    };

    private static bool SatisfiableWithUnknowns(SumConstraint c, Piece?[] row, bool[] known, IReadOnlyList<CellSpec> cells)
    {
        var unknown = c.Parts.Count(i => !known[i]) + (known[c.Total] ? 0 : 1);
        var sum = c.Parts.Where(i => known[i]).Sum(i => row[i]!.Value.Value);
        if (unknown == 0) return sum == row[c.Total]!.Value.Value;
        if (unknown > 1) return true;
        // Exactly one unknown: its implied value must be possible for its kind.
        if (!known[c.Total]) return true; // the total would be the sum: always possible
        var missing = c.Parts.First(i => !known[i]);
        var implied = row[c.Total]!.Value.Value - sum;
        return cells[missing].Kind != ValueKind.Count || implied >= 0;
    }

    /// <summary>Strict number grammar for one piece; rejects leading zeros, stray signs and bad groups.</summary>
    public static bool TryParse(string s, ValueKind? kind, out decimal value)
    {
        value = 0;
        if (s.Length == 0) return false;
        var i = 0;
        var negative = false;
        if (s[0] is '+' or '-')
        {
            if (kind is ValueKind.Count or ValueKind.Money) return false;
            negative = s[0] == '-';
            i = 1;
        }
        var digits = s.AsSpan(i);
        if (digits.Length == 0 || !char.IsAsciiDigit(digits[0])) return false;
        var dot = digits.IndexOf('.');
        var intPart = dot >= 0 ? digits[..dot] : digits;
        if (dot >= 0)
        {
            if (kind is ValueKind.Count or ValueKind.SignedCount) return false;
            var frac = digits[(dot + 1)..];
            if (frac.Length == 0) return false;
            foreach (var ch in frac) if (!char.IsAsciiDigit(ch)) return false;
        }
        var plain = intPart.ToString().Replace(",", "");
        if (intPart.Contains(',') && !IsWellGrouped(intPart)) return false;
        if (plain.Length == 0 || (plain.Length > 1 && plain[0] == '0')) return false;
        foreach (var ch in plain) if (!char.IsAsciiDigit(ch)) return false;
        if (plain.Length > 15) return false;
        var text = dot >= 0 ? plain + "." + digits[(dot + 1)..].ToString() : plain;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)) return false;
        if (negative) value = -value;
        return true;
    }

    private static bool IsWellGrouped(ReadOnlySpan<char> s)
    {
        var groups = s.ToString().Split(',');
        if (groups[0].Length is < 1 or > 3) return false;
        return groups.Skip(1).All(g => g.Length == 3);
    }

    private sealed class SearchState(IReadOnlyList<NumberToken> tokens, int[] lengths, int tokenCount, IReadOnlyList<CellSpec> cells,
        int searchCells, IReadOnlyList<SumConstraint> constraints, (SumConstraint Constraint, Piece Total)? known, int budget, int maxReadings)
    {
        private readonly Piece?[] _current = new Piece?[cells.Count];
        // For each cell index, the constraints whose last cell (in reading order) it is.
        private readonly List<SumConstraint>[] _closing = BuildClosing(cells.Count, constraints);
        private readonly HashSet<int> _knownParts = known is { } k ? k.Constraint.Parts.ToHashSet() : [];
        private int _visited;

        public List<Reading> Readings { get; } = new();
        public bool BudgetExceeded { get; private set; }
        public bool Truncated { get; private set; }
        public int Visited => _visited;

        private static List<SumConstraint>[] BuildClosing(int n, IReadOnlyList<SumConstraint> constraints)
        {
            var closing = Enumerable.Range(0, n).Select(_ => new List<SumConstraint>()).ToArray();
            foreach (var c in constraints)
            {
                var last = c.Parts.Append(c.Total).Max();
                if (last < n) closing[last].Add(c);
            }
            return closing;
        }

        public void Search(int token, int offset, int cell)
        {
            if (BudgetExceeded || Readings.Count >= maxReadings) return;
            if (++_visited > budget) { BudgetExceeded = true; return; }
            if (token == tokenCount)
            {
                if (cell == searchCells) Complete();
                if (Readings.Count >= maxReadings) Truncated = true;
                return;
            }
            if (cell == searchCells) return;
            var t = tokens[token];
            // Each remaining token needs at least one cell.
            if (tokenCount - token > searchCells - cell) return;
            if (t.IsBlank)
            {
                _current[cell] = null;
                if (Closes(cell)) Search(token + 1, 0, cell + 1);
                return;
            }
            var remainingInToken = lengths[token] - offset;
            var cellsAfterThisToken = tokenCount - token - 1;
            var cellsLeftAfter = searchCells - cell - 1;
            // If no cell is left for another piece of this token, this piece takes the rest of it.
            var minLength = cellsLeftAfter < cellsAfterThisToken + 1 ? remainingInToken : 1;
            var maxLength = remainingInToken;
            if (known is { } k && _knownParts.Contains(cell)) maxLength = Math.Min(maxLength, k.Total.Length);
            for (var len = minLength; len <= maxLength; len++)
            {
                var lastPieceOfToken = len == remainingInToken;
                if (!lastPieceOfToken && t.IsGrouped) continue; // a grouped number is one number
                if (lastPieceOfToken && cellsLeftAfter < cellsAfterThisToken) continue;
                var text = t.Text.Substring(offset, len);
                // A piece may not end just before a decimal point (the point belongs to the number).
                if (!lastPieceOfToken && t.Text[offset + len] == '.') continue;
                if (!TryParse(text, cells[cell].Kind, out var value)) continue;
                if (!FitsKind(value, cells[cell].Kind)) continue;
                _current[cell] = new Piece(token, offset, len, value);
                if (!Closes(cell) || !WithinKnownTotal(cell)) continue;
                if (lastPieceOfToken) Search(token + 1, 0, cell + 1);
                else Search(token, offset + len, cell + 1);
                if (BudgetExceeded) return;
            }
        }

        private void Complete()
        {
            if (known is { } k)
            {
                _current[cells.Count - 1] = k.Total;
                if (!Closes(cells.Count - 1)) return;
            }
            Readings.Add(new Reading(_current.ToArray()));
        }

        /// <summary>With the total fixed first, the parts so far may not exceed it.</summary>
        private bool WithinKnownTotal(int cell)
        {
            if (known is not { } k || !_knownParts.Contains(cell)) return true;
            decimal sum = 0;
            foreach (var p in k.Constraint.Parts)
                if (p <= cell && _current[p] is { } piece) sum += piece.Value;
            return sum <= k.Total.Value;
        }

        private bool Closes(int cell)
        {
            foreach (var c in _closing[cell])
            {
                decimal sum = 0;
                var blank = false;
                foreach (var p in c.Parts)
                {
                    if (_current[p] is { } piece) sum += piece.Value; else blank = true;
                }
                if (_current[c.Total] is not { } total) continue;
                if (blank) { if (sum > total.Value && cells[c.Total].Kind == ValueKind.Count) return false; continue; }
                if (sum != total.Value) return false;
            }
            return true;
        }
    }
}
