using System.Data;
using Dapper;

namespace Nianbao.Archive;

public sealed partial class ArchiveStore
{
    /// <summary>
    /// The reports of <paramref name="filter"/> (in no particular order) each with its <see cref="CellVector"/>
    /// (null for a report stored before vectors existed): what a summary reads, in one query. Read column by
    /// column rather than mapped: a province's summary reads ten thousand rows, and the mapping cost more than the query.
    /// </summary>
    public IReadOnlyList<(ReportEntry Entry, string? Vector)> ReportsWithVectors(ReportFilter filter)
    {
        var (where, args) = Where(filter);
        var result = new List<(ReportEntry, string?)>();
        using var reader = _connection.ExecuteReader($"SELECT {ReportColumns}, r.cell_vector AS Vector{ReportFrom}{where}", args);
        while (reader.Read())
        {
            var entry = ReadEntry(reader);
            result.Add((entry, reader.IsDBNull(19) ? null : reader.GetString(19)));
        }
        return result;
    }

    /// <summary>The <see cref="ReportColumns"/> of the reader's current row, column by column.</summary>
    private static ReportEntry ReadEntry(IDataReader reader)
    {
        return new ReportEntry
        {
            Id = reader.GetString(0),
            Arrival = reader.GetInt64(1),
            AgencyId = Text(reader, 2),
            Agency = Text(reader, 3),
            AgencyPrinted = Text(reader, 4),
            Year = reader.IsDBNull(5) ? null : reader.GetInt32(5),
            Template = reader.GetString(6),
            PublishedOn = Text(reader, 7),
            FileName = reader.GetString(8),
            Format = reader.GetString(9),
            IsCurrent = reader.GetInt32(10) != 0,
            SupersededBy = Text(reader, 11),
            Errors = reader.GetInt32(12),
            Warnings = reader.GetInt32(13),
            Reader = reader.GetString(14),
            ImportedAt = reader.GetString(15),
            RegionCode = Text(reader, 16),
            Level = Text(reader, 17),
            Kind = Text(reader, 18),
        };
    }

    private static string? Text(IDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
