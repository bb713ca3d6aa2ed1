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

    /// <summary>Longest count the solver will cut out of a run of digits.</summary>
    public const int MaxSplitDigits = 8;

    /// <summary>
    /// Longest number read at all, in digits (the same bound <see cref="TryParse"/> keeps). No count or
    /// amount of these reports comes near it, and every sum of such numbers the solver and the checks
    /// form stays exact in a long: a longer digit run is never a value, so it can never wrap around.
    /// </summary>
    public const int MaxDigits = 15;

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
        if (BlockSplitter.Blocks(tokens, cells, constraints) is { } blocks)
            return BlockSplitter.Solve(tokens, blocks, cells.Count, maxReadings);
        return Search(tokens, cells, constraints, budget, maxReadings);
    }

    /// <summary>The general search, for any tokens and identities (the splitters are shortcuts for common shapes of it).</summary>
    internal static Result Search(IReadOnlyList<NumberToken> tokens, IReadOnlyList<CellSpec> cells,
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
            var state = new SearchState(tokens, lengths, tokens.Count, cells, n, null, budget, maxReadings,
                new SearchState.Plan(tokens, cells, constraints, null));
            state.Search(0, 0, 0);
            return new Result(state.Readings, !state.BudgetExceeded && !state.Truncated);
        }
        if (RowSplitter.Applies(tokens, cells, constraints, suffix))
            return RowSplitter.Solve(tokens[0], n, suffix, maxReadings);
        var readings = new List<Reading>();
        var complete = true;
        var spent = 0;
        var last = tokens.Count - 1;
        var lastToken = tokens[last];
        // What every total's search shares (identities, boundaries, plain tokens): built once per row.
        var plan = new SearchState.Plan(tokens, cells, constraints, suffix);
        for (var t = 1; t <= lastToken.Length && complete; t++)
        {
            var totalText = lastToken.Text[(lastToken.Length - t)..];
            if (!TryParse(totalText, ValueKind.Count, out var totalValue)) continue;
            // A total the remaining digits cannot add up to (too large or too small) needs no search.
            var partDigits = tokens.Where(x => !x.IsBlank).Sum(x => x.Length) - t;
            var partCount = suffix.Parts.Count;
            if (totalValue > SearchState.MaximumSum(partDigits, partCount, Math.Min(MaxSplitDigits, t))) continue;
            var total = new Piece(last, lastToken.Length - t, t, totalValue);
            var partLengths = (int[])lengths.Clone();
            partLengths[last] = lastToken.Length - t;
            var tokenCount = partLengths[last] == 0 ? last : tokens.Count;
            var state = new SearchState(tokens, partLengths, tokenCount, cells, n - 1, (suffix, total),
                budget - spent, maxReadings - readings.Count, plan);
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
        // Most cells are plain digits: read them without the general grammar's strings.
        if (s.Length <= MaxDigits && !s.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            if (s.Length > 1 && s[0] == '0') return false;
            long plainValue = 0;
            foreach (var ch in s) plainValue = plainValue * 10 + (ch - '0');
            value = plainValue;
            return true;
        }
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
        if (plain.Length > MaxDigits) return false;
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
        int searchCells, (SumConstraint Constraint, Piece Total)? known, int budget, int maxReadings,
        SearchState.Plan plan)
    {
        /// <summary>
        /// The parts of a search's state that depend only on the row and its identities, not on the
        /// total fixed in advance: one row tries every length of its total, each with a new state.
        /// </summary>
        internal sealed class Plan(IReadOnlyList<NumberToken> tokens, IReadOnlyList<CellSpec> cells, IReadOnlyList<SumConstraint> constraints, SumConstraint? known)
        {
            public readonly (int[] Parts, int Total)[][] Closing = BuildClosing(cells.Count, constraints);
            public readonly int[] KnownPartsArray = known is { } kp ? kp.Parts.Order().ToArray() : [];
            public readonly bool[] IsKnownPart = Enumerable.Range(0, cells.Count).Select(i => known is { } kk && kk.Parts.Contains(i)).ToArray();
            public readonly bool[] Boundary = Boundaries(cells.Count, constraints, known);
            public readonly bool[] PlainTokens = tokens.Select(t => !t.IsBlank && t.Text.All(char.IsAsciiDigit) && t.Length <= 28).ToArray();
            public readonly int[] PartRank = PartRanks(cells.Count, known);
        }

        private readonly Piece?[] _current = new Piece?[cells.Count];
        // For each cell index, the constraints whose last cell (in reading order) it is.
        private readonly (int[] Parts, int Total)[][] _closing = plan.Closing;
        private readonly int[] _knownPartsArray = plan.KnownPartsArray;
        private readonly bool[] _isKnownPart = plan.IsKnownPart;
        // Longest piece any remaining cell may take: a part never has more digits than its total.
        private readonly int _maxPiece = known is { } kk && kk.Constraint.Parts.Count == searchCells ? Math.Max(1, kk.Total.Length) : 32;
        private readonly int[] _suffixChars = SuffixChars(tokens.Select((t, i) => t.IsBlank ? 0 : lengths[i]).ToArray(), tokenCount);
        private readonly bool[] _boundary = plan.Boundary;
        private readonly bool[] _plain = plan.PlainTokens;

        private decimal PartialSum(SumConstraint c, int uptoCell)
        {
            decimal sum = 0;
            foreach (var p in c.Parts)
                if (p < uptoCell && _current[p] is { } piece) sum += piece.Value;
            return sum;
        }
        private readonly HashSet<long> _dead = new();

        /// <summary>Cells before which no identity is half assigned.</summary>
        private static bool[] Boundaries(int n, IReadOnlyList<SumConstraint> constraints, SumConstraint? known)
        {
            var boundary = Enumerable.Repeat(true, n + 1).ToArray();
            foreach (var c in constraints)
            {
                var cellsOf = c.Parts.Append(c.Total).ToList();
                var lo = cellsOf.Min();
                var hi = cellsOf.Max();
                for (var i = lo + 1; i <= hi; i++) boundary[i] = false;
            }
            // With a total fixed in advance, the running sum of its parts is part of the state.
            if (known is { } k)
                for (var i = k.Parts.Min() + 1; i <= n; i++) boundary[i] = false;
            return boundary;
        }

        private static int[] SuffixChars(int[] lengths, int count)
        {
            var suffix = new int[count + 1];
            for (var i = count - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + lengths[i];
            return suffix;
        }

        private int RemainingChars(int token, int offset) => _suffixChars[token] - offset;
        private int _visited;

        public List<Reading> Readings { get; } = new();
        public bool BudgetExceeded { get; private set; }
        public bool Truncated { get; private set; }
        public int Visited => _visited;

        private static (int[] Parts, int Total)[][] BuildClosing(int n, IReadOnlyList<SumConstraint> constraints)
        {
            var closing = Enumerable.Range(0, n).Select(_ => new List<(int[], int)>()).ToArray();
            foreach (var c in constraints)
            {
                var last = c.Parts.Append(c.Total).Max();
                if (last < n) closing[last].Add((c.Parts.ToArray(), c.Total));
            }
            return closing.Select(l => l.ToArray()).ToArray();
        }

        public void Search(int token, int offset, int cell)
        {
            if (!_boundary[cell])
            {
                SearchFrom(token, offset, cell);
                return;
            }
            // At a cell no open identity crosses, what can follow depends only on where we stand:
            // a position that led nowhere once leads nowhere again.
            var key = ((long)cell << 40) | ((long)token << 20) | (uint)offset;
            if (_dead.Contains(key)) return;
            var before = Readings.Count;
            SearchFrom(token, offset, cell);
            if (Readings.Count == before && !BudgetExceeded) _dead.Add(key);
        }

        private void SearchFrom(int token, int offset, int cell)
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
            // …and the cells left must be able to hold every digit left (pieces are at most
            // _maxPiece long): a total fixed first makes most cuts impossible at once.
            if (RemainingChars(token, offset) > (long)(searchCells - cell) * _maxPiece) return;
            if (t.IsBlank)
            {
                _current[cell] = null;
                _value[cell] = 0;
                if (Closes(cell)) Search(token + 1, 0, cell + 1);
                return;
            }
            var remainingInToken = lengths[token] - offset;
            var cellsAfterThisToken = tokenCount - token - 1;
            var cellsLeftAfter = searchCells - cell - 1;
            // If no cell is left for another piece of this token, this piece takes the rest of it.
            var minLength = cellsLeftAfter < cellsAfterThisToken + 1 ? remainingInToken : 1;
            var maxLength = remainingInToken;
            if (known is { } k && _isKnownPart[cell])
            {
                maxLength = Math.Min(maxLength, k.Total.Length);
                // The last part before a fixed total is not searched: it must be exactly what is left.
                if (cellsLeftAfter == 0 && cellsAfterThisToken == 0 && cells[cell].Kind == ValueKind.Count)
                {
                    var required = k.Total.Value - PartialSum(k.Constraint, cell);
                    var digits = required.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (required < 0 || digits.Length != remainingInToken || string.CompareOrdinal(t.Text, offset, digits, 0, digits.Length) != 0) return;
                    _current[cell] = new Piece(token, offset, remainingInToken, required);
                    _value[cell] = Clamp(required);
                    if (Closes(cell)) Search(token + 1, 0, cell + 1);
                    return;
                }
            }
            // Plain digit runs are read digit by digit without allocating: this loop is the hot path.
            var plainDigits = _plain[token];
            if (plainDigits && cells[cell].Kind == ValueKind.Count)
            {
                if (t.Text[offset] == '0') maxLength = Math.Min(maxLength, 1);
                long value = 0;
                for (var i = 0; i < minLength - 1; i++) value = value * 10 + (t.Text[offset + i] - '0');
                for (var len = minLength; len <= maxLength; len++)
                {
                    value = value * 10 + (t.Text[offset + len - 1] - '0');
                    var lastPieceOfToken = len == remainingInToken;
                    if (lastPieceOfToken && cellsLeftAfter < cellsAfterThisToken) continue;
                    if (!(offset == 0 && lastPieceOfToken) && len > MaxSplitDigits) break;
                    if (len > MaxDigits) break;
                    _current[cell] = new Piece(token, offset, len, value);
                    _value[cell] = value;
                    if (!Closes(cell) || !WithinKnownTotal(cell, RemainingChars(token, offset + len))) continue;
                    if (lastPieceOfToken) Search(token + 1, 0, cell + 1);
                    else Search(token, offset + len, cell + 1);
                    if (BudgetExceeded) return;
                }
                return;
            }
            for (var len = minLength; len <= maxLength; len++)
            {
                var lastPieceOfToken = len == remainingInToken;
                if (!lastPieceOfToken && t.IsGrouped) continue; // a grouped number is one number
                if (lastPieceOfToken && cellsLeftAfter < cellsAfterThisToken) continue;
                // A count cut out of a longer run has at most MaxSplitDigits digits: tables of these
                // reports do not hold counts of a hundred million, and longer pieces only multiply readings.
                if (!(offset == 0 && lastPieceOfToken) && len > MaxSplitDigits && cells[cell].Kind != ValueKind.Money) break;
                var text = t.Text.Substring(offset, len);
                // A piece may not end just before a decimal point (the point belongs to the number).
                if (!lastPieceOfToken && t.Text[offset + len] == '.') continue;
                if (!TryParse(text, cells[cell].Kind, out var value)) continue;
                if (!FitsKind(value, cells[cell].Kind)) continue;
                _current[cell] = new Piece(token, offset, len, value);
                _value[cell] = Clamp(Math.Abs(value));
                if (!Closes(cell) || !WithinKnownTotal(cell, RemainingChars(token, offset + len))) continue;
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

        /// <summary>
        /// With the total fixed first, the parts so far plus the least the digits still to place can
        /// add up to may not exceed it.
        /// </summary>
        private bool WithinKnownTotal(int cell, int charsLeft)
        {
            if (known is not { } k || !_isKnownPart[cell]) return true;
            // Parts are assigned in order, so the parts at or before this cell are exactly the
            // first _partRank[cell] + 1 of them. Counts fit in a long: no decimal arithmetic here,
            // this runs at every node of the search.
            long sum = 0;
            for (var i = 0; i <= _partRank[cell]; i++) sum += _value[_knownPartsArray[i]];
            var partsLeft = _knownPartsArray.Length - _partRank[cell] - 1;
            if (sum > _knownTotal) return false;
            var key = charsLeft * 64 + partsLeft;
            if (!_bounds.TryGetValue(key, out var bounds))
                _bounds[key] = bounds = (Clamp(MinimumSum(charsLeft, partsLeft)), Clamp(MaximumSum(charsLeft, partsLeft, _maxPiece)));
            return sum + bounds.Min <= _knownTotal && sum + bounds.Max >= _knownTotal;
        }

        private static long Clamp(decimal v) => v > long.MaxValue / 4 ? long.MaxValue / 4 : (long)v;

        // Values of the cells on the current path as longs (0 for a blank), for the bound checks.
        private readonly long[] _value = new long[cells.Count];
        private readonly long _knownTotal = known is { } kt && kt.Total.Value < long.MaxValue / 4 ? (long)kt.Total.Value : long.MaxValue / 4;

        private readonly Dictionary<int, (long Min, long Max)> _bounds = new();
        private readonly int[] _partRank = plan.PartRank;

        private static int[] PartRanks(int n, SumConstraint? known)
        {
            var rank = Enumerable.Repeat(-1, n).ToArray();
            if (known is { } k)
            {
                var ordered = k.Parts.Order().ToArray();
                for (var i = 0; i < ordered.Length; i++) rank[ordered[i]] = i;
            }
            return rank;
        }

        /// <summary>A bound on the largest sum <paramref name="digits"/> digits can make as <paramref name="pieces"/> numbers.</summary>
        internal static decimal MaximumSum(int digits, int pieces, int maxPiece)
        {
            if (pieces <= 0) return 0;
            var longest = Math.Min(maxPiece, digits - (pieces - 1));
            return longest <= 0 ? 0 : pieces * Pow10(longest);
        }

        /// <summary>
        /// The smallest sum <paramref name="digits"/> digits can make as <paramref name="pieces"/>
        /// numbers without leading zeros: lengths as even as possible, each piece of length ℓ ≥ 2 at
        /// least 10^(ℓ−1).
        /// </summary>
        private static decimal MinimumSum(int digits, int pieces)
        {
            if (pieces <= 0) return digits == 0 ? 0 : decimal.MaxValue / 2;
            if (digits < pieces) return 0; // other tokens' cells will take the rest; no bound here
            var length = digits / pieces;
            var longer = digits % pieces;
            static decimal Least(int l) => l >= 2 ? (l > 28 ? decimal.MaxValue / 64 : Pow10(l - 1)) : 0;
            return longer * Least(length + 1) + (pieces - longer) * Least(length);
        }

        private static readonly decimal[] Powers = Enumerable.Range(0, 29).Select(e =>
        {
            decimal v = 1;
            for (var i = 0; i < e; i++) v *= 10;
            return v;
        }).ToArray();

        private static decimal Pow10(int e) => Powers[Math.Clamp(e, 0, 28)];

        private bool Closes(int cell)
        {
            foreach (var (parts, totalCell) in _closing[cell])
            {
                decimal sum = 0;
                var blank = false;
                for (var i = 0; i < parts.Length; i++)
                {
                    if (_current[parts[i]] is { } piece) sum += piece.Value; else blank = true;
                }
                if (_current[totalCell] is not { } total) continue;
                if (blank) { if (sum > total.Value && cells[totalCell].Kind == ValueKind.Count) return false; continue; }
                if (sum != total.Value) return false;
            }
            return true;
        }
    }
}
