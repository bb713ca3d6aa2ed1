using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;
using Nianbao.Recognition.Solving;
using Nianbao.Recognition.Text;

namespace Nianbao.Recognition.Tables;

/// <summary>
/// Table 三. Rows are found two ways and the stricter one wins: by the order of the numeric rows when
/// there are exactly as many as the template has rows and every label on those lines agrees
/// (labels detached by converters), otherwise by each row's label with its numbers up to the next
/// label (run-together page text, one cell per line, wrapped labels).
/// </summary>
public static class ApplicationsTableReader
{
    public static TableDraft? Read(DocumentView view, TableRegions regions, TemplateSchema template, ReportDraft report)
    {
        if (!regions.HasTable3) return null;
        var schema = ChooseLayout(view, regions, template);
        var constraints = RowConstraints();
        var grid = DataColumns(view, regions);
        var notes = new List<Finding>();
        var outcomes = ReadByOrder(view, regions, schema, constraints, grid) ?? ReadByLabels(view, regions, schema, constraints, grid, notes);
        if (outcomes.All(o => o.Problem == RowProblem.Missing)) return null;
        foreach (var note in notes) report.Note(note);
        ColumnResolver.Resolve(schema, outcomes);
        if (NarrativeResolver.Apply(report, outcomes)) ColumnResolver.Resolve(schema, outcomes);
        ColumnResolver.Verify(schema, outcomes);
        var table = new TableDraft(schema);
        TableAssembler.Commit(report, table, outcomes);
        return table;
    }

    /// <summary>Row identity: 总计 = the six applicant columns.</summary>
    public static IReadOnlyList<SumConstraint> RowConstraints() => [new SumConstraint([0, 1, 2, 3, 4, 5], 6)];

    /// <summary>
    /// Some 2021 reports still print （六）其他处理 as one row. It is read as <c>otherHandling</c> (the
    /// 2019 layout of table 三) and the outdated layout is reported, rather than failing.
    /// </summary>
    private static TableSchema ChooseLayout(DocumentView view, TableRegions regions, TemplateSchema template)
    {
        if (template.ToleratedApplicationLayouts.FirstOrDefault(l => l.Row(ApplicationRows.OtherHandling) is not null) is not { } single)
            return template.Applications;
        var c = view.Compact;
        var hasSubRows = c.FindFirst(["不补正", "缴纳费用", "收费通知"], regions.T3Start, regions.T3End).Index >= 0;
        var hasSingleRow = c.FindFirst(["其他处理"], regions.T3Start, regions.T3End).Index >= 0;
        if (hasSubRows || !hasSingleRow) return template.Applications;
        // The outdated layout itself is reported by the checks (T3-6), from the table's shape.
        return single;
    }

