using Nianbao.Archive;
using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;
using Nianbao.Server.Authoring;

namespace Nianbao.Server.Comparing;

/// <summary>One report of a comparison, as the page heads its column.</summary>
public sealed record ComparedReport(string Id, string? Agency, int? Year, string Template, int Errors, int Warnings);

/// <summary>
/// One cell on both sides. <see cref="Differs"/>: the two numbers are not the same, or one side has a
/// number and the other a blank (a blank is not 0, so 0 against blank differs). <see cref="Change"/>:
/// right − left when both have a number.
/// </summary>
public sealed record CellComparison(string Path, string Label, decimal? Left, decimal? Right, bool Differs, decimal? Change, bool OnlyLeft, bool OnlyRight);

public sealed record TableComparison(string Table, string Title, int Differences, IReadOnlyList<CellComparison> Cells);

/// <summary>A statutory section on both sides and its text diff; absent on a side: null text.</summary>
public sealed record SectionComparison(int Number, string Title, string? Left, string? Right, bool Differs, IReadOnlyList<DiffSegment> Diff);

public sealed record Comparison(ComparedReport Left, ComparedReport Right, int Differences, IReadOnlyList<TableComparison> Tables, IReadOnlyList<SectionComparison> Sections);

/// <summary>
/// Compares two reports (an agency's two years, or two agencies of a year): every cell of the three
/// tables side by side with differences marked, and a text diff of each of the six sections.
/// Cells are matched by contract path, so a 2019 and a 2021 report are compared on the cells they
/// share, and the cells only one format has are listed as such.
/// </summary>
public static class ReportComparer
{
    public static Comparison Compare(ReportEntry leftEntry, Report left, ReportEntry rightEntry, Report right)
    {
        var tables = new[] { TableKind.ActiveDisclosure, TableKind.Applications, TableKind.ReviewsAndLawsuits }
            .Select(kind => Table(kind, left, right)).ToList();
        var sections = StatutorySections.All.Select(s => Section(s, left, right)).ToList();
        return new Comparison(Head(leftEntry), Head(rightEntry), tables.Sum(t => t.Differences) + sections.Count(s => s.Differs), tables, sections);
    }

    private static ComparedReport Head(ReportEntry e) => new(e.Id, e.Agency ?? e.AgencyPrinted, e.Year, e.Template, e.Errors, e.Warnings);

    private static TableComparison Table(TableKind kind, Report left, Report right)
    {
        var l = left.Table(kind);
        var r = right.Table(kind);
        // Cells in printed order of the left report's layout, then the ones only the right's has.
        var paths = (l?.Schema.Cells() ?? []).Concat(r?.Schema.Cells() ?? []).Distinct().ToList();
        var cells = paths.Select(path =>
        {
            var inLeft = l?.Schema.Field(path) is not null;
            var inRight = r?.Schema.Field(path) is not null;
            decimal? a = inLeft ? l![path] : null, b = inRight ? r![path] : null;
            var differs = a != b;
            return new CellComparison(path.ToString(), Label(inLeft ? l! : r!, path), a, b, differs, a is { } x && b is { } y ? y - x : null,
                inLeft && !inRight, inRight && !inLeft);
        }).ToList();
        var title = kind switch
        {
            TableKind.ActiveDisclosure => "二、主动公开政府信息情况",
            TableKind.Applications => "三、收到和处理政府信息公开申请情况",
            _ => "四、政府信息公开行政复议、行政诉讼情况",
        };
        return new TableComparison(kind.ToContractName(), title, cells.Count(c => c.Differs), cells);
    }

    private static string Label(TableValues table, CellPath path) =>
        table.Schema.Field(path) is null ? path.ToString() : AuthorFormReader.CellLabel(path, table.Schema);

    private static SectionComparison Section(StatutorySections.SectionSchema schema, Report left, Report right)
    {
        var a = left.Sections.FirstOrDefault(s => s.Number == schema.Number)?.Text;
        var b = right.Sections.FirstOrDefault(s => s.Number == schema.Number)?.Text;
        var title = $"{StatutorySections.ChineseNumerals[schema.Number - 1]}、{schema.Title}";
        return new SectionComparison(schema.Number, title, a, b, a != b, TextDiff.Diff(a ?? "", b ?? ""));
    }
}
