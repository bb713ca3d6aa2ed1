using System.Data;
using System.Text.Json;
using Dapper;

namespace Nianbao.Archive;

/// <summary>Agencies, their names and placements, regions and the expected list.</summary>
public sealed partial class ArchiveStore
{
    private const string AgencyColumns = """
        id AS Id, name AS Name, region_code AS RegionCode, level AS Level, kind AS Kind, placement_status AS PlacementStatus,
        placement_candidates AS PlacementCandidates, placement_note AS PlacementNote, pinned AS Pinned, merged_into AS MergedInto
        """;

    /// <summary>Every agency not merged into another (or all with <paramref name="includeMerged"/>), by name.</summary>
    public IReadOnlyList<AgencyEntry> Agencies(bool includeMerged = false) =>
        _connection.Query<AgencyEntry>($"SELECT {AgencyColumns} FROM agencies{(includeMerged ? "" : " WHERE merged_into IS NULL")} ORDER BY name").ToList();

    public AgencyEntry? Agency(string id) =>
        _connection.QuerySingleOrDefault<AgencyEntry>($"SELECT {AgencyColumns} FROM agencies WHERE id = @id", new { id });

    /// <summary>The agency id for an id or any name variant (normalized), following merges; null when unknown.</summary>
    public string? FindAgencyId(string idOrName, IDbTransaction? transaction = null)
    {
        var id = _connection.ExecuteScalar<string?>(
            "SELECT id FROM agencies WHERE id = @idOrName UNION SELECT agency_id FROM agency_names WHERE name = @name",
            new { idOrName, name = AgencyNames.Normalize(idOrName) }, transaction);
        return id is null ? null : Followed(id, transaction);
    }

    private string Followed(string id, IDbTransaction? transaction)
    {
        for (var hops = 0; hops < 32; hops++)
        {
            var next = _connection.ExecuteScalar<string?>("SELECT merged_into FROM agencies WHERE id = @id", new { id }, transaction);
            if (next is null) return id;
            id = next;
        }
        return id;
    }

    /// <summary>The agency for a printed name, created (unplaced) when no variant of it is known yet.</summary>
    public string EnsureAgency(string printedName, IDbTransaction? transaction = null)
    {
        var name = AgencyNames.Normalize(printedName);
        if (FindAgencyId(name, transaction) is { } known) return known;
        var id = AgencyNames.IdFor(name);
        _connection.Execute("INSERT INTO agencies (id, name) VALUES (@id, @name) ON CONFLICT (id) DO NOTHING", new { id, name }, transaction);
        _connection.Execute("INSERT INTO agency_names (name, agency_id) VALUES (@name, @id) ON CONFLICT (name) DO NOTHING", new { id, name }, transaction);
        return Followed(id, transaction);
    }

    /// <summary>Records another printed name of an agency (沭阳县政府 for 沭阳县人民政府).</summary>
    public void AddNameVariant(string agencyId, string printedName, IDbTransaction? transaction = null) =>
        _connection.Execute("INSERT INTO agency_names (name, agency_id) VALUES (@name, @agencyId) ON CONFLICT (name) DO UPDATE SET agency_id = excluded.agency_id",
            new { name = AgencyNames.Normalize(printedName), agencyId }, transaction);

    public IReadOnlyList<string> NameVariants(string agencyId) =>
        _connection.Query<string>("SELECT name FROM agency_names WHERE agency_id = @agencyId ORDER BY name", new { agencyId }).ToList();

    /// <summary>Renames an agency (its canonical name); the old name stays a variant.</summary>
    public void Rename(string agencyId, string canonicalName)
    {
        var name = AgencyNames.Normalize(canonicalName);
        _connection.Execute("UPDATE agencies SET name = @name WHERE id = @agencyId", new { name, agencyId });
        AddNameVariant(agencyId, name);
    }

    /// <summary>
    /// Sets an agency's placement. An automatic placement (<paramref name="pinned"/> false) never
    /// overwrites one a user pinned; returns false when it did not apply for that reason.
    /// </summary>
    public bool SetPlacement(string agencyId, Placement placement, bool pinned = false)
    {
        var candidates = placement.Candidates is { Count: > 0 } c ? JsonSerializer.Serialize(c) : null;
        var changed = _connection.Execute("""
            UPDATE agencies SET placement_status = @Status, region_code = @RegionCode, level = @Level, kind = @Kind,
                placement_candidates = @candidates, placement_note = @Note, pinned = @pin
            WHERE id = @agencyId AND (@pin = 1 OR pinned = 0)
            """,
            new { placement.Status, placement.RegionCode, placement.Level, placement.Kind, candidates, placement.Note, pin = pinned ? 1 : 0, agencyId });
        if (changed > 0) RefreshRegionChecks(agencyId);
        return changed > 0;
    }

    /// <summary>Lets automatic placement change an agency again.</summary>
    public void Unpin(string agencyId) => _connection.Execute("UPDATE agencies SET pinned = 0 WHERE id = @agencyId", new { agencyId });

