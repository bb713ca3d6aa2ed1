namespace Nianbao.Domain.Tables;

/// <summary>What a cell may hold; readers use it to reject impossible readings.</summary>
public enum ValueKind
{
    /// <summary>A non-negative whole number (applications, decisions, documents).</summary>
    Count,
    /// <summary>A whole number that may carry a sign (2019 本年增/减).</summary>
    SignedCount,
    /// <summary>An amount of money that may have decimals (收费金额, 采购总金额).</summary>
    Money,
}
