using System.Data;
using System.Text.Json;
using Dapper;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Regions.Agencies;
using Nianbao.Regions.Divisions;
using Nianbao.Regions.Placement;

namespace Nianbao.Archive;

/// <summary>
/// Names (normalized) of agencies found placed or pinned during one import, with their agency: such a
/// name resolves to the same agency for the rest of the run, so it is looked up once, and a parse worker
/// need not place a report of that name at all. Read by the workers, written by the writer.
/// </summary>
internal sealed class SettledNames
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _ids = new(StringComparer.Ordinal);

    public string? Get(string normalizedName) => _ids.TryGetValue(normalizedName, out var id) ? id : null;

    public bool Contains(string normalizedName) => _ids.ContainsKey(normalizedName);

    public void Set(string normalizedName, string agencyId) => _ids[normalizedName] = agencyId;

    // Names of agencies not placed yet (and not pinned), with what this run last stored as their placement:
    // each report of such a name is placed again with its own text, and when that gives what is stored the
    // agency's row is not written again. Only the writer thread uses it.
    private readonly Dictionary<string, (string Id, AgencyRegistry.StoredPlacement Stored)> _unplaced = new(StringComparer.Ordinal);

    internal (string Id, AgencyRegistry.StoredPlacement Stored)? Unplaced(string normalizedName) =>
        _unplaced.TryGetValue(normalizedName, out var entry) ? entry : null;

    internal void SetUnplaced(string normalizedName, string agencyId, AgencyRegistry.StoredPlacement stored) => _unplaced[normalizedName] = (agencyId, stored);

    internal void RemoveUnplaced(string normalizedName) => _unplaced.Remove(normalizedName);

    /// <summary>A merge moved names to another agency: what was remembered of unplaced agencies may be stale.</summary>
    internal void ForgetUnplaced() => _unplaced.Clear();
}

/// <summary>
/// Agencies as the regions library sees them: placed on the division tree when a report arrives,
/// name variants placed alike (沭阳县政府 / 沭阳县人民政府) kept as one agency, and a user's
/// corrections pinned. Every write goes through the caller's transaction, so an import killed
/// mid-way leaves no half-placed agency.
/// </summary>
public sealed class AgencyRegistry(ArchiveStore store, AgencyPlacer? placer = null)
{
    private readonly AgencyPlacer _placer = placer ?? AgencyPlacer.Default;
    private readonly IDbConnection _db = store.Connection;

    public AgencyPlacer Placer => _placer;

    /// <summary>
    /// The agency of a report: a known name variant, else an agency placed at the same division with
    /// the same canonical organ, else a new agency. An agency not yet placed (and not pinned) is placed
    /// again with this report's text, which may name what the earlier ones did not.
    /// </summary>
    public string? Resolve(Report report, IDbTransaction tx) => Resolve(report, tx, null, null, null);

    /// <summary>
    /// <see cref="Resolve(Report, IDbTransaction)"/> for an import: <paramref name="placement"/> is the
    /// placement of the report's name and text computed beforehand (on a parse worker; null: computed
    /// here when needed), <paramref name="names"/> remembers for the run the names of agencies that are
    /// placed or pinned (they resolve to the same agency with no write until the run ends), and
    /// <paramref name="beforeMerge"/> is called before agencies are merged (the merge moves stored reports:
    /// the caller's pending rows must be written first).
    /// </summary>
    internal string? Resolve(Report report, IDbTransaction tx, AgencyPlacement? placement, SettledNames? names, Action? beforeMerge)
    {
        if (report.Agency is not { Length: > 0 } printed) return null;
        var normalized = AgencyNames.Normalize(printed);
        if (normalized.Length == 0) return null;
        if (names?.Get(normalized) is { } settled) return settled;
        // A name of an agency this run keeps unplaced: its id and stored placement are known without a lookup.
        var remembered = names?.Unplaced(normalized);
        // The usual case, a known name of a placed agency, costs two lookups: no text is scanned.
        if ((remembered?.Id ?? store.FindAgencyId(printed, tx)) is { } known)
        {
            var entry = remembered is not null ? null : Entry(known, tx);
            if (remembered is not null || (entry is { Pinned: false } && entry.PlacementStatus != PlacementStatuses.Placed))
            {
                var now = placement ?? _placer.Place(printed, ReportText(report));
                // Placed at last, it may be an agency already placed there under another name
                // (沭阳县政府 arriving unplaced, 沭阳县人民政府 placed): the two are joined into the earlier one.
                if (now.Status == PlacementStatus.Placed && FindByKey(now.CanonicalKey, tx) is { } namesake && namesake != known)
                {
                    beforeMerge?.Invoke();
                    store.MergeAgencies(known, namesake, tx);
                    names?.ForgetUnplaced();
                    return namesake;
                }
                var stored = StoredPlacement.Of(now);
                // The same placement as stored: writing the row again would change nothing.
                if (remembered?.Stored != stored) Store(known, now, pinned: false, tx);
                if (names is not null)
                {
                    if (now.Status == PlacementStatus.Placed) { names.RemoveUnplaced(normalized); names.Set(normalized, known); }
                    else names.SetUnplaced(normalized, known, stored);
                }
                return known;
            }
            // Placed or pinned, an agency stays so during an import (only an unplaced one is merged away).
            else if (entry is not null) names?.Set(normalized, known);
            return known;
        }
        placement ??= _placer.Place(printed, ReportText(report));
        if (placement.Status == PlacementStatus.Placed && FindByKey(placement.CanonicalKey, tx) is { } same)
        {
            store.AddNameVariant(same, printed, tx);
            return same;
        }
        var id = store.EnsureAgency(printed, tx);
        Store(id, placement, pinned: false, tx);
        // EnsureAgency may have found the name after all (normalized alike): only a new, unplaced row is remembered.
        if (names is not null && placement.Status != PlacementStatus.Placed && id == AgencyNames.IdFor(normalized) && Entry(id, tx) is { Pinned: false } fresh
            && fresh.PlacementStatus != PlacementStatuses.Placed)
            names.SetUnplaced(normalized, id, StoredPlacement.Of(placement));
        return id;
    }

