using Nianbao.Documents.Model;
using Nianbao.Domain.Templates;
using Nianbao.Recognition.Text;

namespace Nianbao.Recognition.Tables;

/// <summary>
/// Page text (pdftotext -layout and the like) of a table whose numbers wrapped in narrow columns: the
/// row's line stands between a line of the numbers' first digits and a line of their last digits
/// ("238 106 359 …" / 一、本年新收… / "6 6 3 …"). Text keeps no positions to put the halves back
/// together with certainty, and the halves can even add up by themselves, so such a row is not read.
/// </summary>
internal static class WrappedRows
{
    /// <summary>True when the lines just above and just below the row's label line hold only halves of numbers.</summary>
    public static bool AroundLabel(DocumentView view, int labelOffset)
    {
        var lines = view.Document.Lines;
        var at = view.LineIndexAt(labelOffset);
        if (at <= 0 || at + 1 >= lines.Count || lines[at] is not { IsTableRow: false } label) return false;
        var (upper, lower) = (lines[at - 1], lines[at + 1]);
        // Left of the row's label, the lines may hold pieces of a group label printed down the edge.
        var labelColumn = labelOffset - label.Start;
        if (!NumbersOnly(view, upper, labelColumn) || !NumbersOnly(view, lower, labelColumn)) return false;
        var tops = TokensOn(view, upper);
        var bottoms = TokensOn(view, lower);
        if (tops.Count < 2 || tops.Count != bottoms.Count) return false;
        var own = TokensOn(view, label);
        for (var i = 0; i < tops.Count; i++)
        {
            if (!Overlap(tops[i], bottoms[i])) return false;
            if (own.Any(t => Overlap(t, tops[i]) || Overlap(t, bottoms[i]))) return false;
        }
        // A line of whole numbers that add up is a row of its own (labels printed apart from their numbers).
        return !(tops.Count == ApplicationColumns.All.Count && AddsUp(tops));
    }

    private static bool NumbersOnly(DocumentView view, DocLine line, int fromColumn)
    {
        var text = view.Text.AsSpan(line.Start, line.Length);
        var rest = text[Math.Min(fromColumn, text.Length)..];
        return !rest.IsWhiteSpace() && !rest.ContainsAnyExcept(" \t0123456789.,");
    }

    private static List<NumberToken> TokensOn(DocumentView view, DocLine line) =>
        view.TokensBetween(line.Start, line.Start + line.Length).Where(t => !t.IsBlank).ToList();

    /// <summary>Two tokens in the same text column (character offsets within their lines overlap).</summary>
    private static bool Overlap(NumberToken a, NumberToken b)
    {
        var (a0, b0) = (a.Start - a.Line.Start, b.Start - b.Line.Start);
        return a0 < b0 + b.Length && b0 < a0 + a.Length;
    }

    // A run longer than any number is not one; below that bound a row's sum cannot wrap a long.
    private static bool AddsUp(List<NumberToken> row) =>
        row.All(t => t.Text.Length <= Solving.DigitRunSolver.MaxDigits && long.TryParse(t.Text, out _))
        && row.Take(row.Count - 1).Sum(t => long.Parse(t.Text)) == long.Parse(row[^1].Text);
}
