using System.Data;
using System.Text;
using Dapper;
using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Archive;

/// <summary>The state of a cell as a summary counts it.</summary>
public enum VectorState : byte
{
    /// <summary>A number: as read, or settled by a neighbouring year.</summary>
    Value,
    Blank,
    Ambiguous,
    Unread,
}

/// <summary>
/// Every cell of a report in one short string (<c>reports.cell_vector</c>), kept equal to its rows in
/// <c>cells</c>: a summary reads one string per report instead of two hundred rows (docs/performance.md).
/// Tables are separated by <c>|</c>; each starts with its layout (<c>2021.applications:</c> — the
/// template whose table schema it is) and lists its cells in schema order, separated by <c>,</c>: the
/// exact number (settled ones too), nothing for a blank, <c>?</c> ambiguous, <c>!</c> unread; a unit
/// printed with a number follows it as <c>~</c> + the unit, URI-escaped.
/// </summary>
public static class CellVector
{
    /// <summary>Called for each cell: its table's schema, its slot there, its state, its number's text and its unit.</summary>
    public delegate void Visitor(TableSchema schema, int slot, VectorState state, ReadOnlySpan<char> value, string? unit);

    /// <summary>The schema's name in a vector (<c>2019.applications</c>); null for a schema of no national template.</summary>
    public static string? SchemaName(TableSchema schema)
    {
        foreach (var template in TemplateSchema.All)
            if (ReferenceEquals(template.Table(schema.Kind), schema)) return template.Template.ToContractName() + "." + schema.Kind.ToContractName();
        return null;
    }

    private static TableSchema? Schema(ReadOnlySpan<char> name)
    {
        var dot = name.IndexOf('.');
        if (dot < 0) return null;
        var template = ReportTemplateNames.FromContractName(name[..dot].ToString());
        return TemplateSchema.For(template) is { } t && TableKindNames.TryParse(name[(dot + 1)..].ToString(), out var kind) ? t.Table(kind) : null;
    }

    /// <summary>The state a stored cell counts as: a number when it has one (settled included), ambiguous, unread, else blank.</summary>
    public static VectorState StateOf(string status, string? valueText) => status switch
    {
        CellStatus.Value or CellStatus.Settled when valueText is not null => VectorState.Value,
        CellStatus.Ambiguous => VectorState.Ambiguous,
        CellStatus.Unread => VectorState.Unread,
        _ => VectorState.Blank,
    };

    /// <summary>
    /// The vector of a report's cells given table by table (schema, then its cells in slot order with
    /// status, exact number and unit). Null when a table's schema is of no national template.
    /// </summary>
    public static string? Encode(IEnumerable<(TableSchema Schema, IReadOnlyList<(string Status, string? ValueText, string? Unit)> Cells)> tables)
    {
        var sb = new StringBuilder();
        foreach (var (schema, cells) in tables)
        {
            if (SchemaName(schema) is not { } name || cells.Count != schema.CellCount) return null;
            if (sb.Length > 0) sb.Append('|');
            sb.Append(name).Append(':');
            for (var i = 0; i < cells.Count; i++)
            {
                if (i > 0) sb.Append(',');
                var (status, text, unit) = cells[i];
                switch (StateOf(status, text))
                {
                    case VectorState.Value: sb.Append(text); break;
                    case VectorState.Ambiguous: sb.Append('?'); break;
                    case VectorState.Unread: sb.Append('!'); break;
                }
                if (unit is not null) sb.Append('~').Append(Uri.EscapeDataString(unit));
            }
        }
        return sb.ToString();
    }

    /// <summary>Visits every cell of a vector; false (having visited nothing) when it is not one.</summary>
    public static bool Read(string vector, Visitor visit)
    {
        if (!IsWellFormed(vector)) return false;
        // A report with no statutory table (a legacy report) has an empty vector: no cells, not one empty table.
        if (vector.Length == 0) return true;
        foreach (var range in vector.AsSpan().Split('|'))
        {
            var part = vector.AsSpan()[range];
            var colon = part.IndexOf(':');
            var schema = Schema(part[..colon])!;
            var slot = 0;
            foreach (var cellRange in part[(colon + 1)..].Split(','))
            {
                var cell = part[(colon + 1)..][cellRange];
                string? unit = null;
                var tilde = cell.IndexOf('~');
                if (tilde >= 0)
                {
                    unit = Uri.UnescapeDataString(cell[(tilde + 1)..].ToString());
                    cell = cell[..tilde];
                }
                var state = cell switch
                {
                    "" => VectorState.Blank,
                    "?" => VectorState.Ambiguous,
                    "!" => VectorState.Unread,
                    _ => VectorState.Value,
                };
                visit(schema, slot++, state, state == VectorState.Value ? cell : default, unit);
            }
        }
        return true;
    }

    private static bool IsWellFormed(string vector)
    {
        if (vector.Length == 0) return true;
        foreach (var range in vector.AsSpan().Split('|'))
        {
            var part = vector.AsSpan()[range];
            var colon = part.IndexOf(':');
            if (colon < 0 || Schema(part[..colon]) is not { } schema) return false;
            if (part[(colon + 1)..].Count(',') + 1 != schema.CellCount) return false;
        }
        return true;
    }

    /// <summary>
    /// Writes a report's vector again from its rows in <c>cells</c> (after cells were settled or put back
    /// to ambiguous), keeping its tables' layouts; a report without a vector keeps none.
    /// </summary>
    internal static void Refresh(IDbConnection db, IDbTransaction tx, string reportId)
    {
        var old = db.ExecuteScalar<string?>("SELECT cell_vector FROM reports WHERE id = @reportId", new { reportId }, tx);
        if (old is null) return;
        var schemas = old.Length == 0 ? [] : old.Split('|').Select(p => Schema(p.AsSpan()[..Math.Max(0, p.IndexOf(':'))])).ToList();
        // The cells as stored (settlements overlaid), in seq order: the statutory tables' (the fee table's come after).
        var rows = CellRows.ReadWithSeq(db, tx, reportId).Where(r => r.Seq < ReportWriter.FeeCollectionSeq).ToList();
        var tables = rows.GroupBy(r => r.Seq / ReportWriter.SeqPerTable).ToList();
        string? vector = null;
        if (tables.Count == schemas.Count && schemas.All(s => s is not null))
            vector = Encode(tables.Select((t, i) => (schemas[i]!, (IReadOnlyList<(string, string?, string?)>)t.Select(r => (r.Cell.Status, r.ValueText, r.Cell.Unit)).ToList())));
        db.Execute("UPDATE reports SET cell_vector = @vector WHERE id = @reportId", new { vector, reportId }, tx);
    }
}
