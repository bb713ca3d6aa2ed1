using System.Collections.Immutable;
using System.Collections.ObjectModel;
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
/// Immutable: a reader fills a <see cref="ReportDraft"/> and publishes it; checks return findings
/// and <see cref="WithCheckFindings"/> makes a new report. Safe to share between threads.
/// Equality is identity: two reports read from the same file are two readings.
/// </summary>
public sealed record Report
{
    public const int CurrentSchemaVersion = 1;

    private static readonly IReadOnlyDictionary<CellPath, CellSource> NoProvenance =
        new ReadOnlyDictionary<CellPath, CellSource>(new Dictionary<CellPath, CellSource>());

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public SourceInfo? Source { get; init; }
    public string? Agency { get; init; }
    public int? Year { get; init; }
    public DateOnly? PublishedOn { get; init; }
    public ReportTemplate Template { get; init; } = ReportTemplate.Unknown;

    /// <summary>The version of Nianbao that read the report from its document; null for a report typed in by hand.</summary>
    public string? ReadBy { get; init; }

    public IReadOnlyList<Section> Sections { get; init => field = value.ToImmutableArray(); } = ImmutableArray<Section>.Empty;
    public TableValues? ActiveDisclosure { get; init; }
    public TableValues? Applications { get; init; }
    public TableValues? ReviewsAndLawsuits { get; init; }

    /// <summary>The optional fee-collection table 信息处理费收取情况 (some 2025 reports); null when not printed.</summary>
    public FeeCollection? FeeCollection { get; init; }

    /// <summary>What the reader could not do (R-*: ambiguous digits, lost cells, rows not found, pages needing OCR). Never recomputed.</summary>
    public IReadOnlyList<Finding> ReadingNotes { get; init => field = value.ToImmutableArray(); } = ImmutableArray<Finding>.Empty;

    /// <summary>What the checks found; replaced, never appended to, when the report is checked again.</summary>
    public IReadOnlyList<Finding> CheckFindings { get; init => field = value.ToImmutableArray(); } = ImmutableArray<Finding>.Empty;

    /// <summary>Every finding: the reading notes, then the checks' findings.</summary>
    public IReadOnlyList<Finding> Findings => ReadingNotes.Count == 0 ? CheckFindings : CheckFindings.Count == 0 ? ReadingNotes : [.. ReadingNotes, .. CheckFindings];

    /// <summary>Where each reported number stands in the source; empty for a report built by hand.</summary>
    public IReadOnlyDictionary<CellPath, CellSource> Provenance { get; init; } = NoProvenance;

    /// <summary>The same report with these check findings in place of the old ones.</summary>
    public Report WithCheckFindings(IEnumerable<Finding> findings) => this with { CheckFindings = [.. findings] };

    public TableValues? Table(TableKind kind) => kind switch
    {
        TableKind.ActiveDisclosure => ActiveDisclosure,
        TableKind.Applications => Applications,
        _ => ReviewsAndLawsuits,
    };

    public IEnumerable<TableValues> Tables =>
        new[] { ActiveDisclosure, Applications, ReviewsAndLawsuits }.Where(t => t is not null)!;

    public decimal? this[CellPath path] => Table(path.Table)?[path];

