using Nianbao.Domain;
using Nianbao.Domain.Templates;

namespace Nianbao.Analysis.Tests;

/// <summary>
/// The metrics of docs/metrics.md written out again, plainly, over the generator's numbers: the
/// summaries are checked against these, not against their own code.
/// </summary>
public static class Oracle
{
    public sealed record Formula(string Name, Func<Report, decimal?[]> Numerator, Func<Report, decimal?[]> Denominator);

    private static decimal?[] A(Report r, params string[] cells) =>
        cells.Select(c => r.Applications is { } t && t.HasRow(c.Split('.')[0]) ? t[c.Split('.')[0], c.Split('.')[1]] : Absent).ToArray();

    private static decimal?[] R(Report r, params string[] cells) =>
        cells.Select(c => r.ReviewsAndLawsuits is { } t ? t[c.Split('.')[0], c.Split('.')[1]] : Absent).ToArray();

    /// <summary>Marks a cell the report does not have (kept apart from a blank for the reasons).</summary>
    public const decimal Absent = -999_999_999m;

    private static readonly string[] Withheld = ["withheldStateSecret", "withheldProhibitedByLaw", "withheldSecurityStability", "withheldThirdPartyRights", "withheldInternalAffairs", "withheldDeliberative", "withheldEnforcementFile", "withheldInquiry"];

    public static readonly Formula[] Ratios =
    [
        new("disclosureRate", r => A(r, "granted.total", "partlyGranted.total"), r => A(r, "totalHandled.total")),
        new("withheldRate", r => A(r, Withheld.Select(w => w + ".total").ToArray()), r => A(r, "totalHandled.total")),
        new("unavailableRate", r => A(r, "unavailableNotHeld.total", "unavailableNeedsCreation.total", "unavailableUnclear.total"), r => A(r, "totalHandled.total")),
        new("rejectedRate", r => A(r, "rejectedComplaint.total", "rejectedRepeated.total", "rejectedPublication.total", "rejectedExcessive.total", "rejectedConfirmation.total"), r => A(r, "totalHandled.total")),
        new("otherHandlingRate", r => r.Applications?.HasRow(ApplicationRows.OtherHandling) == true
            ? A(r, "otherHandling.total") : A(r, "otherNoCorrection.total", "otherUnpaidFee.total", "otherOther.total"), r => A(r, "totalHandled.total")),
        new("legalPersonShare", r => A(r, "received.commercial", "received.research", "received.nonprofit", "received.legalService", "received.otherOrg"), r => A(r, "received.total")),
        new("reviewCorrectionRate", r => R(r, "review.corrected"), r => R(r, "review.upheld", "review.corrected", "review.other")),
        new("lawsuitCorrectionRate", r => R(r, "lawsuitDirect.corrected", "lawsuitAfterReview.corrected"),
            r => R(r, "lawsuitDirect.upheld", "lawsuitDirect.corrected", "lawsuitDirect.other", "lawsuitAfterReview.upheld", "lawsuitAfterReview.corrected", "lawsuitAfterReview.other")),
        new("disputeRate", r => R(r, "review.total", "lawsuitDirect.total", "lawsuitAfterReview.total"), r => A(r, "received.total")),
    ];

    public static readonly Formula[] Quantities =
    [
        new("applicationsReceived", r => A(r, "received.total"), _ => []),
        new("applicationsHandled", r => A(r, "totalHandled.total"), _ => []),
        new("reviews", r => R(r, "review.total"), _ => []),
        new("lawsuits", r => R(r, "lawsuitDirect.total", "lawsuitAfterReview.total"), _ => []),
    ];

    /// <summary>Σ numerator, Σ denominator and the count over the reports that state every input.</summary>
    public static (decimal Numerator, decimal Denominator, int Reports) Over(Formula f, IEnumerable<Report> reports)
    {
        decimal n = 0, d = 0;
        var count = 0;
        foreach (var r in reports)
        {
            var num = f.Numerator(r);
            var den = f.Denominator(r);
            if (num.Concat(den).Any(v => v is null or Absent)) continue;
            n += num.Sum(v => v!.Value);
            d += den.Sum(v => v!.Value);
            count++;
        }
        return (n, d, count);
    }

    public static bool Complete(Formula f, Report r) => f.Numerator(r).Concat(f.Denominator(r)).All(v => v is not null and not Absent);

    /// <summary>The percentage as decimal arithmetic gives it, rounded half away from zero.</summary>
    public static decimal Percent(decimal numerator, decimal denominator) =>
        Math.Round(numerator * 100m / denominator, 2, MidpointRounding.AwayFromZero);
}
