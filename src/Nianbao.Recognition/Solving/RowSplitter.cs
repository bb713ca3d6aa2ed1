using Nianbao.Domain.Tables;
using Nianbao.Recognition.Text;

namespace Nianbao.Recognition.Solving;

/// <summary>
/// The common run-together row — one run of digits holding every cell, the last cell the total of
/// all the others — split by meeting in the middle: for each cut of the parts into a left and a
/// right half, the left half's splits are tabled by their sum and looked up against what the right
/// half must add up to. Gives exactly the readings the general search gives, in a fraction of the
/// time on long runs of large numbers.
/// </summary>
internal static class RowSplitter
{
    public static bool Applies(IReadOnlyList<NumberToken> tokens, IReadOnlyList<CellSpec> cells, IReadOnlyList<SumConstraint> constraints, SumConstraint total) =>
        tokens.Count == 1 && !tokens[0].IsBlank && tokens[0].Length <= 60 && tokens[0].Text.All(char.IsAsciiDigit)
        && constraints.Count == 1 && cells.All(c => c.Kind == ValueKind.Count)
        && total.Parts.Count == cells.Count - 1 && total.Parts.Order().SequenceEqual(Enumerable.Range(0, cells.Count - 1))
        && cells.Count >= 3;

    public static DigitRunSolver.Result Solve(NumberToken token, int cellCount, SumConstraint constraint, int maxReadings)
    {
        var text = token.Text;
        var parts = cellCount - 1;
        var leftCount = parts / 2;
        var rightCount = parts - leftCount;
        var readings = new List<DigitRunSolver.Reading>();
        for (var t = 1; t < text.Length; t++)
        {
            var totalText = text[^t..];
            if (totalText.Length > 1 && totalText[0] == '0') continue;
            if (!long.TryParse(totalText, out var total)) continue;
            var prefix = text.Length - t;
            if (prefix < parts) break;
            var maxPiece = Math.Min(DigitRunSolver.MaxSplitDigits, t);
            // The parts' digits must fit in pieces of at most maxPiece digits, and the total must
            // lie between the least and the most such pieces can add up to.
            if (prefix > parts * maxPiece) continue;
            if (total < LeastSum(prefix, parts) || total > parts * (Pow10(maxPiece) - 1)) continue;
            for (var cut = Math.Max(leftCount, prefix - rightCount * maxPiece); cut <= Math.Min(prefix - rightCount, leftCount * maxPiece); cut++)
            {
                var right = Splits(text, cut, prefix, rightCount, maxPiece, total);
                if (right.Count == 0) continue;
                var left = new Dictionary<long, List<int[]>>();
                foreach (var (lengths, sum) in Splits(text, 0, cut, leftCount, maxPiece, total))
                {
                    if (!left.TryGetValue(sum, out var list)) left[sum] = list = new List<int[]>();
                    list.Add(lengths);
                }
                foreach (var (rightLengths, rightSum) in right)
                {
                    if (!left.TryGetValue(total - rightSum, out var matches)) continue;
                    foreach (var leftLengths in matches)
                    {
                        readings.Add(Build(text, [.. leftLengths, .. rightLengths], total, t));
                        if (readings.Count >= maxReadings) return new DigitRunSolver.Result(readings, false);
                    }
                }
            }
        }
        return new DigitRunSolver.Result(readings, true);
    }

    /// <summary>Every split of text[from, to) into <paramref name="count"/> valid counts, each at most <paramref name="maxPiece"/> digits and the sum at most <paramref name="cap"/>.</summary>
    private static long Pow10(int e)
    {
        long v = 1;
        for (var i = 0; i < e; i++) v *= 10;
        return v;
    }

    /// <summary>The least sum <paramref name="digits"/> digits make as <paramref name="pieces"/> counts: lengths as even as possible.</summary>
    private static long LeastSum(int digits, int pieces)
    {
        var length = digits / pieces;
        var longer = digits % pieces;
        long Least(int l) => l >= 2 ? Pow10(Math.Min(l - 1, 17)) : 0;
        return longer * Least(length + 1) + (pieces - longer) * Least(length);
    }

    private static List<(int[] Lengths, long Sum)> Splits(string text, int from, int to, int count, int maxPiece, long cap)
    {
        var lengths = new int[count];
        var results = new List<(int[], long)>();
        void Walk(int at, int k, long sum)
        {
            if (k == count)
            {
                if (at == to) results.Add(((int[])lengths.Clone(), sum));
                return;
            }
            var left = to - at;
            var piecesLeft = count - k;
            if (left < piecesLeft || left > (long)piecesLeft * maxPiece) return;
            var longest = text[at] == '0' ? 1 : Math.Min(maxPiece, left - (piecesLeft - 1));
            long value = 0;
            for (var len = 1; len <= longest; len++)
            {
                value = value * 10 + (text[at + len - 1] - '0');
                if (sum + value > cap) break;
                lengths[k] = len;
                Walk(at + len, k + 1, sum + value);
            }
        }
        Walk(from, 0, 0);
        return results;
    }

    private static DigitRunSolver.Reading Build(string text, int[] lengths, long total, int totalLength)
    {
        var cells = new Piece?[lengths.Length + 1];
        var at = 0;
        for (var i = 0; i < lengths.Length; i++)
        {
            cells[i] = new Piece(0, at, lengths[i], long.Parse(text.AsSpan(at, lengths[i])));
            at += lengths[i];
        }
        cells[^1] = new Piece(0, at, totalLength, total);
        return new DigitRunSolver.Reading(cells);
    }
}