    /// <summary>
    /// Where <see cref="Resolve"/> would put a report, without storing anything: the agency id it would
    /// get and the region code that agency is (or would be) placed in. For deciding whether an account
    /// may store the report before it is stored.
    /// </summary>
    public (string? AgencyId, string? RegionCode) Foresee(Report report, IDbTransaction? tx = null)
    {
        if (report.Agency is not { Length: > 0 } printed || AgencyNames.Normalize(printed).Length == 0) return (null, null);
        if (store.FindAgencyId(printed, tx) is { } known)
        {
            var entry = _db.QuerySingleOrDefault<(string? Region, string? Status, bool Pinned)>(
                "SELECT region_code, placement_status, pinned FROM agencies WHERE id = @known", new { known }, tx);
            if (entry.Pinned || entry.Status == PlacementStatuses.Placed) return (known, entry.Region);
            return (known, _placer.Place(printed, ReportText(report)).Region is { } r ? StoredCode(r) : entry.Region);
        }
        var placement = _placer.Place(printed, ReportText(report));
        var code = placement.Region is { } region ? StoredCode(region) : null;
        if (placement.Status == PlacementStatus.Placed && FindByKey(placement.CanonicalKey, tx) is { } same)
            return (same, _db.ExecuteScalar<string?>("SELECT region_code FROM agencies WHERE id = @same", new { same }, tx) ?? code);
        return (AgencyNames.IdFor(AgencyNames.Normalize(printed)), code);
    }

    /// <summary>
    /// The archive's agency an expected agency stands for: one of its names, else an agency placed at
    /// the expected division (or where the name alone places it) with the same canonical organ.
    /// </summary>
    public string? MatchExpected(ExpectedAgency expected, IDbTransaction? tx = null)
    {
        if (store.FindAgencyId(expected.Name, tx) is { } id) return id;
        var name = AgencyName.Parse(expected.Name, _placer.Tree);
        var region = expected.RegionCode is { } code ? _placer.Tree.Find(code) : _placer.Place(expected.Name) is { Status: PlacementStatus.Placed } p ? p.Region : null;
        return region is null ? null : FindByKey(AgencyKeys.Key(region, name), tx);
    }

    /// <summary>The text a placement reads: section titles and texts as the report holds them.</summary>
    public static string ReportText(Report report) =>
        string.Join("\n", report.Sections.Select(s => s.Title + "\n" + s.Text));

    /// <summary>
    /// Places (or corrects) an agency at a division chosen by a user and pins it: automatic placement
    /// never changes it again until it is unpinned. Returns the placement stored.
    /// </summary>
    public AgencyPlacement Pin(string agencyId, Division region, IDbTransaction? tx = null)
    {
        var entry = Entry(agencyId, tx) ?? throw new ArchiveException($"没有此机关 No agency {agencyId}.");
        var placement = _placer.Pinned(entry.Name, region);
        Store(agencyId, placement, pinned: true, tx);
        return placement;
    }

    /// <summary>Unpins an agency and places it again from its name and the text of its current reports.</summary>
    public AgencyPlacement Replace(string agencyId, IDbTransaction? tx = null)
    {
        var entry = Entry(agencyId, tx) ?? throw new ArchiveException($"没有此机关 No agency {agencyId}.");
        _db.Execute("UPDATE agencies SET pinned = 0 WHERE id = @agencyId", new { agencyId }, tx);
        var records = _db.Query("SELECT rr.record FROM reports r JOIN report_records rr ON rr.arrival = r.arrival WHERE r.agency_id = @agencyId AND r.is_current = 1 ORDER BY r.arrival", new { agencyId }, tx);
        var text = string.Join("\n", records.Select(r => ReportJson.Deserialize(StoredRecord.Text(((IDictionary<string, object?>)r)["record"]))).Select(ReportText));
        var placement = _placer.Place(entry.Name, text);
        Store(agencyId, placement, pinned: false, tx);
        return placement;
    }

