using Nianbao.Domain.Tables;

namespace Nianbao.Domain.Templates;

/// <summary>
/// Everything that differs between national formats, in one place: adding a template year means
/// adding one <see cref="TemplateSchema"/> here and nothing elsewhere.
/// </summary>
public sealed class TemplateSchema
{
    private TemplateSchema(ReportTemplate template, string document, IReadOnlyList<RowSchema> table2, IReadOnlyList<RowSchema> table3)
    {
        Template = template;
        Document = document;
        ActiveDisclosure = new TableSchema(TableKind.ActiveDisclosure, table2);
        Applications = new TableSchema(TableKind.Applications, table3);
        ReviewsAndLawsuits = new TableSchema(TableKind.ReviewsAndLawsuits, ReviewRows.All);
    }

    public ReportTemplate Template { get; }

    /// <summary>The notice that issued the format.</summary>
    public string Document { get; }

    public TableSchema ActiveDisclosure { get; }
    public TableSchema Applications { get; }
    public TableSchema ReviewsAndLawsuits { get; }

    public TableSchema Table(TableKind kind) => kind switch
    {
        TableKind.ActiveDisclosure => ActiveDisclosure,
        TableKind.Applications => Applications,
        _ => ReviewsAndLawsuits,
    };

    public IEnumerable<TableSchema> Tables => [ActiveDisclosure, Applications, ReviewsAndLawsuits];

    public static readonly TemplateSchema Format2021 = new(ReportTemplate.Format2021, "国办公开办函〔2021〕30号",
        ActiveDisclosureRows.Format2021, ApplicationRows.Format2021);

    public static readonly TemplateSchema Format2019 = new(ReportTemplate.Format2019, "国办公开办函〔2019〕60号",
        ActiveDisclosureRows.Format2019, ApplicationRows.Format2019);

    public static IReadOnlyList<TemplateSchema> All { get; } = [Format2021, Format2019];

    /// <summary>The schema for a national template; null for legacy and unknown reports.</summary>
    public static TemplateSchema? For(ReportTemplate template) => template switch
    {
        ReportTemplate.Format2021 => Format2021,
        ReportTemplate.Format2019 => Format2019,
        _ => null,
    };
}
