using Nianbao.Domain;
using Nianbao.Recognition.Solving;

namespace Nianbao.Recognition.Tables;

/// <summary>
/// Numbers read by OCR whose digits the picture does not decide (a cell with several
/// <see cref="Nianbao.Documents.Model.DocCell.Readings"/>: 5/6/8, a faint stroke) are settled the
/// way run-together digits are: every combination of the row's cell readings is tried against the
/// row's own identities; one fitting combination is the reading, several go on to the table's
/// column identities (<see cref="ColumnResolver"/>), and what stays undecided is null with the
/// readings listed. A row whose printed total is wrong keeps every combination: a wrong total must
/// not pick a digit.
/// </summary>
internal static class OcrReadings
{
    private const int MaxCombinations = 256;

    public static RowOutcome Apply(RowOutcome outcome, IReadOnlyList<SumConstraint> constraints)
    {
        if (outcome.Readings.Count != 1) return outcome;
        var reading = outcome.Readings[0];
        var options = new List<IReadOnlyList<Piece?>>();
        var any = false;
        for (var i = 0; i < reading.Cells.Count; i++)
        {
            var piece = reading.Cells[i];
            if (piece is not { } p) { options.Add([null]); continue; }
            var token = outcome.Tokens[p.Token];
            if (token.Cell.Readings is not { Count: > 1 } texts || p.Offset != 0 || p.Length != token.Length || token.Cell.Text.Trim() != token.Text)
            {
                options.Add([piece]);
                continue;
            }
            var kind = outcome.Row.Fields[i].Kind;
            var values = texts.Select(t => DigitRunSolver.TryParse(t, kind, out var v) ? v : (decimal?)null)
                .Where(v => v is not null).Select(v => (Piece?)(p with { Value = v!.Value })).Distinct().ToList();
            if (values.Count == 0) values.Add(piece);
            if (values.Count > 1) any = true;
            options.Add(values);
        }
        if (!any) return outcome;
        var combinations = new List<DigitRunSolver.Reading>();
        var incomplete = false;
        Combine(0, new Piece?[options.Count]);
        var fitting = combinations.Where(r => RowReader.AddsUp(r, constraints)).ToList();
        var result = new RowOutcome { Row = outcome.Row, Tokens = outcome.Tokens, Confidence = ReadingConfidence.SolvedByArithmetic };
        if (fitting.Count == 1 && !incomplete)
        {
            result.Readings.Add(fitting[0]);
            // When the fitting combination is the picture's likeliest digits, the picture and the row's
            // own total agree: no digit was chosen against the model, so a wrong total elsewhere in the
            // table (which the checks report) does not unsettle the row. A combination that replaced a
            // likeliest digit rests on the arithmetic alone, and the column totals must confirm it.
            var likeliest = fitting[0].Cells.Select(c => c?.Value).SequenceEqual(reading.Cells.Select(c => c?.Value));
            result.ChosenByArithmetic = !likeliest;
            if (likeliest) result.Confidence = outcome.Confidence;
            return result;
        }
        result.Readings.AddRange(fitting.Count > 0 && !incomplete ? fitting : combinations);
        result.Incomplete = incomplete;
        result.Problem = RowProblem.Ambiguous;
        return result;

        void Combine(int i, Piece?[] cells)
        {
            if (combinations.Count >= MaxCombinations) { incomplete = true; return; }
            if (i == options.Count) { combinations.Add(new DigitRunSolver.Reading(cells.ToArray())); return; }
            foreach (var o in options[i])
            {
                cells[i] = o;
                Combine(i + 1, cells);
            }
        }
    }
}