    public bool Equals(Report? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>A draft with the same content, to edit into a new report.</summary>
    public ReportDraft ToDraft()
    {
        var draft = new ReportDraft
        {
            SchemaVersion = SchemaVersion,
            Source = Source,
            Agency = Agency,
            Year = Year,
            PublishedOn = PublishedOn,
            Template = Template,
            ReadBy = ReadBy,
            ActiveDisclosure = ActiveDisclosure?.ToDraft(),
            Applications = Applications?.ToDraft(),
            ReviewsAndLawsuits = ReviewsAndLawsuits?.ToDraft(),
            FeeCollection = FeeCollection,
        };
        draft.Sections.AddRange(Sections);
        draft.ReadingNotes.AddRange(ReadingNotes);
        draft.CheckFindings.AddRange(CheckFindings);
        foreach (var (path, source) in Provenance) draft.Provenance[path] = source;
        return draft;
    }

    /// <summary>A report with empty tables laid out for a national template (the author's starting point).</summary>
    public static Report Blank(ReportTemplate template, string? agency = null, int? year = null) =>
        ReportDraft.Blank(template, agency, year).Publish();

    internal static IReadOnlyDictionary<CellPath, CellSource> Freeze(Dictionary<CellPath, CellSource> provenance) =>
        provenance.Count == 0 ? NoProvenance : new ReadOnlyDictionary<CellPath, CellSource>(new Dictionary<CellPath, CellSource>(provenance));
}

/// <summary>
/// A report being built: by a recognizer from a document, by the record reader, by an author's
/// form or by a test. <see cref="Publish"/> makes the immutable <see cref="Report"/>; the draft can
/// go on being edited without the published report changing. Not thread-safe.
/// </summary>
public sealed class ReportDraft
{
    public int SchemaVersion { get; set; } = Report.CurrentSchemaVersion;
    public SourceInfo? Source { get; set; }
    public string? Agency { get; set; }
    public int? Year { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public ReportTemplate Template { get; set; } = ReportTemplate.Unknown;
    public string? ReadBy { get; set; }
    public List<Section> Sections { get; } = new();
    public TableDraft? ActiveDisclosure { get; set; }
    public TableDraft? Applications { get; set; }
    public TableDraft? ReviewsAndLawsuits { get; set; }
    public FeeCollection? FeeCollection { get; set; }
    public List<Finding> ReadingNotes { get; } = new();
    public List<Finding> CheckFindings { get; } = new();
    public Dictionary<CellPath, CellSource> Provenance { get; } = new();

    public TableDraft? Table(TableKind kind) => kind switch
    {
        TableKind.ActiveDisclosure => ActiveDisclosure,
        TableKind.Applications => Applications,
        _ => ReviewsAndLawsuits,
    };

    public void SetTable(TableDraft? table, TableKind kind)
    {
        if (table is not null && table.Kind != kind) throw new ArgumentException($"A {table.Kind.ToContractName()} table is not a {kind.ToContractName()} table.");
        switch (kind)
        {
            case TableKind.ActiveDisclosure: ActiveDisclosure = table; break;
            case TableKind.Applications: Applications = table; break;
            default: ReviewsAndLawsuits = table; break;
        }
    }

    public IEnumerable<TableDraft> Tables =>
        new[] { ActiveDisclosure, Applications, ReviewsAndLawsuits }.Where(t => t is not null)!;

    /// <summary>Adds a reading note (R-*): what the reader could not do with certainty.</summary>
    public void Note(Finding finding) => ReadingNotes.Add(finding with { Origin = FindingOrigin.Reading });

    /// <summary>The immutable report, as the draft stands now.</summary>
    public Report Publish() => new()
    {
        SchemaVersion = SchemaVersion,
        Source = Source,
        Agency = Agency,
        Year = Year,
        PublishedOn = PublishedOn,
        Template = Template,
        ReadBy = ReadBy,
        Sections = [.. Sections],
        ActiveDisclosure = ActiveDisclosure?.ToValues(),
        Applications = Applications?.ToValues(),
        ReviewsAndLawsuits = ReviewsAndLawsuits?.ToValues(),
        FeeCollection = FeeCollection,
        ReadingNotes = [.. ReadingNotes.Select(f => f.Origin == FindingOrigin.Reading ? f : f with { Origin = FindingOrigin.Reading })],
        CheckFindings = [.. CheckFindings],
        Provenance = Report.Freeze(Provenance),
    };

    /// <summary>A draft with empty tables laid out for a national template.</summary>
    public static ReportDraft Blank(ReportTemplate template, string? agency = null, int? year = null)
    {
        var schema = TemplateSchema.For(template) ?? throw new ArgumentException($"Template {template.ToContractName()} has no tables.");
        return new ReportDraft
        {
            Template = template,
            Agency = agency,
            Year = year,
            ActiveDisclosure = new TableDraft(schema.ActiveDisclosure),
            Applications = new TableDraft(schema.Applications),
            ReviewsAndLawsuits = new TableDraft(schema.ReviewsAndLawsuits),
        };
    }
}
