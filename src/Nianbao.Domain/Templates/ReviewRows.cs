using Nianbao.Domain.Tables;

namespace Nianbao.Domain.Templates;

/// <summary>The three groups of table 四, printed as one row of 15 numbers in this order.</summary>
public static class ReviewRows
{
    public const string Review = "review";
    public const string LawsuitDirect = "lawsuitDirect";
    public const string LawsuitAfterReview = "lawsuitAfterReview";

    public static readonly IReadOnlyList<RowSchema> All =
    [
        new(Review, "行政复议", ReviewColumns.All, ["行政复议"]),
        new(LawsuitDirect, "行政诉讼·未经复议直接起诉", ReviewColumns.All, ["未经复议直接起诉", "直接起诉"]),
        new(LawsuitAfterReview, "行政诉讼·复议后起诉", ReviewColumns.All, ["复议后起诉"]),
    ];
}
