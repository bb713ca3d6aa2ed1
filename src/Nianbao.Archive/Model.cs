namespace Nianbao.Archive;

/// <summary>One stored report version (without its record and cells), as listed by <c>nianbao reports</c>.</summary>
public sealed record ReportEntry
{
    public required string Id { get; init; }
    public required long Arrival { get; init; }
    public string? AgencyId { get; init; }
    /// <summary>The agency's canonical name (after merges), else the name as printed.</summary>
    public string? Agency { get; init; }
    public string? AgencyPrinted { get; init; }
    public int? Year { get; init; }
    public required string Template { get; init; }
    public string? PublishedOn { get; init; }
    public required string FileName { get; init; }
    public required string Format { get; init; }
    public required bool IsCurrent { get; init; }
    public string? SupersededBy { get; init; }
    public required int Errors { get; init; }
    public required int Warnings { get; init; }
    public required string Reader { get; init; }
    public required string ImportedAt { get; init; }
    public string? RegionCode { get; init; }
    public string? Level { get; init; }
    public string? Kind { get; init; }

    public string ShortId => Id[..Math.Min(12, Id.Length)];
}

/// <summary>Which reports a query returns. Every criterion is optional; by default current versions only.</summary>
public sealed record ReportFilter
{
    /// <summary>Agency id, or a part of its canonical or any printed name.</summary>
    public string? Agency { get; init; }
    public int? Year { get; init; }
    public int? FromYear { get; init; }
    public int? ToYear { get; init; }
    /// <summary>Region code (the agency is placed in it or below it: a code prefix) .</summary>
    public string? Region { get; init; }
    public string? Template { get; init; }
    /// <summary>Only reports with at least one finding of this rule (own or across reports).</summary>
    public string? Rule { get; init; }
    /// <summary>Only reports with an error-level finding.</summary>
    public bool WithErrors { get; init; }
    /// <summary>Also superseded versions.</summary>
    public bool IncludeHistory { get; init; }
    public int? Limit { get; init; }

    public static ReportFilter Current { get; } = new();
}

/// <summary>One cell of one report as stored: its value (null when blank or ambiguous) and where it came from.</summary>
public sealed record CellEntry
{
    public required string ReportId { get; init; }
    public required string Path { get; init; }
    public required string TableName { get; init; }
    public required string RowKey { get; init; }
    public required string Field { get; init; }
    /// <summary><see cref="CellStatus"/> names: value, blank, ambiguous, unread, settled.</summary>
    public required string Status { get; init; }
    public decimal? Value { get; init; }
    public string? Unit { get; init; }
    public string? Confidence { get; init; }
    public int? SrcStart { get; init; }
    public int? SrcLength { get; init; }
    public string? SrcText { get; init; }
    public int? Page { get; init; }
    public string? Box { get; init; }
    public int? SrcTable { get; init; }
    public int? SrcRow { get; init; }
    public int? SrcColumn { get; init; }
    /// <summary>For a settled cell: the other year's report whose numbers left one reading.</summary>
    public string? NeighbourId { get; init; }
}

public static class CellStatus
{
    public const string Value = "value";
    public const string Blank = "blank";
    /// <summary>The document allows several readings; a finding lists them.</summary>
    public const string Ambiguous = "ambiguous";
    /// <summary>Ambiguous in its document, settled by the neighbouring year's report (see <see cref="CellEntry.NeighbourId"/>).</summary>
    public const string Settled = "settled";
    /// <summary>The reader could not place the row's numbers (lost cells, row not found): not a blank.</summary>
    public const string Unread = "unread";

    /// <summary>The <c>table_name</c> of the optional fee-collection table's cells (<c>feeCollection.notifiedCount</c> …).</summary>
    public const string FeeCollectionTable = "feeCollection";
}

/// <summary>A finding of one report, or between two reports (<see cref="NeighbourId"/> set).</summary>
public sealed record FindingEntry
{
    public required string ReportId { get; init; }
    public string? NeighbourId { get; init; }
    public required int Seq { get; init; }
    public required string Rule { get; init; }
    public required string Severity { get; init; }
    public required string Message { get; init; }
    public required string Cells { get; init; }
    public string? Candidates { get; init; }
    /// <summary>The values the message quotes (JSON object, <c>msg</c> naming the catalog entry), so a front end can say it in Chinese; null when none were stored.</summary>
    public string? Args { get; init; }
}

/// <summary>An agency (机关) and where it stands on the administrative map.</summary>
public sealed record AgencyEntry
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? RegionCode { get; init; }
    public string? Level { get; init; }
    public string? Kind { get; init; }
    /// <summary>unplaced | placed | ambiguous.</summary>
    public string PlacementStatus { get; init; } = PlacementStatuses.Unplaced;
    /// <summary>JSON array of candidate region codes when ambiguous.</summary>
    public string? PlacementCandidates { get; init; }
    public string? PlacementNote { get; init; }
    public bool Pinned { get; init; }
    public string? MergedInto { get; init; }
}

public static class PlacementStatuses
{
    public const string Unplaced = "unplaced";
    public const string Placed = "placed";
    public const string Ambiguous = "ambiguous";
}

/// <summary>Where an agency is placed, as decided by the regions library or a user.</summary>
public sealed record Placement(string Status, string? RegionCode, string? Level, string? Kind, IReadOnlyList<string>? Candidates, string? Note);

/// <summary>One administrative division (统计用区划代码).</summary>
public sealed record RegionEntry(string Code, string Name, string Level, string? ParentCode);

/// <summary>An agency a user expects a report from.</summary>
public sealed record ExpectedAgency(string Name, string? RegionCode, string? Level = null, string? Kind = null, string? AgencyId = null, string? Source = null)
{
    public string Id => $"{Name}|{RegionCode}";
}

/// <summary>What an import did with one input.</summary>
/// <remarks><see cref="Refused"/>: a report the importer was told not to admit (a web author's upload of another agency's report).</remarks>
public enum InputOutcome { Imported, ImportedWithFindings, AlreadyPresent, NotAReport, Failed, Refused }

public static class InputOutcomeNames
{
    public static string Name(this InputOutcome o) => o switch
    {
        InputOutcome.Imported => "imported",
        InputOutcome.ImportedWithFindings => "importedWithFindings",
        InputOutcome.AlreadyPresent => "alreadyPresent",
        InputOutcome.NotAReport => "notAReport",
        InputOutcome.Refused => "refused",
        _ => "failed",
    };

    public static InputOutcome Parse(string name) => name switch
    {
        "imported" => InputOutcome.Imported,
        "importedWithFindings" => InputOutcome.ImportedWithFindings,
        "alreadyPresent" => InputOutcome.AlreadyPresent,
        "notAReport" => InputOutcome.NotAReport,
        "refused" => InputOutcome.Refused,
        _ => InputOutcome.Failed,
    };

    /// <summary>For users (Chinese first).</summary>
    public static string Label(this InputOutcome o) => o switch
    {
        InputOutcome.Imported => "已导入 imported",
        InputOutcome.ImportedWithFindings => "已导入（有问题） imported with findings",
        InputOutcome.AlreadyPresent => "已存在（相同文件） already present",
        InputOutcome.NotAReport => "不是年度报告 not an annual report",
        InputOutcome.Refused => "拒收 refused",
        _ => "失败 failed",
    };
}

/// <summary>One input's outcome in one import.</summary>
public sealed record InputResult(string Input, string Sha256, InputOutcome Outcome, string? Reason, string? ReportId);
