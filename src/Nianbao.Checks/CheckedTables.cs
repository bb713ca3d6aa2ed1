using Nianbao.Domain;
using Nianbao.Domain.Tables;

namespace Nianbao.Checks;

/// <summary>Which tables the table checks look at.</summary>
internal static class CheckedTables
{
    /// <summary>
    /// The table, when the report follows a national template and the table holds at least one number.
    /// Legacy and unknown reports have no national tables to judge. A table with no number at all was
    /// not found or not read; the reader says so, and calling every cell of it blank would only
    /// bury that one finding under dozens.
    /// </summary>
    public static TableValues? Get(Report report, TableKind kind) =>
        Nianbao.Domain.Templates.TemplateSchema.For(report.Template) is not null
        && report.Table(kind) is { IsEmpty: false } table
            ? table
            : null;
}
