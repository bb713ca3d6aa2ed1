using Nianbao.Synthetic;
using System.Globalization;
using System.Text;
using Nianbao.Documents;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Templates;
using Nianbao.Recognition;

namespace Nianbao.Tests.Generation;

/// <summary>
/// Reads a rendered report back and lists every way the result differs from the generated truth.
/// Each check returns problems as sentences, so a failing property prints what went wrong where.
/// </summary>
public static class ShapeChecks
{
    public sealed record Outcome(GeneratedReport Generated, RenderedReport Rendered, Report Parsed, List<string> Problems)
    {
        /// <summary>Everything needed to reproduce and understand a failure.</summary>
        public string Describe(int maxTextChars = 6000)
        {
            var sb = new StringBuilder();
            sb.AppendLine($"{Generated.Spec} shape={Rendered.Shape} file={Rendered.FileName}");
            if (Rendered.DamagedRows.Count > 0) sb.AppendLine("damaged rows: " + string.Join(", ", Rendered.DamagedRows.Select(d => $"{d.Table.ToContractName()}.{d.Row}")));
            foreach (var p in Problems.Take(40)) sb.AppendLine("  - " + p);
            if (Problems.Count > 40) sb.AppendLine($"  … {Problems.Count - 40} more");
            var text = Rendered.Text.Length > maxTextChars ? Rendered.Text[..maxTextChars] + "…" : Rendered.Text;
            sb.AppendLine("---- document text ----").AppendLine(text).AppendLine("----");
            return sb.ToString();
        }
    }

    public static Outcome Read(GeneratedReport generated, RenderedReport rendered)
    {
        var parsed = ReportPipeline.Default.Read(rendered.Bytes, rendered.FileName);
        return new Outcome(generated, rendered, parsed, []);
    }

    /// <summary>Shapes a–d and f: the parse is exactly the generated report.</summary>
    public static Outcome Exact(GeneratedReport generated, RenderedReport rendered)
    {
        var outcome = Read(generated, rendered);
        var (truth, parsed, problems) = (generated.Truth, outcome.Parsed, outcome.Problems);
        Metadata(truth, parsed, problems);
        Units(truth, parsed, problems);
        foreach (var (path, expected) in Cells(truth))
        {
            var actual = parsed[path];
            if (actual != expected) problems.Add($"{path}: expected {Show(expected)}, got {Show(actual)}");
        }
        Sections(truth, parsed, problems);
        Provenance(rendered, parsed, problems);
        return outcome;
    }

    /// <summary>
    /// Shape e: never a wrong number; every null cell is named by an R-1 finding — and, with
    /// <paramref name="requireCandidates"/>, one that lists the candidate readings.
    /// </summary>
    public static Outcome NeverWrong(GeneratedReport generated, RenderedReport rendered, bool requireCandidates = false)
        => NeverWrong(generated, rendered, requireCandidates, toleratePrintedErrors: false);

    /// <summary>
    /// Like <see cref="NeverWrong(GeneratedReport, RenderedReport, bool)"/>, but in a run-together row
    /// whose printed total was made wrong the split that fits the wrong total may itself be wrong
    /// (a documented limit): the same digits often allow a reading that adds up ("…0318 31" or
    /// "…031 831"), and the document cannot say which was meant. That row is exempt; every other
    /// cell is still held to never wrong.
    /// </summary>
    public static Outcome NeverWrong(GeneratedReport generated, RenderedReport rendered, bool requireCandidates, bool toleratePrintedErrors)
    {
        var outcome = Read(generated, rendered);
        var (truth, parsed, problems) = (generated.Truth, outcome.Parsed, outcome.Problems);
        Metadata(truth, parsed, problems);
        Units(truth, parsed, problems);
        var explained = parsed.Findings
            .Where(f => (f.Rule == Rules.AmbiguousDigits || f.Rule == Rules.LostCells) && (!requireCandidates || f.Candidates is { Count: > 0 }))
            .SelectMany(f => f.Cells).ToHashSet();
        foreach (var (path, expected) in Cells(truth))
        {
            var actual = parsed[path];
            if (actual is null)
            {
                if (expected is not null && !explained.Contains(path))
                    problems.Add($"{path}: null (truth {Show(expected)}) but no R-1 finding{(requireCandidates ? " with candidates" : "")} names it"
                        + FindingsFor(parsed, path));
            }
            else if (actual != expected)
            {
                var alteredRow = generated.AlteredCells.Any(a => a.Table == path.Table && a.Row == path.Row);
                if (!(toleratePrintedErrors && alteredRow))
                    problems.Add($"{path}: WRONG NUMBER {Show(actual)}, truth {Show(expected)}");
            }
        }
        Sections(truth, parsed, problems);
        Provenance(rendered, parsed, problems);
        return outcome;
    }

