namespace Nianbao.Domain;

/// <summary>
/// Which national format a report follows. <see cref="Legacy"/> and <see cref="Unknown"/> are honest
/// answers, not failures: a pre-2019 report has no national tables to read.
/// </summary>
public enum ReportTemplate
{
    Unknown,
    /// <summary>国办公开办函〔2021〕30号, for the 2021 reports onward.</summary>
    Format2021,
    /// <summary>国办公开办函〔2019〕60号 (trial), for the 2019 and 2020 reports.</summary>
    Format2019,
    /// <summary>Before the 2019 format: free-form reports with local statistics tables.</summary>
    Legacy,
}

public static class ReportTemplateNames
{
    public static string ToContractName(this ReportTemplate template) => template switch
    {
        ReportTemplate.Format2021 => "2021",
        ReportTemplate.Format2019 => "2019",
        ReportTemplate.Legacy => "legacy",
        _ => "unknown",
    };

    public static ReportTemplate FromContractName(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "2021" => ReportTemplate.Format2021,
        "2019" => ReportTemplate.Format2019,
        "legacy" => ReportTemplate.Legacy,
        _ => ReportTemplate.Unknown,
    };

    /// <summary>Strictly: only the contract's four names (trimmed, any case).</summary>
    public static bool TryFromContractName(string? name, out ReportTemplate template)
    {
        template = FromContractName(name);
        return template != ReportTemplate.Unknown || name?.Trim().ToLowerInvariant() == "unknown";
    }

    /// <summary>The template the law expects for a reporting year (rule Y-3).</summary>
    public static ReportTemplate ExpectedFor(int year) =>
        Templates.TemplateSchema.ExpectedFor(year)?.Template
        ?? (year < Templates.TemplateSchema.All.Min(s => s.FirstYear) ? ReportTemplate.Legacy : Templates.TemplateSchema.All[0].Template);
}
