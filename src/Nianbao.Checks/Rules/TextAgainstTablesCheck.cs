using Nianbao.Domain.Narrative;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Checks.Rules;

using RuleIds = Nianbao.Domain.Findings.Rules;

/// <summary>
/// T3-7 / T4-3: figures the narrative states ("共收到申请75件", "行政复议2件") against the tables.
/// A warning, not an error: the prose may count differently (a region against the body's own
/// cases), but the reader of the report sees two numbers for one thing either way. No finding when
/// the table cell is blank, and none for a sentence that names another year.
/// </summary>
public sealed class TextAgainstTablesCheck : IReportCheck
{
    private static readonly CellPath ReceivedTotal = new(TableKind.Applications, ApplicationRows.Received, ApplicationColumns.Total);
    private static readonly CellPath CarriedOverTotal = new(TableKind.Applications, ApplicationRows.CarriedOver, ApplicationColumns.Total);
    private static readonly CellPath HandledTotal = new(TableKind.Applications, ApplicationRows.TotalHandled, ApplicationColumns.Total);
    private static readonly CellPath ForwardTotal = new(TableKind.Applications, ApplicationRows.CarriedForward, ApplicationColumns.Total);
    private static readonly CellPath ReviewTotal = new(TableKind.ReviewsAndLawsuits, ReviewRows.Review, ReviewColumns.Total);
    private static readonly CellPath DirectTotal = new(TableKind.ReviewsAndLawsuits, ReviewRows.LawsuitDirect, ReviewColumns.Total);
    private static readonly CellPath AfterReviewTotal = new(TableKind.ReviewsAndLawsuits, ReviewRows.LawsuitAfterReview, ReviewColumns.Total);

    public IEnumerable<Finding> Check(Report report)
    {
        var applications = CheckedTables.Get(report, TableKind.Applications);
        var reviews = CheckedTables.Get(report, TableKind.ReviewsAndLawsuits);
        if (applications is null && reviews is null) yield break;

        var reported = new HashSet<(NarrativeMeasure, int, string)>();
        foreach (var section in report.Sections)
        {
            foreach (var figure in NarrativeFigures.Extract(section.Text))
            {
                if (figure.StatedYear is { } stated && report.Year is { } year && stated != year) continue;
                if (Compare(figure, applications, reviews) is not { } mismatch) continue;
                if (!reported.Add((figure.Measure, figure.Value, figure.Sentence))) continue;
                yield return new Finding(mismatch.Rule, Severity.Warning,
                    $"Section {Labels.SectionNumeral(section.Number)} says \"{figure.Sentence}\" ({figure.Value}) but {mismatch.TableSays}",
                    mismatch.Cells);
            }
        }
    }

    private sealed record Mismatch(string Rule, string TableSays, CellPath[] Cells);

    private static Mismatch? Compare(NarrativeFigure figure, TableValues? applications, TableValues? reviews)
    {
        switch (figure.Measure)
        {
            case NarrativeMeasure.Received when applications is not null:
                if (applications[ReceivedTotal] is not { } received) return null;
                if (received == figure.Value) return null;
                // "受理" is sometimes counted with the applications carried over from last year.
                if (figure.Keyword == "受理" && applications[CarriedOverTotal] is { } over && Arithmetic.Judgeable(received, over) && received + over == figure.Value) return null;
                return new(RuleIds.T3_TextAgainstTable, $"table 三 一、本年新收 总计 is {Labels.Number(received)}", [ReceivedTotal]);
            case NarrativeMeasure.Handled when applications is not null:
                return Single(applications, HandledTotal, figure, RuleIds.T3_TextAgainstTable, "table 三 （七）总计 总计");
            case NarrativeMeasure.CarriedForward when applications is not null:
                return Single(applications, ForwardTotal, figure, RuleIds.T3_TextAgainstTable, "table 三 四、结转下年度继续办理 总计");
            case NarrativeMeasure.CarriedOver when applications is not null:
                return Single(applications, CarriedOverTotal, figure, RuleIds.T3_TextAgainstTable, "table 三 二、上年结转 总计");
            case NarrativeMeasure.Reviews when reviews is not null:
                return Single(reviews, ReviewTotal, figure, RuleIds.T4_TextAgainstTable, "table 四 行政复议 总计");
            case NarrativeMeasure.Lawsuits when reviews is not null:
                if (reviews[DirectTotal] is not { } direct || reviews[AfterReviewTotal] is not { } after || !Arithmetic.Judgeable(direct, after)) return null;
                if (direct + after == figure.Value) return null;
                return new(RuleIds.T4_TextAgainstTable,
                    $"table 四 行政诉讼 总计 is {Labels.Number(direct)} (未经复议直接起诉) + {Labels.Number(after)} (复议后起诉) = {Labels.Number(direct + after)}",
                    [DirectTotal, AfterReviewTotal]);
            default:
                return null;
        }
    }

    private static Mismatch? Single(TableValues table, CellPath path, NarrativeFigure figure, string rule, string label) =>
        table[path] is { } value && value != figure.Value
            ? new(rule, $"{label} is {Labels.Number(value)}", [path])
            : null;
}
