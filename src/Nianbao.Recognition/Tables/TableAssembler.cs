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
        var paths = new CellPath[row.Fields.Count];
        for (var i = 0; i < paths.Length; i++)
            paths[i] = firstSlot >= 0 ? table.Schema.PathAt(firstSlot + i) : new CellPath(table.Kind, row.Key, row.Fields[i].Key);
        // Only findings quote the printed digits.
        string Printed() => string.Join(" ", outcome.Tokens.Select(t => t.ToString()));
        if (outcome.Readings.Count == 0)
        {
            var key = outcome.Problem switch
            {
                RowProblem.Missing => "R-3.row",
                RowProblem.TooManyNumbers => "R-1.too-many-numbers",
                RowProblem.LostCells => "R-2.unplaced",
                RowProblem.Ambiguous => "R-1.too-many-readings",
                RowProblem.Scattered => "R-1.scattered",
                RowProblem.Contradicted => "R-1.contradicted",
                _ => "R-1.unsplittable",
            };
            var rule = outcome.Problem == RowProblem.Missing ? Rules.TableNotFound : outcome.Problem == RowProblem.LostCells ? Rules.LostCells : Rules.AmbiguousDigits;
            var alternatives = outcome.Alternatives.Count > 0
                ? outcome.Alternatives.Select(r => r.Describe()).ToList()
                : null;
            report.Note(FindingMessages.Make(rule, Severity.Warning, key, paths,
                ("row", row.PrintedLabel), ("numbers", outcome.Tokens.Count), ("digits", outcome.Problem == RowProblem.Missing ? "" : Printed()), ("cells", paths.Length))
                with { Candidates = alternatives });
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
            var agreed = !outcome.Incomplete && AllAgree(outcome.Readings, i, first);
            // The slot is known when the row is in the layout: no lookup of the cell by its names.
            if (!agreed) { uncertain.Add(paths[i]); Set(table, firstSlot, i, paths[i], null); continue; }
            if (first is not { } piece) { Set(table, firstSlot, i, paths[i], null); continue; }
            Set(table, firstSlot, i, paths[i], piece.Value);
            report.Provenance[paths[i]] = SourceOf(outcome, piece);
        }
        if (uncertain.Count == 0) return;
        var candidates = outcome.Readings.Take(MaxCandidatesListed).Select(r => r.Describe()).ToList();
        if (outcome.Readings.Count > MaxCandidatesListed || outcome.Incomplete)
            candidates.Add(outcome.Incomplete ? "… and more (too many readings to list)" : $"… {outcome.Readings.Count - MaxCandidatesListed} more");
        var lost = outcome.Problem == RowProblem.LostCells;
        report.Note(FindingMessages.Make(lost ? Rules.LostCells : Rules.AmbiguousDigits, Severity.Warning, lost ? "R-2.lost" : "R-1.ambiguous", uncertain,
                ("row", row.PrintedLabel), ("numbers", outcome.Tokens.Count), ("digits", Printed()), ("cells", paths.Length), ("count", uncertain.Count),
                ("readings", outcome.Incomplete ? "too many" : outcome.Readings.Count))
            with { Candidates = candidates });
    }

    private static void Set(TableDraft table, int firstSlot, int i, CellPath path, decimal? value)
    {
        if (firstSlot >= 0) table.SetAt(firstSlot + i, value);
        else table[path] = value;
    }

    private static bool AllAgree(List<DigitRunSolver.Reading> readings, int cell, Piece? first)
    {
        foreach (var r in readings)
            if (!Same(r.Cells[cell], first)) return false;
        return true;
    }

    // The value too: readings of one OCR'd cell share its token and differ only in the digits the picture did not decide.
    private static bool Same(Piece? a, Piece? b) =>
        a is null ? b is null : b is not null && a.Value.Token == b.Value.Token && a.Value.Offset == b.Value.Offset && a.Value.Length == b.Value.Length && a.Value.Value == b.Value.Value;

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
