using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;
using Nianbao.Recognition.Solving;

namespace Nianbao.Recognition.Tables;

/// <summary>
/// Settles rows whose digits allow several readings with table 三's column identities:
/// 一 + 二 = （七）总计 + 四, and （七）总计 = the sum of the result rows, in every column. A reading
/// survives only if some choice of the other rows' readings satisfies every identity whose cells
/// are all known. When no combination survives (the published table is itself inconsistent), the
/// rows stay ambiguous: the arithmetic is not trusted to pick a reading it cannot confirm.
/// </summary>
public static class ColumnResolver
{
    private const int MaxCombinations = 50_000;

    private static bool SameBlanks(RowOutcome o) =>
        o.Readings.All(r => r.Cells.Select(c => c is null).SequenceEqual(o.Readings[0].Cells.Select(c => c is null)));

    private static bool RowAddsUp(DigitRunSolver.Reading r)
    {
        if (r.Cells.Count != ApplicationColumns.All.Count || r.Cells.Any(c => c is null)) return true;
        return r.Cells.Take(6).Sum(c => c!.Value.Value) == r.Cells[6]!.Value.Value;
    }

    /// <summary>
    /// A row split by its own total must also agree with the column totals wherever every other cell
    /// of an identity is known. When a published total is wrong, the only split that fits it is
    /// usually a wrong one ("1688 4068" read as "168 8406"); such a row is left empty instead.
    /// </summary>
    public static void Verify(TableSchema schema, List<RowOutcome> outcomes)
    {
        // Only rows split by their own total can be contradicted: a table without one (most) has nothing to verify.
        if (!outcomes.Exists(o => o.IsSettled && o.ChosenByArithmetic)) return;
        var index = outcomes.Select((o, i) => (o.Row.Key, i)).ToDictionary(p => p.Key, p => p.i);
        if (!index.TryGetValue(ApplicationRows.TotalHandled, out var totalRow)) return;
        var resultRows = ApplicationRows.ResultRows(schema).Select(r => index[r.Key]).ToArray();
        int[] left = [index.GetValueOrDefault(ApplicationRows.Received, -1), index.GetValueOrDefault(ApplicationRows.CarriedOver, -1)];
        int[] right = [totalRow, index.GetValueOrDefault(ApplicationRows.CarriedForward, -1)];
        var width = ApplicationColumns.All.Count;

        decimal? Value(int row, int column) =>
            row >= 0 && outcomes[row].IsSettled && column < outcomes[row].Readings[0].Cells.Count ? outcomes[row].Readings[0].Cells[column]?.Value : null;

        decimal? Sum(IEnumerable<int> rows, int column)
        {
            decimal sum = 0;
            foreach (var r in rows) { if (Value(r, column) is not { } v) return null; sum += v; }
            return sum;
        }

        // Which identities the settled rows break, column by column; computed once for the table.
        var balanceBroken = false;
        var resultsBroken = false;
        for (var c = 0; c < width; c++)
        {
            balanceBroken |= Sum(left, c) is { } l && Sum(right, c) is { } r && l != r;
            resultsBroken |= Sum(resultRows, c) is { } parts && Value(totalRow, c) is { } total && parts != total;
        }
        if (!balanceBroken && !resultsBroken) return;
        var inBalance = left.Concat(right).Where(i => i >= 0).ToHashSet();
        var inResults = resultRows.Append(totalRow).ToHashSet();
        var contradicted = outcomes
            .Select((o, i) => (o, i))
            .Where(p => p.o.IsSettled && p.o.ChosenByArithmetic
                && ((balanceBroken && inBalance.Contains(p.i)) || (resultsBroken && inResults.Contains(p.i))))
            .Select(p => p.o)
            .ToList();
        foreach (var outcome in contradicted)
        {
            outcome.Alternatives = outcome.Readings.ToList();
            outcome.Readings = [];
            outcome.Problem = RowProblem.Contradicted;
        }
    }

    public static void Resolve(TableSchema schema, List<RowOutcome> outcomes)
    {
        // A row whose readings were not all listed cannot be narrowed: the true one may be unlisted.
        // Nor can a row whose readings leave different cells empty (a row that lost cells): an
        // empty cell satisfies every identity, so the placement that hides a published error would
        // always win.
        var ambiguous = outcomes.Where(o => o.Readings.Count > 1 && !o.Incomplete && SameBlanks(o)).ToList();
        if (ambiguous.Count == 0) return;
        // The identities are trusted only on a table whose settled rows keep their own: a table with a
        // visible error may have others, and an error would then pick a wrong reading.
        if (outcomes.Any(o => o.IsSettled && !RowAddsUp(o.Readings[0]))) return;
        long combinations = 1;
        foreach (var o in ambiguous)
        {
            combinations *= o.Readings.Count;
            if (combinations > MaxCombinations) return;
        }
        var index = outcomes.Select((o, i) => (o.Row.Key, i)).ToDictionary(p => p.Key, p => p.i);
        var resultRows = ApplicationRows.ResultRows(schema).Select(r => index[r.Key]).ToArray();
        if (!index.TryGetValue(ApplicationRows.TotalHandled, out var totalRow)) return;
        index.TryGetValue(ApplicationRows.Received, out var received);
        index.TryGetValue(ApplicationRows.CarriedOver, out var carriedOver);
        index.TryGetValue(ApplicationRows.CarriedForward, out var carriedForward);

        var chosen = new DigitRunSolver.Reading?[outcomes.Count];
        for (var i = 0; i < outcomes.Count; i++) chosen[i] = outcomes[i].IsSettled ? outcomes[i].Readings[0] : null;
        var survivors = ambiguous.Select(_ => new HashSet<int>()).ToArray();
        var picks = new int[ambiguous.Count];
        var width = ApplicationColumns.All.Count;

        bool Holds()
        {
            for (var c = 0; c < width; c++)
            {
                if (Sum([received, carriedOver], c) is { } left && Sum([totalRow, carriedForward], c) is { } right && left != right) return false;
                if (Sum(resultRows, c) is { } parts && Value(totalRow, c) is { } total && parts != total) return false;
            }
            return true;
        }

        decimal? Value(int row, int column) =>
            row < outcomes.Count && chosen[row] is { } r && column < r.Cells.Count ? r.Cells[column]?.Value : null;

        decimal? Sum(IEnumerable<int> rows, int column)
        {
            decimal sum = 0;
            foreach (var row in rows)
            {
                if (Value(row, column) is not { } v) return null;
                sum += v;
            }
            return sum;
        }

        void Enumerate(int k)
        {
            if (k == ambiguous.Count)
            {
                if (!Holds()) return;
                for (var i = 0; i < ambiguous.Count; i++) survivors[i].Add(picks[i]);
                return;
            }
            var rowIndex = outcomes.IndexOf(ambiguous[k]);
            for (var r = 0; r < ambiguous[k].Readings.Count; r++)
            {
                picks[k] = r;
                chosen[rowIndex] = ambiguous[k].Readings[r];
                Enumerate(k + 1);
            }
            chosen[rowIndex] = null;
        }

        Enumerate(0);
        if (survivors.All(s => s.Count == 0)) return;
        for (var i = 0; i < ambiguous.Count; i++)
        {
            var keep = survivors[i].Order().Select(r => ambiguous[i].Readings[r]).ToList();
            if (keep.Count == ambiguous[i].Readings.Count) continue;
            ambiguous[i].Readings = keep;
            ambiguous[i].Confidence = ReadingConfidence.SolvedByArithmetic;
        }
    }
}
