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

    public static void Resolve(TableSchema schema, List<RowOutcome> outcomes)
    {
        // A row whose readings were not all listed cannot be narrowed: the true one may be unlisted.
        var ambiguous = outcomes.Where(o => o.Readings.Count > 1 && !o.Incomplete).ToList();
        if (ambiguous.Count == 0) return;
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
