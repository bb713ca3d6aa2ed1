using Nianbao.Domain.Tables;
using Nianbao.Recognition.Text;

namespace Nianbao.Recognition.Solving;

/// <summary>
/// Rows made of consecutive blocks, each a few parts followed by their total — table 四's three
/// groups of 维持/纠正/其他/尚未审结/总计 — printed as runs of digits. The identities never cross a
/// block, so each block is split on its own, once per place it can start, and the places a block
/// can end are where the next one may start. A block's total is not searched: once its parts are
/// cut, the total is their sum, and the digits that follow either spell it or the cut is wrong.
/// Gives exactly the readings, in the same order, that the general search gives, without its
/// fifteen-cell explosion on long runs of large numbers.
/// </summary>
internal static class BlockSplitter
{
    /// <summary>Blocks with more parts than this are left to the general search (their leaves grow as 8^parts).</summary>
    private const int MaxParts = 4;

    /// <summary>The blocks (first cell, part count) when the row is made of them, or null.</summary>
    public static IReadOnlyList<(int First, int Parts)>? Blocks(IReadOnlyList<NumberToken> tokens, IReadOnlyList<CellSpec> cells,
        IReadOnlyList<SumConstraint> constraints)
    {
        if (constraints.Count < 2 || tokens.Count == 0 || cells.Any(c => c.Kind != ValueKind.Count)) return null;
        if (tokens.Any(t => t.IsBlank || t.Length == 0 || !t.Text.All(char.IsAsciiDigit))) return null;
        var blocks = new List<(int, int)>();
        var next = 0;
        foreach (var c in constraints.OrderBy(c => c.Total))
        {
            var parts = c.Parts.Count;
            if (parts is < 1 or > MaxParts || c.Total != next + parts) return null;
            if (!c.Parts.Order().SequenceEqual(Enumerable.Range(next, parts))) return null;
            blocks.Add((next, parts));
            next = c.Total + 1;
        }
        return next == cells.Count ? blocks : null;
    }

    public static DigitRunSolver.Result Solve(IReadOnlyList<NumberToken> tokens, IReadOnlyList<(int First, int Parts)> blocks,
        int cellCount, int maxReadings) =>
        new Run(tokens, blocks, cellCount).Readings(maxReadings);

    private sealed class Run
    {
        private readonly string _digits;
        private readonly int[] _tokenOf;
        private readonly int[] _tokenStart;
        private readonly int[] _tokenEnd;
        private readonly IReadOnlyList<(int First, int Parts)> _blocks;
        private readonly int _cellCount;
        // Ways each block can be cut when it starts at a position: where it ends and its piece lengths.
        private readonly List<(int End, int[] Lengths)>?[,] _ways;
        // How many whole readings follow from a block starting at a position (capped).
        private readonly long[,] _completions;
        private readonly int[] _cellsFrom;
        private long _cap;

        public Run(IReadOnlyList<NumberToken> tokens, IReadOnlyList<(int First, int Parts)> blocks, int cellCount)
        {
            _digits = string.Concat(tokens.Select(t => t.Text));
            _tokenOf = new int[_digits.Length];
            _tokenStart = new int[_digits.Length];
            _tokenEnd = new int[_digits.Length];
            var at = 0;
            for (var t = 0; t < tokens.Count; t++)
            {
                for (var i = 0; i < tokens[t].Length; i++)
                {
                    _tokenOf[at + i] = t;
                    _tokenStart[at + i] = at;
                    _tokenEnd[at + i] = at + tokens[t].Length;
                }
                at += tokens[t].Length;
            }
            _blocks = blocks;
            _cellCount = cellCount;
            _ways = new List<(int, int[])>?[blocks.Count, _digits.Length + 1];
            _completions = new long[blocks.Count, _digits.Length + 1];
            for (var b = 0; b < blocks.Count; b++)
                for (var p = 0; p <= _digits.Length; p++) _completions[b, p] = -1;
            _cellsFrom = new int[blocks.Count + 1];
            for (var b = blocks.Count - 1; b >= 0; b--) _cellsFrom[b] = _cellsFrom[b + 1] + blocks[b].Parts + 1;
        }

