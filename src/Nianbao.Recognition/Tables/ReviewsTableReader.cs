using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;
using Nianbao.Recognition.Solving;

namespace Nianbao.Recognition.Tables;

/// <summary>
/// Table 四: fifteen numbers after a header of words (PDFs often print the header one character per
/// line), so the reader anchors on the numbers, not the header. The three group totals split runs.
/// </summary>
public static class ReviewsTableReader
{
    public static TableDraft? Read(DocumentView view, TableRegions regions, TemplateSchema template, ReportDraft report)
    {
        if (!regions.HasTable4) return null;
        var schema = template.ReviewsAndLawsuits;
        var tokens = view.TokensBetween(view.N(regions.T3End), view.N(regions.T4End));
        if (tokens.Count == 0) return null;
        // A line with exactly fifteen numbers is the data row, whatever else the region holds.
        var fullLine = DocumentView.ByLine(tokens).Find(g => g.Tokens.Count == 15).Tokens;
        if (fullLine is not null) tokens = fullLine;
        else if (tokens.Count > 15) tokens = tokens.Take(15).ToList();

        var flat = new RowSchema("all", "行政复议、行政诉讼", schema.Rows.SelectMany(r => r.Fields).ToList(), []);
        var constraints = Enumerable.Range(0, 3).Select(g => new SumConstraint([g * 5, g * 5 + 1, g * 5 + 2, g * 5 + 3], g * 5 + 4)).ToList();
        // A ruled PDF prints nothing in a blank cell: the header's columns then place what is printed.
        var grid = tokens.Count < flat.Fields.Count && HeaderColumns.SharedRow(tokens) is { } row
            ? HeaderColumns.OfReviewGroups(view, row, view.N(regions.T3End), view.N(regions.T4End))
            : null;
        var outcome = RowReader.Read(flat, tokens, constraints, dataColumns: grid);
        var table = new TableDraft(schema);
        // Commit through per-group outcomes so findings and provenance name real cells.
        var perGroup = schema.Rows.Select((row, g) => new RowOutcome
        {
            Row = row,
            Tokens = outcome.Tokens,
            Problem = outcome.Problem,
            Confidence = outcome.Confidence,
            Readings = outcome.Readings.Select(r => Slice(r, g)).ToList(),
            Incomplete = outcome.Incomplete,
            Alternatives = outcome.Alternatives.Select(r => Slice(r, g)).ToList(),
        }).ToList();
        TableAssembler.Commit(report, table, perGroup);
        return table;
    }

    private static DigitRunSolver.Reading Slice(DigitRunSolver.Reading reading, int group) =>
        new(reading.Cells.Skip(group * 5).Take(5).ToList());
}
