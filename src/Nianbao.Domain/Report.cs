using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Domain;

/// <summary>Where a report came from. Filled by whoever read it; a report built by hand has none.</summary>
public sealed record SourceInfo(string FileName, string Sha256, string Format, string? Encoding = null);

/// <summary>One of the six statutory sections, as printed. A missing section is absent, never empty.</summary>
public sealed record Section(int Number, string Title, string Text);

/// <summary>
/// The structured annual report of the data contract (schemaVersion 1). The same shape serves a
/// report read from a document, one typed in by an author and a regional summary built from many.
/// </summary>
public sealed class Report
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public SourceInfo? Source { get; set; }
    public string? Agency { get; set; }
    public int? Year { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public ReportTemplate Template { get; set; } = ReportTemplate.Unknown;
    public List<Section> Sections { get; } = new();
    public TableValues? ActiveDisclosure { get; set; }
    public TableValues? Applications { get; set; }
    public TableValues? ReviewsAndLawsuits { get; set; }
    public List<Finding> Findings { get; } = new();

    /// <summary>Where each reported number stands in the source; empty for a report built by hand.</summary>
    public Dictionary<CellPath, CellSource> Provenance { get; } = new();

    public TableValues? Table(TableKind kind) => kind switch
    {
        TableKind.ActiveDisclosure => ActiveDisclosure,
        TableKind.Applications => Applications,
        _ => ReviewsAndLawsuits,
    };

    public IEnumerable<TableValues> Tables =>
        new[] { ActiveDisclosure, Applications, ReviewsAndLawsuits }.Where(t => t is not null)!;

    public decimal? this[CellPath path] => Table(path.Table)?[path];

    /// <summary>A report with empty tables laid out for a national template (the author's starting point).</summary>
    public static Report Blank(ReportTemplate template, string? agency = null, int? year = null)
    {
        var schema = TemplateSchema.For(template) ?? throw new ArgumentException($"Template {template.ToContractName()} has no tables.");
        return new Report
        {
            Template = template,
            Agency = agency,
            Year = year,
            ActiveDisclosure = new TableValues(schema.ActiveDisclosure),
            Applications = new TableValues(schema.Applications),
            ReviewsAndLawsuits = new TableValues(schema.ReviewsAndLawsuits),
        };
    }
}
