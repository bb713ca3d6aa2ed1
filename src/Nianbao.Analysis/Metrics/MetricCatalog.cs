namespace Nianbao.Analysis.Metrics;

/// <summary>
/// The metrics, under the names docs/metrics.md documents. Table 三 metrics use the 总计 column;
/// numbers are taken as printed (a wrong published total is not repaired here either).
/// </summary>
public static class MetricCatalog
{
    private const string Handled = "applications.totalHandled.total";

    public static readonly MetricDefinition DisclosureRate = new("disclosureRate", "公开率（予以公开＋部分公开）",
        CellSum.Of("applications.granted.total", "applications.partlyGranted.total"), CellSum.Of(Handled));

    public static readonly MetricDefinition WithheldRate = new("withheldRate", "不予公开率",
        CellSum.Of(Rows("withheld", "StateSecret", "ProhibitedByLaw", "SecurityStability", "ThirdPartyRights", "InternalAffairs", "Deliberative", "EnforcementFile", "Inquiry")),
        CellSum.Of(Handled));

    public static readonly MetricDefinition UnavailableRate = new("unavailableRate", "无法提供率",
        CellSum.Of(Rows("unavailable", "NotHeld", "NeedsCreation", "Unclear")), CellSum.Of(Handled));

    public static readonly MetricDefinition RejectedRate = new("rejectedRate", "不予处理率",
        CellSum.Of(Rows("rejected", "Complaint", "Repeated", "Publication", "Excessive", "Confirmation")), CellSum.Of(Handled));

    public static readonly MetricDefinition OtherHandlingRate = new("otherHandlingRate", "其他处理率",
        CellSum.Of(Rows("other", "NoCorrection", "UnpaidFee", "Other")).Or("applications.otherHandling.total"), CellSum.Of(Handled));

    public static readonly MetricDefinition LegalPersonShare = new("legalPersonShare", "法人或其他组织申请占比",
        CellSum.Of("applications.received.commercial", "applications.received.research", "applications.received.nonprofit",
            "applications.received.legalService", "applications.received.otherOrg"),
        CellSum.Of("applications.received.total"));

    public static readonly MetricDefinition ReviewCorrectionRate = new("reviewCorrectionRate", "行政复议纠错率",
        CellSum.Of("reviewsAndLawsuits.review.corrected"),
        CellSum.Of("reviewsAndLawsuits.review.upheld", "reviewsAndLawsuits.review.corrected", "reviewsAndLawsuits.review.other"));

    public static readonly MetricDefinition LawsuitCorrectionRate = new("lawsuitCorrectionRate", "行政诉讼纠错率",
        CellSum.Of("reviewsAndLawsuits.lawsuitDirect.corrected", "reviewsAndLawsuits.lawsuitAfterReview.corrected"),
        CellSum.Of("reviewsAndLawsuits.lawsuitDirect.upheld", "reviewsAndLawsuits.lawsuitDirect.corrected", "reviewsAndLawsuits.lawsuitDirect.other",
            "reviewsAndLawsuits.lawsuitAfterReview.upheld", "reviewsAndLawsuits.lawsuitAfterReview.corrected", "reviewsAndLawsuits.lawsuitAfterReview.other"));

    public static readonly MetricDefinition DisputeRate = new("disputeRate", "复议诉讼发生率",
        CellSum.Of("reviewsAndLawsuits.review.total", "reviewsAndLawsuits.lawsuitDirect.total", "reviewsAndLawsuits.lawsuitAfterReview.total"),
        CellSum.Of("applications.received.total"));

    /// <summary>The ratios, in the order they are printed.</summary>
    public static IReadOnlyList<MetricDefinition> Ratios { get; } =
        [DisclosureRate, WithheldRate, UnavailableRate, RejectedRate, OtherHandlingRate, LegalPersonShare, ReviewCorrectionRate, LawsuitCorrectionRate, DisputeRate];

    public static readonly MetricDefinition ApplicationsReceived = new("applicationsReceived", "本年新收申请数",
        CellSum.Of("applications.received.total"), null);

    public static readonly MetricDefinition ApplicationsHandled = new("applicationsHandled", "本年办理结果总计",
        CellSum.Of(Handled), null);

    public static readonly MetricDefinition Reviews = new("reviews", "行政复议数", CellSum.Of("reviewsAndLawsuits.review.total"), null);

    public static readonly MetricDefinition Lawsuits = new("lawsuits", "行政诉讼数",
        CellSum.Of("reviewsAndLawsuits.lawsuitDirect.total", "reviewsAndLawsuits.lawsuitAfterReview.total"), null);

    /// <summary>Counts whose year-over-year change is reported (as a relative change).</summary>
    public static IReadOnlyList<MetricDefinition> Quantities { get; } = [ApplicationsReceived, ApplicationsHandled, Reviews, Lawsuits];

    public static IReadOnlyList<MetricDefinition> All { get; } = [.. Ratios, .. Quantities];

    public static MetricDefinition? Find(string name) => All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string[] Rows(string prefix, params string[] suffixes) =>
        suffixes.Select(s => $"applications.{prefix}{s}.total").ToArray();
}
