using Nianbao.Domain.Tables;

namespace Nianbao.Domain.Templates;

/// <summary>
/// Everything that differs between national formats, in one place: the vocabulary that recognizes
/// a format, the reporting years it applies to, its tables' rows and columns, the earlier layouts a
/// report in it may still print, and which format-specific checks apply. Adding a template year
/// means adding one <see cref="TemplateSchema"/> here (and its tests) and nothing elsewhere.
/// </summary>
public sealed class TemplateSchema
{
    private TemplateSchema(ReportTemplate template, string document, int firstYear, int? lastYear,
        IReadOnlyList<string> markers, IReadOnlyList<RowSchema> table2, IReadOnlyList<RowSchema> table3)
    {
        Template = template;
        Document = document;
        FirstYear = firstYear;
        LastYear = lastYear;
        Markers = markers;
        ActiveDisclosure = new TableSchema(TableKind.ActiveDisclosure, table2);
        Applications = new TableSchema(TableKind.Applications, table3);
        ReviewsAndLawsuits = new TableSchema(TableKind.ReviewsAndLawsuits, ReviewRows.All);
    }

    public ReportTemplate Template { get; }

    /// <summary>The notice that issued the format.</summary>
    public string Document { get; }

    /// <summary>The first reporting year the format is for.</summary>
    public int FirstYear { get; }

    /// <summary>The last reporting year the format is for; null while it is the current format.</summary>
    public int? LastYear { get; }

    /// <summary>Words only this format prints (its own column and row labels): what recognizes it in a document.</summary>
    public IReadOnlyList<string> Markers { get; }

    /// <summary>How findings name the format, e.g. "2021 format (国办公开办函〔2021〕30号)".</summary>
    public string Description => $"{Template.ToContractName()} format ({Document})";

    /// <summary>Whether the format is the one the law expects for <paramref name="year"/>.</summary>
    public bool AppliesTo(int year) => year >= FirstYear && (LastYear is null || year <= LastYear);

    /// <summary>
    /// Layouts of table 三 a report in this format may still print instead of its own (a 2021 report
    /// printing the 2019 single row （六）其他处理): read as printed, and reported (T3-6).
    /// </summary>
    public IReadOnlyList<TableSchema> ToleratedApplicationLayouts { get; private init; } = [];

    /// <summary>
    /// The cell whose column names its unit (2021 本年收费金额（万元）): a different unit printed in the
    /// cell is questioned (T2-3), and a blank there is explained. Null when the format has none.
    /// </summary>
    public CellPath? FeeAmountCell { get; private init; }

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

    public static readonly TemplateSchema Format2019 = new(ReportTemplate.Format2019, "国办公开办函〔2019〕60号", 2019, 2020,
        ["本年新制作数量", "本年新公开数量", "对外公开总数量", "其他对外管理服务事项", "采购项目数量", "上一年项目数量", "第二十条第(九)项"],
        ActiveDisclosureRows.Format2019, ApplicationRows.Format2019);

    public static readonly TemplateSchema Format2021 = new(ReportTemplate.Format2021, "国办公开办函〔2021〕30号", 2021, null,
        ["本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正", "逾期未按收费通知"],
        ActiveDisclosureRows.Format2021, ApplicationRows.Format2021)
    {
        ToleratedApplicationLayouts = [Format2019.Applications],
        FeeAmountCell = new CellPath(TableKind.ActiveDisclosure, "fees", "amountWanYuan"),
    };

    /// <summary>Every national format, newest first (a document printing both vocabularies equally is taken as the newer).</summary>
    public static IReadOnlyList<TemplateSchema> All { get; } = [Format2021, Format2019];

    /// <summary>The national format the law expects for a reporting year; null before the first (free-form reports).</summary>
    public static TemplateSchema? ExpectedFor(int year) => All.FirstOrDefault(s => s.AppliesTo(year));

    /// <summary>The schema for a national template; null for legacy and unknown reports.</summary>
    public static TemplateSchema? For(ReportTemplate template) => template switch
    {
        ReportTemplate.Format2021 => Format2021,
        ReportTemplate.Format2019 => Format2019,
        _ => null,
    };
}