    /// <summary>
    /// For each source table of a structured document, the grid columns that hold the seven data
    /// columns: taken from rows that print all seven numbers, when they agree.
    /// </summary>
    private static Dictionary<int, IReadOnlyList<int>> DataColumns(DocumentView view, TableRegions regions)
    {
        var width = ApplicationColumns.All.Count;
        var inGrid = view.TokensBetween(view.N(regions.T3Start), view.N(regions.T3End));
        inGrid.RemoveAll(t => t.Line.Table is null || t.Cell.Column is null);
        // Text has no grid: most reports stop here.
        if (inGrid.Count == 0) return [];
        return DocumentView.ByLine(inGrid)
            .Where(g => g.Tokens.Count == width && g.Tokens.All(t => !t.IsBlank))
            .Select(g => (Table: g.Line.Table!.Value, Columns: g.Tokens.Select(t => t.Cell.Column!.Value).ToArray()))
            .GroupBy(r => r.Table)
            .Select(g => (g.Key, Layouts: g.Select(r => string.Join(",", r.Columns)).Distinct().ToList(), First: g.First().Columns))
            .Where(g => g.Layouts.Count == 1)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<int>)g.First);
    }

    private static IReadOnlyList<int>? GridFor(IReadOnlyList<NumberToken> tokens, Dictionary<int, IReadOnlyList<int>> grid) =>
        tokens.Count > 0 && tokens[0].Line.Table is { } table && tokens.All(t => t.Line == tokens[0].Line)
            && grid.TryGetValue(table, out var columns) ? columns : null;

    private static List<RowOutcome>? ReadByOrder(DocumentView view, TableRegions regions, TableSchema schema, IReadOnlyList<SumConstraint> constraints,
        Dictionary<int, IReadOnlyList<int>> grid)
    {
        var start = view.N(regions.T3Start);
        var end = view.N(regions.T3End);
        var width = ApplicationColumns.All.Count;
        // Each line's numbers after its label, computed once: empty label cells before it are not data.
        var numericLines = new List<(Documents.Model.DocLine Line, List<NumberToken> Tokens)>();
        foreach (var (line, onLine) in DocumentView.ByLine(view.TokensBetween(start, end)))
        {
            var labelEnd = LabelEnd(view, line);
            var tokens = onLine.FindAll(t => t.Start >= labelEnd);
            if (tokens.Exists(t => !t.IsBlank) && tokens.Count >= width - 2) numericLines.Add((line, tokens));
        }
        if (numericLines.Count != schema.Rows.Count) return null;
        // Every line's label first: one that names another row sends the table to ReadByLabels, and
        // the rows read before it would be read for nothing.
        var labels = new string[numericLines.Count];
        for (var i = 0; i < numericLines.Count; i++)
        {
            var label = labels[i] = LabelOf(view, numericLines[i].Line);
            if (label.Length >= 2 && !schema.Rows[i].MatchKeys.Any(k => label.Contains(k, StringComparison.Ordinal))) return null;
        }
        var outcomes = new List<RowOutcome>(numericLines.Count);
        for (var i = 0; i < numericLines.Count; i++)
        {
            var tokens = numericLines[i].Tokens;
            outcomes.Add(RowReader.Read(schema.Rows[i], tokens, constraints,
                labels[i].Length >= 2 ? ReadingConfidence.Exact : ReadingConfidence.PlacedByOrder, GridFor(tokens, grid), paddingLeads: true));
        }
        return outcomes;
    }

    private static int LabelEnd(DocumentView view, Documents.Model.DocLine line)
    {
        for (var i = line.Start + line.Length - 1; i >= line.Start; i--)
        {
            var ch = view.Text[i];
            // "无" standing alone between spaces is a blank cell, not the end of the label.
            if (ch == '无' && (i == line.Start || char.IsWhiteSpace(view.Text[i - 1]))
                && (i + 1 == line.Start + line.Length || char.IsWhiteSpace(view.Text[i + 1]))) continue;
            if (ch >= 0x3400 || char.IsAsciiLetter(ch)) return i + 1;
        }
        return line.Start;
    }

    private static string LabelOf(DocumentView view, Documents.Model.DocLine line)
    {
        var text = view.Text.AsSpan(line.Start, line.Length);
        var chars = new System.Text.StringBuilder(text.Length);
        foreach (var ch in text)
            if (ch >= 0x3400 || char.IsAsciiLetter(ch)) chars.Append(ch);
        return chars.ToString();
    }

    private static List<RowOutcome> ReadByLabels(DocumentView view, TableRegions regions, TableSchema schema, IReadOnlyList<SumConstraint> constraints,
        Dictionary<int, IReadOnlyList<int>> grid, List<Finding> notes)
    {
        var c = view.Compact;
        var anchors = new List<(RowSchema Row, int Start, int End)?>();
        var pos = regions.T3Start;
        foreach (var row in schema.Rows)
        {
            var (index, key) = c.FindFirst(row.MatchKeys, pos, regions.T3End);
            if (index < 0) { anchors.Add(null); continue; }
            anchors.Add((row, index, index + key!.Length));
            pos = index + key.Length;
        }
        // A row not found as printed may carry a misprint: look for it, one character off, between
        // the rows found around it.
        for (var i = 0; i < schema.Rows.Count; i++)
        {
            if (anchors[i] is not null) continue;
            var from = Before(anchors, i)?.End ?? regions.T3Start;
            var to = After(anchors, i)?.Start ?? regions.T3End;
            var row = schema.Rows[i];
            if (NearLabels.Find(c.Value, RowLabels.Wordings(row), RowLabels.Rivals(schema, row), from, to) is not { } near) continue;
            anchors[i] = (row, near.Index, near.Index + near.Key.Length);
            notes.Add(RowLabels.NearNote(TableKind.Applications, row, near));
        }
        var outcomes = new List<RowOutcome>();
        for (var i = 0; i < schema.Rows.Count; i++)
        {
            if (anchors[i] is not { } anchor)
            {
                outcomes.Add(new RowOutcome { Row = schema.Rows[i], Tokens = [], Problem = RowProblem.Missing });
                continue;
            }
            var next = After(anchors, i);
            var endCompact = next?.Start ?? regions.T3End;
            var start = view.NEnd(anchor.End);
            var end = view.N(endCompact);
            // The next label's line may open with empty cells that pad its label: they are its row's.
            if (next is not null && view.LineAt(end) is { } nextLine && nextLine.Start > start) end = nextLine.Start;
            var tokens = view.TokensBetween(start, end);
            if (WrappedRows.AroundLabel(view, view.N(anchor.Start)))
            {
                outcomes.Add(new RowOutcome { Row = anchor.Row, Tokens = tokens, Problem = RowProblem.Scattered });
                continue;
            }
            outcomes.Add(RowReader.Read(anchor.Row, tokens, constraints, dataColumns: GridFor(tokens, grid), paddingLeads: true));
        }
        return outcomes;
    }

    /// <summary>The nearest row found before row <paramref name="i"/>.</summary>
    private static (RowSchema Row, int Start, int End)? Before(List<(RowSchema Row, int Start, int End)?> anchors, int i)
    {
        for (var j = i - 1; j >= 0; j--)
            if (anchors[j] is { } a) return a;
        return null;
    }

    /// <summary>The nearest row found after row <paramref name="i"/>.</summary>
    private static (RowSchema Row, int Start, int End)? After(List<(RowSchema Row, int Start, int End)?> anchors, int i)
    {
        for (var j = i + 1; j < anchors.Count; j++)
            if (anchors[j] is { } a) return a;
        return null;
    }
}
