using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;
using Nianbao.Recognition.Solving;

namespace Nianbao.Recognition.Tables;

/// <summary>
/// Writes row outcomes into a table: a cell gets a value only when every remaining reading puts the
/// same piece of the document there; otherwise it stays null and a finding lists the readings.
/// </summary>
public static class TableAssembler
{
    private const int MaxCandidatesListed = 12;

    public static void Commit(ReportDraft report, TableDraft table, IEnumerable<RowOutcome> outcomes)
    {
        // Every cell gets a provenance entry: grow the map once, not a dozen times per report.
        report.Provenance.EnsureCapacity(report.Provenance.Count + table.Schema.CellCount);
        foreach (var outcome in outcomes) CommitRow(report, table, outcome);
    }

    private static void CommitRow(ReportDraft report, TableDraft table, RowOutcome outcome)
    {
        var row = outcome.Row;
        var firstSlot = table.Schema.FirstSlotOf(row.Key);
        var paths = firstSlot >= 0
            ? Enumerable.Range(firstSlot, row.Fields.Count).Select(table.Schema.PathAt).ToArray()
            : row.Fields.Select(f => new CellPath(table.Kind, row.Key, f.Key)).ToArray();
        // Only findings quote the printed digits.
        string Printed() => string.Join(" ", outcome.Tokens.Select(t => t.ToString()));
        if (outcome.Readings.Count == 0)
        {
            var message = outcome.Problem switch
            {
                RowProblem.Missing => $"row {row.PrintedLabel} was not found in the table",
                RowProblem.TooManyNumbers => $"row {row.PrintedLabel} has {outcome.Tokens.Count} numbers ({Printed()}) for {paths.Length} cells; none is reported",
                RowProblem.LostCells => $"row {row.PrintedLabel} prints {outcome.Tokens.Count} numbers ({Printed()}) where its cells were kept apart: cells were lost and the numbers cannot be placed with certainty",
                RowProblem.Ambiguous => $"row {row.PrintedLabel}: the digits \"{Printed()}\" allow too many readings to choose from",
                RowProblem.Scattered => $"row {row.PrintedLabel}: its numbers ({Printed()}) stand on several lines of page text and do not add up as printed; a number wrapped in a narrow column may have been split, so which number is which cell's cannot be told and the row is left empty",
                RowProblem.Contradicted => $"row {row.PrintedLabel}: the only split of \"{Printed()}\" that fits the row's total contradicts the table's column totals, so the printed table is inconsistent and the row is left empty",
                _ => $"row {row.PrintedLabel}: the digits \"{Printed()}\" cannot be split into {paths.Length} cells that agree with the row's total",
            };
            var rule = outcome.Problem == RowProblem.Missing ? Rules.TableNotFound : outcome.Problem == RowProblem.LostCells ? Rules.LostCells : Rules.AmbiguousDigits;
            var alternatives = outcome.Alternatives.Count > 0
                ? outcome.Alternatives.Select(r => r.Describe()).ToList()
                : null;
            report.Note(new Finding(rule, Severity.Warning, message, paths) { Candidates = alternatives });
            return;
        }

        if (outcome.Problem == RowProblem.OutOfRange)
        {
            // A reading note per cell, naming it: the number printed there has more digits than any count could.
            for (var i = 0; i < paths.Length && i < outcome.Tokens.Count; i++)
                if (RowReader.OutOfRange(outcome.Tokens[i]))
                    report.Note(new Finding(Rules.AmbiguousDigits, Severity.Warning,
                        $"row {row.PrintedLabel}: {paths[i]} prints {outcome.Tokens[i].Text}, {outcome.Tokens[i].Text.Count(char.IsAsciiDigit)} digits — more than any count or amount can have (at most {Solving.DigitRunSolver.MaxDigits}); the cell is left empty",
                        [paths[i]]));
        }

        var uncertain = new List<CellPath>();
        for (var i = 0; i < paths.Length; i++)
        {
            var first = outcome.Readings[0].Cells[i];
            var agreed = !outcome.Incomplete && outcome.Readings.All(r => Same(r.Cells[i], first));
            if (!agreed) { uncertain.Add(paths[i]); table[paths[i]] = null; continue; }
            if (first is not { } piece) { table[paths[i]] = null; continue; }
            table[paths[i]] = piece.Value;
            report.Provenance[paths[i]] = SourceOf(outcome, piece);
        }
        if (uncertain.Count == 0) return;
        var candidates = outcome.Readings.Take(MaxCandidatesListed).Select(r => r.Describe()).ToList();
        if (outcome.Readings.Count > MaxCandidatesListed || outcome.Incomplete)
            candidates.Add(outcome.Incomplete ? "… and more (too many readings to list)" : $"… {outcome.Readings.Count - MaxCandidatesListed} more");
        var lost = outcome.Problem == RowProblem.LostCells;
        report.Note(new Finding(lost ? Rules.LostCells : Rules.AmbiguousDigits, Severity.Warning,
            lost
                ? $"row {row.PrintedLabel} prints {outcome.Tokens.Count} numbers ({Printed()}) for {paths.Length} cells: the lost cells cannot be told apart, so {uncertain.Count} cells are left empty rather than guessed"
                : $"row {row.PrintedLabel}: the digits \"{Printed()}\" can be read {(outcome.Incomplete ? "too many" : outcome.Readings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))} ways; {uncertain.Count} cells are left empty rather than guessed",
            uncertain) { Candidates = candidates });
    }

    private static bool Same(Piece? a, Piece? b) =>
        a is null ? b is null : b is not null && a.Value.Token == b.Value.Token && a.Value.Offset == b.Value.Offset && a.Value.Length == b.Value.Length;

    public static CellSource SourceOf(RowOutcome outcome, Piece piece)
    {
        var token = outcome.Tokens[piece.Token];
        var start = token.Start + piece.Offset;
        var whole = piece.Offset == 0 && piece.Length == token.Length;
        var confidence = whole && outcome.Confidence != ReadingConfidence.SolvedByArithmetic ? outcome.Confidence
            : outcome.Confidence == ReadingConfidence.SolvedByNarrative ? ReadingConfidence.SolvedByNarrative
            : whole ? ReadingConfidence.Exact : ReadingConfidence.SolvedByArithmetic;
        var box = token.Cell.BoxOf(start - token.Cell.Start, piece.Length);
        // Read from a picture: "exact" would claim more than OCR knows; the model's confidence goes with it.
        if (token.Cell.IsOcr && confidence == ReadingConfidence.Exact) confidence = ReadingConfidence.Ocr;
        return new CellSource(start, piece.Length, token.Text.Substring(piece.Offset, piece.Length), confidence)
        {
            OcrConfidence = token.Cell.ConfidenceOf(start - token.Cell.Start, piece.Length),
            Box = box is { } b ? new PageBox(b.Page, b.Left, b.Bottom, b.Right, b.Top) : null,
            Table = token.Line.Table,
            Row = token.Line.Row,
            Column = token.Cell.Column,
        };
    }
}
