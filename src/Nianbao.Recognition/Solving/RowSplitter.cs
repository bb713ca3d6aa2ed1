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
        && cells.Count is >= 3 and <= 15; // lengths of a half are packed into one int

    public static DigitRunSolver.Result Solve(NumberToken token, int cellCount, SumConstraint constraint, int maxReadings)
    {
        var text = token.Text;
        var parts = cellCount - 1;
        var leftCount = parts / 2;
        var rightCount = parts - leftCount;
        var readings = new List<DigitRunSolver.Reading>();
        // The left half always starts at the first digit, so its splits depend only on where it
        // ends: tabled once per cut, for every length of the total. Lengths are packed four bits
        // each (pieces have at most eight digits).
        var leftByCut = new Dictionary<long, List<int>>?[text.Length + 1];
        // The least and the most sum of each cut's left table: a right half can only match when
        // total - its sum lies between them, so its search is cut off outside that window (it
        // skips only splits whose lookup would fail: the readings and their order are unchanged).
        var leftLeast = new long[text.Length + 1];
        var leftMost = new long[text.Length + 1];
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
                var left = leftByCut[cut];
                if (left is null)
                {
                    leftByCut[cut] = left = Table(text, cut, leftCount);
                    if (left.Count > 0) (leftLeast[cut], leftMost[cut]) = (left.Keys.Min(), left.Keys.Max());
                }
                if (left.Count == 0 || leftLeast[cut] > total) continue;
                foreach (var (rightLengths, rightSum) in Splits(text, cut, prefix, rightCount, maxPiece, total - leftLeast[cut], total - leftMost[cut]))
                {
                    if (!left.TryGetValue(total - rightSum, out var matches)) continue;
                    foreach (var leftLengths in matches)
                    {
                        readings.Add(Build(text, leftLengths, leftCount, rightLengths, rightCount, total, t));
                        if (readings.Count >= maxReadings) return new DigitRunSolver.Result(readings, false);
                    }
                }
            }
        }
        return new DigitRunSolver.Result(readings, true);
    }

    /// <summary>
    /// The splits of text[0, cut) into <paramref name="count"/> counts, by sum. No bound on the sum
    /// here: a left half that adds up to more than the total is never looked up.
    /// </summary>
    private static Dictionary<long, List<int>> Table(string text, int cut, int count)
    {
        var table = new Dictionary<long, List<int>>();
        foreach (var (lengths, sum) in Splits(text, 0, cut, count, DigitRunSolver.MaxSplitDigits, long.MaxValue / 4, long.MinValue))
        {
            if (!table.TryGetValue(sum, out var list)) table[sum] = list = new List<int>(1);
            list.Add(lengths);
        }
        return table;
    }

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

    /// <summary>
    /// The most <paramref name="digits"/> digits can add up to as <paramref name="pieces"/> numbers of
    /// 1 to <paramref name="maxPiece"/> digits: as many longest pieces as the digits allow (a piece of
    /// length l is below 10^l, and 10^l grows faster than the digits it takes), each taken as all nines.
    /// </summary>
    private static long MostSum(int digits, int pieces, int maxPiece)
    {
        if (maxPiece <= 1) return 9L * pieces;
        var extra = digits - pieces;
        var full = Math.Min(pieces, extra / (maxPiece - 1));
        var rest = extra - full * (maxPiece - 1);
        var most = full * (Pow10(maxPiece) - 1);
        var others = pieces - full;
        if (others > 0 && rest > 0) { most += Pow10(Math.Min(rest + 1, maxPiece)) - 1; others--; }
        return most + 9L * others;
    }

    /// <summary>
    /// Every split of text[from, to) into <paramref name="count"/> valid counts, each at most
    /// <paramref name="maxPiece"/> digits and the sum between <paramref name="floor"/> and
    /// <paramref name="cap"/>; lengths packed four bits each.
    /// </summary>
    private static List<(int Lengths, long Sum)> Splits(string text, int from, int to, int count, int maxPiece, long cap, long floor)
    {
        var results = new List<(int, long)>();
        void Walk(int at, int k, long sum, int packed)
        {
            if (k == count)
            {
                if (at == to && sum >= floor) results.Add((packed, sum));
                return;
            }
            var left = to - at;
            var piecesLeft = count - k;
            if (left < piecesLeft || left > (long)piecesLeft * maxPiece) return;
            if (sum + MostSum(left, piecesLeft, maxPiece) < floor) return;
            var longest = text[at] == '0' ? 1 : Math.Min(maxPiece, left - (piecesLeft - 1));
            long value = 0;
            for (var len = 1; len <= longest; len++)
            {
                value = value * 10 + (text[at + len - 1] - '0');
                if (sum + value > cap) break;
                Walk(at + len, k + 1, sum + value, packed | len << (4 * k));
            }
        }
        Walk(from, 0, 0, 0);
        return results;
    }

    private static DigitRunSolver.Reading Build(string text, int left, int leftCount, int right, int rightCount, long total, int totalLength)
    {
        var cells = new Piece?[leftCount + rightCount + 1];
        var at = 0;
        for (var i = 0; i < leftCount + rightCount; i++)
        {
            var length = i < leftCount ? left >> (4 * i) & 0xF : right >> (4 * (i - leftCount)) & 0xF;
            cells[i] = new Piece(0, at, length, long.Parse(text.AsSpan(at, length)));
            at += length;
        }
        cells[^1] = new Piece(0, at, totalLength, total);
        return new DigitRunSolver.Reading(cells);
    }
}