    /// <summary>The division a user means by a code (short or 12-digit) or a name (full path or a unique name).</summary>
    public Division? FindRegion(string codeOrName, out IReadOnlyList<Division> alternatives)
    {
        alternatives = [];
        var tree = _placer.Tree;
        if (codeOrName.All(char.IsAsciiDigit)) return tree.Find(codeOrName);
        var named = tree.WithName(codeOrName);
        if (named.Count == 1) return named[0];
        if (named.Count > 1) { alternatives = named; return null; }
        var p = _placer.Place(codeOrName);
        if (p.Status == PlacementStatus.Placed) return p.Region;
        alternatives = p.Candidates;
        return null;
    }

    /// <summary>The 12-digit code the archive stores for a division.</summary>
    public static string StoredCode(Division d) => d.StatisticalCode;

    private string? FindByKey(string key, IDbTransaction? tx) =>
        _db.ExecuteScalar<string?>("SELECT id FROM agencies WHERE canonical_key = @key AND merged_into IS NULL ORDER BY id LIMIT 1", new { key }, tx);

    private AgencyEntry? Entry(string id, IDbTransaction? tx) =>
        _db.QuerySingleOrDefault<AgencyEntry>(
            "SELECT id AS Id, name AS Name, placement_status AS PlacementStatus, pinned AS Pinned FROM agencies WHERE id = @id", new { id }, tx);

    /// <summary>A placement as the <c>agencies</c> row holds it.</summary>
    internal sealed record StoredPlacement(string Status, string? Code, string? Level, string Kind, string? Candidates, string? Note, string Key)
    {
        public static StoredPlacement Of(AgencyPlacement p) => new(
            p.Status switch
            {
                PlacementStatus.Placed => PlacementStatuses.Placed,
                PlacementStatus.Ambiguous => PlacementStatuses.Ambiguous,
                _ => PlacementStatuses.Unplaced,
            },
            p.Region is { } r ? StoredCode(r) : null,
            p.Level?.ToContractName(),
            p.Kind.ToContractName(),
            p.Candidates.Count > 0 ? JsonSerializer.Serialize(p.Candidates.Select(StoredCode).ToArray()) : null,
            p.Evidence.Count > 0 ? string.Join("；", p.Evidence.Select(e => e.ToString())) : null,
            p.CanonicalKey);
    }

    private void Store(string agencyId, AgencyPlacement p, bool pinned, IDbTransaction? tx)
    {
        if (p.Region is { } region) UpsertPath(region, tx);
        var s = StoredPlacement.Of(p);
        _db.Execute("""
            UPDATE agencies SET placement_status = @Status, region_code = @Code, level = @Level, kind = @Kind,
                placement_candidates = @Candidates, placement_note = @Note, pinned = @pin, canonical_key = @Key
            WHERE id = @agencyId AND (@pin = 1 OR pinned = 0)
            """,
            new { s.Status, s.Code, s.Level, s.Kind, s.Candidates, s.Note, pin = pinned ? 1 : 0, s.Key, agencyId }, tx);
    }

    // The regions table holds the divisions the archive refers to, each with its ancestors, so that
    // --region filters and summaries can name them; the whole tree stays in the regions library.
    // Rows already there as they should be are not written again: every write to regions (even an upsert
    // that changes nothing — SQLite fires its UPDATE trigger, PostgreSQL its statement triggers) tells
    // the servers that region names changed, and they drop every summary contribution they keep.
    private void UpsertPath(Division region, IDbTransaction? tx)
    {
        var path = region.Path.Select(d => (code: StoredCode(d), name: d.Name, level: d.Level.ToContractName(), parent: d.Parent is { } p ? StoredCode(p) : null)).ToList();
        // Named parameters, one a code (Dapper hands a list to Npgsql as an array, which `IN` does not take).
        var codes = new DynamicParameters();
        for (var i = 0; i < path.Count; i++) codes.Add($"c{i}", path[i].code);
        var stored = _db.Query<(string Code, string Name, string? Level, string? Parent)>(
                $"SELECT code, name, level, parent_code FROM regions WHERE code IN ({string.Join(", ", path.Select((_, i) => $"@c{i}"))})", codes, tx)
            .ToDictionary(r => r.Code, StringComparer.Ordinal);
        foreach (var d in path)
        {
            if (stored.TryGetValue(d.code, out var r) && r.Name == d.name && r.Level == d.level && r.Parent == d.parent) continue;
            _db.Execute("""
                INSERT INTO regions (code, name, level, parent_code) VALUES (@code, @name, @level, @parent)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent_code = excluded.parent_code
                """, new { d.code, d.name, d.level, d.parent }, tx);
        }
    }
}
