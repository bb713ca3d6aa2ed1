using Dapper;

namespace Nianbao.Archive;

public sealed partial class ArchiveStore
{
    /// <summary>
    /// The <see cref="CellVector"/> of every report of <paramref name="filter"/> by id: one short string
    /// a report instead of its two hundred cell rows. Null for a report stored before vectors existed.
    /// </summary>
    public Dictionary<string, string?> CellVectors(ReportFilter filter)
    {
        var (where, args) = Where(filter);
        return _connection.Query<(string Id, string? Vector)>($"SELECT r.id, r.cell_vector{ReportFrom}{where}", args)
            .ToDictionary(r => r.Id, r => r.Vector, StringComparer.Ordinal);
    }
}
