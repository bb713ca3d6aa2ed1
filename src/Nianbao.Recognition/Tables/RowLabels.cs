using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;
using Nianbao.Recognition.Text;

namespace Nianbao.Recognition.Tables;

/// <summary>A table row's wordings for loose matching, the labels that compete with them, and the note a loose match leaves.</summary>
internal static class RowLabels
{
    public static IReadOnlyList<string> Wordings(RowSchema row) => NearLabels.Wordings(row.MatchKeys, row.PrintedLabel);

    /// <summary>Every other row's wordings: a misprint as near to one of them is taken for neither.</summary>
    public static IReadOnlyList<string> Rivals(TableSchema schema, RowSchema row) =>
        schema.Rows.Where(r => r != row).SelectMany(r => r.MatchKeys.Concat(Wordings(r))).Distinct().ToList();

    public static Finding NearNote(TableKind table, RowSchema row, NearLabels.NearMatch near) =>
        FindingMessages.Make(Rules.NearLabel, Severity.Info, "R-7.row", [.. row.Fields.Select(f => new CellPath(table, row.Key, f.Key))],
            ("row", row.PrintedLabel), ("printed", near.Printed), ("wording", near.Key));
}