        public DigitRunSolver.Result Readings(int maxReadings)
        {
            _cap = maxReadings;
            var count = Completions(0, 0);
            var readings = new List<(int[] Lengths, DigitRunSolver.Reading Reading)>();
            var lengths = new int[_cellCount];
            Enumerate(0, 0, lengths, readings, maxReadings);
            // The general search tries the last total's length first, then cuts from the left.
            readings.Sort((x, y) =>
            {
                var c = x.Lengths[^1].CompareTo(y.Lengths[^1]);
                for (var i = 0; c == 0 && i < x.Lengths.Length; i++) c = x.Lengths[i].CompareTo(y.Lengths[i]);
                return c;
            });
            return new DigitRunSolver.Result(readings.Select(r => r.Reading).ToList(), count < maxReadings);
        }

        private long Completions(int block, int start)
        {
            if (block == _blocks.Count) return start == _digits.Length ? 1 : 0;
            if (_digits.Length - start < _cellsFrom[block]) return 0;
            if (_completions[block, start] >= 0) return _completions[block, start];
            long count = 0;
            foreach (var (end, _) in Ways(block, start))
            {
                count += Completions(block + 1, end);
                if (count > _cap) { count = _cap + 1; break; }
            }
            return _completions[block, start] = count;
        }

        private void Enumerate(int block, int start, int[] lengths, List<(int[], DigitRunSolver.Reading)> readings, int max)
        {
            if (readings.Count >= max) return;
            if (block == _blocks.Count)
            {
                readings.Add(((int[])lengths.Clone(), Build(lengths)));
                return;
            }
            if (Completions(block, start) == 0) return;
            var first = _blocks[block].First;
            foreach (var (end, way) in Ways(block, start))
            {
                if (Completions(block + 1, end) == 0) continue;
                way.CopyTo(lengths, first);
                Enumerate(block + 1, end, lengths, readings, max);
            }
        }

        private List<(int End, int[] Lengths)> Ways(int block, int start)
        {
            if (_ways[block, start] is { } known) return known;
            var parts = _blocks[block].Parts;
            var ways = new List<(int, int[])>();
            var lengths = new int[parts + 1];
            var last = block == _blocks.Count - 1;
            // Cells after this block each need a digit.
            var reserve = _cellsFrom[block + 1];
            void Cut(int part, int at, long sum)
            {
                if (part == parts)
                {
                    // The total is the parts' sum: its digits must stand here, whole.
                    var total = sum.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var end = at + total.Length;
                    if (end > _digits.Length - reserve || (last && end != _digits.Length)) return;
                    if (!Fits(at, total.Length) || string.CompareOrdinal(_digits, at, total, 0, total.Length) != 0) return;
                    lengths[parts] = total.Length;
                    ways.Add((end, (int[])lengths.Clone()));
                    return;
                }
                // This part, the parts after it, the total and the later blocks each need a digit.
                var longest = Math.Min(_digits.Length - reserve - at - (parts - part), _tokenEnd[at] - at);
                if (_digits[at] == '0') longest = Math.Min(longest, 1);
                long value = 0;
                for (var len = 1; len <= Math.Min(longest, DigitRunSolver.MaxSplitDigits); len++)
                {
                    value = value * 10 + (_digits[at + len - 1] - '0');
                    lengths[part] = len;
                    Cut(part + 1, at + len, sum + value);
                }
                // A whole token may be one longer number.
                var token = _tokenEnd[at] - at;
                if (at == _tokenStart[at] && token > DigitRunSolver.MaxSplitDigits && token <= Math.Min(longest, 15))
                {
                    lengths[part] = token;
                    Cut(part + 1, at + token, sum + long.Parse(_digits.AsSpan(at, token)));
                }
            }
            Cut(0, start, 0);
            return _ways[block, start] = ways;
        }

        /// <summary>
        /// A piece may not cross a gap between tokens, has no leading zero, and is at most
        /// <see cref="DigitRunSolver.MaxSplitDigits"/> long unless it is a whole token (at most 15 digits).
        /// </summary>
        private bool Fits(int at, int length)
        {
            if (at + length > _tokenEnd[at]) return false;
            if (length > 1 && _digits[at] == '0') return false;
            var whole = at == _tokenStart[at] && at + length == _tokenEnd[at];
            return whole ? length <= 15 : length <= DigitRunSolver.MaxSplitDigits;
        }

        private DigitRunSolver.Reading Build(int[] lengths)
        {
            var cells = new Piece?[lengths.Length];
            var at = 0;
            for (var i = 0; i < lengths.Length; i++)
            {
                cells[i] = new Piece(_tokenOf[at], at - _tokenStart[at], lengths[i], long.Parse(_digits.AsSpan(at, lengths[i])));
                at += lengths[i];
            }
            return new DigitRunSolver.Reading(cells);
        }
    }
}
