namespace Nianbao.Domain;

/// <summary>
/// Names one number of a report, e.g. <c>applications.granted.naturalPerson</c>. Findings and
/// provenance refer to cells by path, so the path is the contract's stable name of a cell.
/// </summary>
public readonly record struct CellPath(TableKind Table, string Row, string Field)
{
    public override string ToString() => $"{Table.ToContractName()}.{Row}.{Field}";

    public static CellPath Parse(string text) =>
        TryParse(text, out var path) ? path : throw new FormatException($"'{text}' is not a cell path (table.row.field).");

    public static bool TryParse(string text, out CellPath path)
    {
        path = default;
        var parts = text.Split('.');
        if (parts.Length != 3 || !TableKindNames.TryParse(parts[0], out var table)) return false;
        if (parts[1].Length == 0 || parts[2].Length == 0) return false;
        path = new CellPath(table, parts[1], parts[2]);
        return true;
    }
}
