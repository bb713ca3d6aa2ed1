using Dapper;

namespace Nianbao.Archive;

public sealed partial class ArchiveStore
{
    /// <summary>
    /// The reports of <paramref name="filter"/> (in no particular order) each with its <see cref="CellVector"/>
    /// (null for a report stored before vectors existed): what a summary reads, in one query.
    /// </summary>
    public IReadOnlyList<(ReportEntry Entry, string? Vector)> ReportsWithVectors(ReportFilter filter)
    {
        var (where, args) = Where(filter);
        return _connection.Query<ReportEntry, VectorColumn, (ReportEntry, string?)>(
            $"SELECT {ReportColumns}, r.cell_vector AS Vector{ReportFrom}{where}", (e, v) => (e, v?.Vector), args, splitOn: "Vector").ToList();
    }

    private sealed class VectorColumn
    {
        public string? Vector { get; set; }
    }
}
