namespace Nianbao.Domain.Findings;

/// <summary>
/// Rule identifiers. Arithmetic and structure rules follow template-reference.md §5.2; reader
/// rules (R-*) say what the reader could not do with certainty.
/// </summary>
public static class Rules
{
    public const string T3_Balance = "T3-1";
    public const string T3_TotalHandled = "T3-2";
    public const string T3_RowTotal = "T3-3";
    public const string T3_Blank = "T3-4";
    public const string T3_CarryOver = "T3-5";
    public const string T3_TemplateShape = "T3-6";
    public const string T3_TextAgainstTable = "T3-7";
    public const string T3_NonNegative = "T3-8";
    public const string T4_GroupTotal = "T4-1";
    public const string T4_Blank = "T4-2";
    public const string T4_TextAgainstTable = "T4-3";
    public const string T2_StockFlow = "T2-1";
    public const string T2_FeeUnit = "T2-3";
    public const string T2_ItemsCarryOver = "T2-4";
    public const string T2_Blank = "T2-4B";
    /// <summary>Blank cells in the optional fee-collection table 信息处理费收取情况 (some 2025 reports).</summary>
    public const string FeeTable_Blank = "S-2B";
    public const string Sections = "S-1";
    public const string FeeStatement = "S-2";
    public const string EmptyProblems = "S-3";
    public const string YearConsistency = "Y-1";
    public const string LatePublication = "Y-2";
    public const string TemplateYear = "Y-3";
    public const string SameAsLastYear = "D-1";

    public const string AmbiguousDigits = "R-1";
    public const string LostCells = "R-2";
    public const string TableNotFound = "R-3";
    public const string UnreadableSource = "R-4";
    public const string NeedsOcr = "R-5";
    public const string RowsPlacedByOrder = "R-6";
    /// <summary>A row label or section heading recognized although one character is misprinted (info).</summary>
    public const string NearLabel = "R-7";
    /// <summary>The file is not an annual report: no statutory section and no statutory table in it.</summary>
    public const string NotAReport = "R-0";
}
