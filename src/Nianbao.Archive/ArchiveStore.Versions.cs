using System.Data;
using Dapper;

namespace Nianbao.Archive;

/// <summary>A report's row version and its agency's (migration 0086): equal versions, equal row contents.</summary>
public readonly record struct ReportVersion(string Id, long? Report, long? Agency);

public sealed partial class ArchiveStore
{
    private const string VersionsFrom = " LEFT JOIN report_versions rv ON rv.report_id = r.id LEFT JOIN agency_versions av ON av.agency_id = r.agency_id ";

    /// <summary>
    /// Which archive this is (a token made when its schema was created) and the generation of its region
    /// names (bumped by every write to <c>regions</c>): what a process compares before reusing what it kept
    /// of this archive. One query.
    /// </summary>
    public (string Instance, long RegionNames) Identity() =>
        _connection.QuerySingle<(string, long)>(
            "SELECT (SELECT token FROM archive_instance WHERE id = 1), (SELECT generation FROM archive_generation WHERE id = 2)");

    /// <summary>
    /// The reports of <paramref name="filter"/> with their row versions and their agencies' (in no
    /// particular order): a few numbers per report, so a caller that kept what it read before can tell
    /// which reports are new or changed without reading their rows again.
    /// </summary>
    public IReadOnlyList<ReportVersion> ReportVersions(ReportFilter filter)
    {
        var (where, args) = Where(filter);
        var result = new List<ReportVersion>();
        using var reader = _connection.ExecuteReader($"SELECT r.id, rv.version, av.version{ReportFrom}{VersionsFrom}{where}", args);
        while (reader.Read())
            result.Add(new ReportVersion(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2)));
        return result;
    }

    /// <summary>
    /// <see cref="ReportsWithVectors"/> with each report's versions as read in the same row, for the reports of
    /// <paramref name="filter"/>, or only those of <paramref name="ids"/> when given.
    /// </summary>
    public IReadOnlyList<(ReportEntry Entry, string? Vector, ReportVersion Version)> ReportsWithVectorsAndVersions(ReportFilter filter, IReadOnlyCollection<string>? ids = null)
    {
        var result = new List<(ReportEntry, string?, ReportVersion)>();
        if (ids is { Count: 0 }) return result;
        string where;
        DynamicParameters args;
        if (ids is null) (where, args) = Where(filter);
        else
        {
            args = new DynamicParameters();
            // Report ids are hexadecimal SHA-256: written as literals when they are (SQLite binds many named
            // parameters by a linear search each), bound otherwise.
            var literal = ids.All(id => id.All(char.IsAsciiHexDigit));
            if (literal) where = $" WHERE r.id IN ({string.Join(", ", ids.Select(id => $"'{id}'"))})";
            else
            {
                where = " WHERE r.id IN @ids";
                args.Add("ids", ids);
            }
        }
        using var reader = _connection.ExecuteReader($"SELECT {ReportColumns}, r.cell_vector AS Vector, rv.version, av.version{ReportFrom}{VersionsFrom}{where}", args);
        while (reader.Read())
        {
            var entry = ReadEntry(reader);
            var version = new ReportVersion(entry.Id, reader.IsDBNull(20) ? null : reader.GetInt64(20), reader.IsDBNull(21) ? null : reader.GetInt64(21));
            result.Add((entry, reader.IsDBNull(19) ? null : reader.GetString(19), version));
        }
        return result;
    }
}