    /// <summary>Shape g: damaged rows are all null or only true cells; untouched rows exact.</summary>
    public static Outcome LostCells(GeneratedReport generated, RenderedReport rendered)
    {
        var outcome = Read(generated, rendered);
        var (truth, parsed, problems) = (generated.Truth, outcome.Parsed, outcome.Problems);
        Metadata(truth, parsed, problems);
        Units(truth, parsed, problems);
        foreach (var (path, expected) in Cells(truth))
        {
            var actual = parsed[path];
            if (rendered.IsDamaged(path.Table, path.Row))
            {
                if (actual is not null && actual != expected) problems.Add($"{path} (damaged row): WRONG NUMBER {Show(actual)}, truth {Show(expected)}");
            }
            else if (actual != expected) problems.Add($"{path} (untouched row): expected {Show(expected)}, got {Show(actual)}");
        }
        Sections(truth, parsed, problems);
        Provenance(rendered, parsed, problems);
        return outcome;
    }

    public static IEnumerable<(CellPath Path, decimal? Value)> Cells(Report report) => report.Tables.SelectMany(t => t.Cells());

    /// <summary>Units printed with numbers whose column names none (2019 采购总金额) read back as given.</summary>
    private static void Units(Report truth, Report parsed, List<string> problems)
    {
        foreach (var table in truth.Tables)
            foreach (var row in table.Schema.Rows)
                foreach (var field in row.Fields.Where(f => f.UnitKey is not null))
                {
                    var expected = table.UnitOf(row.Key, field.Key);
                    var actual = parsed.Table(table.Kind)?.UnitOf(row.Key, field.Key);
                    if (expected != actual) problems.Add($"{table.Kind.ToContractName()}.{row.Key}.{field.UnitKey}: expected {expected ?? "null"}, got {actual ?? "null"}");
                }
    }

    /// <summary>Share of table 三 cells read (non-null).</summary>
    public static double Table3Recovered(Report parsed, Report truth)
    {
        var cells = truth.Applications!.Cells().ToList();
        return cells.Count(c => parsed[c.Path] is not null) / (double)cells.Count;
    }

    private static void Metadata(Report truth, Report parsed, List<string> problems)
    {
        if (parsed.Agency != truth.Agency) problems.Add($"agency: expected {truth.Agency}, got {parsed.Agency ?? "null"}");
        if (parsed.Year != truth.Year) problems.Add($"year: expected {truth.Year}, got {parsed.Year?.ToString(CultureInfo.InvariantCulture) ?? "null"}");
        if (parsed.Template != truth.Template) problems.Add($"template: expected {truth.Template.ToContractName()}, got {parsed.Template.ToContractName()}");
    }

    private static void Sections(Report truth, Report parsed, List<string> problems)
    {
        var numbers = parsed.Sections.Select(s => s.Number).ToList();
        if (!numbers.SequenceEqual([1, 2, 3, 4, 5, 6])) problems.Add($"sections: expected 1..6 in order, got [{string.Join(",", numbers)}]");
        foreach (var expected in truth.Sections)
        {
            var section = parsed.Sections.FirstOrDefault(s => s.Number == expected.Number);
            if (section is null) continue;
            if (Compact(section.Title) != Compact(expected.Title))
                problems.Add($"section {expected.Number}: title {section.Title}, expected {expected.Title}");
            if (!Compact(section.Text).Contains(Compact(expected.Text), StringComparison.Ordinal))
                problems.Add($"section {expected.Number}: text does not contain \"{expected.Text}\"");
        }
    }

    /// <summary>Every number the parse reports stands in the document text at the place it says.</summary>
    private static void Provenance(RenderedReport rendered, Report parsed, List<string> problems)
    {
        var document = DocumentReaders.Default.Read(rendered.Bytes, rendered.FileName);
        var text = document.Text.Value;
        foreach (var (path, value) in Cells(parsed))
        {
            if (value is not { } v) continue;
            if (!parsed.Provenance.TryGetValue(path, out var source)) { problems.Add($"{path}: {v} has no provenance"); continue; }
            if (source.Start < 0 || source.Start + source.Length > text.Length) { problems.Add($"{path}: provenance {source.Start}+{source.Length} outside the text"); continue; }
            var printed = text.Substring(source.Start, source.Length);
            if (!decimal.TryParse(printed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var there) || there != v)
                problems.Add($"{path}: value {v} but the text at {source.Start}+{source.Length} is \"{printed}\"");
            else if (source.Text != printed)
                problems.Add($"{path}: provenance text \"{source.Text}\" differs from the document \"{printed}\"");
        }
    }

    private static string FindingsFor(Report parsed, CellPath path)
    {
        var related = parsed.Findings.Where(f => f.Cells.Contains(path)).Select(f => $"{f.Rule}: {f.Message}").ToList();
        return related.Count == 0 ? "" : " [" + string.Join("; ", related) + "]";
    }

    /// <summary>Whitespace-free and normalized as the reader normalizes (full-width punctuation, radicals).</summary>
    private static string Compact(string s) => new(Nianbao.Documents.Model.TextNormalizer.Normalize(s).Value.Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static string Show(decimal? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "null";
}
