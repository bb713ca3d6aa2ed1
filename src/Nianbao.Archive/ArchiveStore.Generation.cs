using Dapper;

namespace Nianbao.Archive;

public sealed partial class ArchiveStore
{
    /// <summary>
    /// The archive's write generation (migration 0085): a number the database bumps in the same
    /// transaction as every write to reports, cells, findings, agencies, names, expected agencies,
    /// regions or decisions. Whatever was computed from the archive when it read N is still true while it
    /// reads N; one indexed row, so checking it costs less than any query it saves.
    /// </summary>
    public long Generation() =>
        _connection.ExecuteScalar<long>("SELECT generation FROM archive_generation WHERE id = 1");
}