    /// <summary>
    /// Merges <paramref name="fromId"/> into <paramref name="intoId"/>: its names and reports become the
    /// other's; versions of the same year are ordered by arrival again and the checks across reports
    /// re-run for the years touched. The merged agency stays, pointing at the other.
    /// </summary>
    public void MergeAgencies(string fromId, string intoId)
    {
        if (fromId == intoId) return;
        if (Agency(fromId) is null) throw new ArchiveException($"No agency {fromId}.");
        if (Agency(intoId) is null) throw new ArchiveException($"No agency {intoId}.");
        using var tx = _connection.BeginTransaction();
        MergeAgencies(fromId, intoId, tx);
        tx.Commit();
        RefreshRegionChecks(intoId);
    }

    /// <summary>Merges inside the caller's transaction (an import joining an agency placed at last to its namesake).</summary>
    internal void MergeAgencies(string fromId, string intoId, IDbTransaction tx)
    {
        _connection.Execute("UPDATE agencies SET merged_into = @intoId WHERE id = @fromId", new { fromId, intoId }, tx);
        _connection.Execute("UPDATE agencies SET merged_into = @intoId WHERE merged_into = @fromId", new { fromId, intoId }, tx);
        _connection.Execute("UPDATE agency_names SET agency_id = @intoId WHERE agency_id = @fromId", new { fromId, intoId }, tx);
        _connection.Execute("UPDATE reports SET agency_id = @intoId WHERE agency_id = @fromId", new { fromId, intoId }, tx);
        _connection.Execute("UPDATE expected_agencies SET agency_id = @intoId WHERE agency_id = @fromId", new { fromId, intoId }, tx);
        var years = _connection.Query<int>("SELECT DISTINCT year FROM reports WHERE agency_id = @intoId AND year IS NOT NULL", new { intoId }, tx).ToList();
        foreach (var year in years) new ReportWriter(this, tx).RecomputeCurrent(intoId, year);
    }

    /// <summary>An agency moved or merged: its years' region summaries are compared again (rule A-2).</summary>
    private void RefreshRegionChecks(string agencyId)
    {
        var years = _connection.Query<int>("SELECT DISTINCT year FROM reports WHERE agency_id = @agencyId AND year IS NOT NULL", new { agencyId }).ToList();
        if (years.Count > 0) new RegionChecks(this).Refresh(years);
    }

    // ───────────────────────── regions ─────────────────────────

    /// <summary>Adds or updates administrative divisions (the regions library loads the national tree).</summary>
    public int UpsertRegions(IEnumerable<RegionEntry> regions)
    {
        using var tx = _connection.BeginTransaction();
        var n = _connection.Execute("""
            INSERT INTO regions (code, name, level, parent_code) VALUES (@Code, @Name, @Level, @ParentCode)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent_code = excluded.parent_code
            """, regions, tx);
        tx.Commit();
        return n;
    }

    public RegionEntry? Region(string code) =>
        _connection.QuerySingleOrDefault<RegionEntry>("SELECT code AS Code, name AS Name, level AS Level, parent_code AS ParentCode FROM regions WHERE code = @code", new { code });

    public IReadOnlyList<RegionEntry> RegionsNamed(string name) =>
        _connection.Query<RegionEntry>("SELECT code AS Code, name AS Name, level AS Level, parent_code AS ParentCode FROM regions WHERE name = @name ORDER BY code", new { name }).ToList();

    public IReadOnlyList<RegionEntry> ChildRegions(string? parentCode) =>
        _connection.Query<RegionEntry>(
            parentCode is null
                ? "SELECT code AS Code, name AS Name, level AS Level, parent_code AS ParentCode FROM regions WHERE parent_code IS NULL ORDER BY code"
                : "SELECT code AS Code, name AS Name, level AS Level, parent_code AS ParentCode FROM regions WHERE parent_code = @parentCode ORDER BY code",
            new { parentCode }).ToList();

    public int RegionCount() => _connection.ExecuteScalar<int>("SELECT COUNT(*) FROM regions");

    // ───────────────────────── expected agencies ─────────────────────────

    /// <summary>Adds or updates the agencies a user expects reports from; matched to known agencies by name.</summary>
    public int UpsertExpected(IEnumerable<ExpectedAgency> expected)
    {
        using var tx = _connection.BeginTransaction();
        var n = 0;
        foreach (var e in expected)
        {
            var agencyId = e.AgencyId ?? FindAgencyId(e.Name, tx);
            n += _connection.Execute("""
                INSERT INTO expected_agencies (id, name, region_code, level, kind, agency_id, source) VALUES (@id, @Name, @RegionCode, @Level, @Kind, @agencyId, @Source)
                ON CONFLICT (id) DO UPDATE SET level = excluded.level, kind = excluded.kind, agency_id = excluded.agency_id, source = excluded.source
                """, new { id = e.Id, e.Name, e.RegionCode, e.Level, e.Kind, agencyId, e.Source }, tx);
        }
        tx.Commit();
        return n;
    }

    /// <summary>The expected agencies, all or those in a region (and below it).</summary>
    public IReadOnlyList<ExpectedAgency> Expected(string? region = null)
    {
        const string columns = "name AS Name, region_code AS RegionCode, level AS Level, kind AS Kind, agency_id AS AgencyId, source AS Source";
        return region is null
            ? _connection.Query<ExpectedAgency>($"SELECT {columns} FROM expected_agencies ORDER BY region_code, name").ToList()
            : _connection.Query<ExpectedAgency>($"SELECT {columns} FROM expected_agencies WHERE region_code LIKE @prefix ORDER BY region_code, name",
                new { prefix = RegionPrefix(ResolveRegionCode(region)) + "%" }).ToList();
    }
}
