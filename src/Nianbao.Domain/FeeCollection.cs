namespace Nianbao.Domain;

/// <summary>
/// The optional fee-collection table 信息处理费收取情况 some 2025 reports print after table 四 or in
/// section 六: 通知收取件数, 通知收取金额（元）, 实际收取金额（元）. A blank cell is null, never 0; a
/// report without the table has no <see cref="FeeCollection"/> at all (not an empty one).
/// </summary>
public sealed record FeeCollection(decimal? NotifiedCount, decimal? NotifiedAmountYuan, decimal? CollectedAmountYuan)
{
    /// <summary>The printed column labels, in order, with the contract's field names.</summary>
    public static IReadOnlyList<(string Key, string Label)> Columns { get; } =
    [
        ("notifiedCount", "通知收取件数"),
        ("notifiedAmountYuan", "通知收取金额（元）"),
        ("collectedAmountYuan", "实际收取金额（元）"),
    ];

    public IReadOnlyList<decimal?> Values => [NotifiedCount, NotifiedAmountYuan, CollectedAmountYuan];
}
