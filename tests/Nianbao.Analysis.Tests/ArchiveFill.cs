using Nianbao.Analysis.Agencies;
using Nianbao.Archive;
using Nianbao.Archive.Import;
using Nianbao.Domain;
using Nianbao.Pipeline;
using Nianbao.Synthetic;

namespace Nianbao.Analysis.Tests;

/// <summary>What the archive fixtures of these tests do alike: known reports written, imported and placed.</summary>
internal static class ArchiveFill
{
    /// <summary>
    /// A generated report (its numbers are the truth) re-titled as <paramref name="agency"/>'s report of
    /// <paramref name="year"/>; with <paramref name="blanks"/> some zero cells are blank instead (printed
    /// with a mark, never as nothing): blank is not 0.
    /// </summary>
    public static GeneratedReport Report(AgencyRef agency, int year, int seed, ReportTemplate template, NumberScale scale, bool blanks, Action<ReportDraft>? edit = null)
    {
        var g = ReportGenerator.Generate(new GenerationSpec(seed, template, scale, Inconsistent: false, Blanks: blanks));
        var generatedYear = g.Truth.Year!.Value;
        g = ReportGenerator.Rebuild(g, r =>
        {
            r.Agency = agency.Name;
            r.Year = year;
            var sections = r.Sections.Select(s => s with { Text = s.Text.Replace($"{generatedYear}年", $"{year}年", StringComparison.Ordinal) }).ToList();
            r.Sections.Clear();
            r.Sections.AddRange(sections);
            edit?.Invoke(r);
        }, keepAlterations: false);
        if (!blanks) return g;
        // Rebuild balances the totals from the parts: blank cells again, after it.
        var draft = g.Truth.ToDraft();
        var random = new Random(seed);
        foreach (var table in draft.Tables)
        foreach (var (path, value) in table.Cells().ToList())
            if (value == 0m && random.Next(3) == 0) table[path] = null;
        return g with { Truth = draft.Publish() };
    }

    /// <summary>Imports every file in <paramref name="folder"/> with the archive's importer; any not read fails the fixture.</summary>
    public static void Import(ArchiveStore store, string folder)
    {
        var import = new ArchiveImporter(store, ReportPipeline.Default).Run([folder]);
        if (import.Results.Any(r => r.Outcome is InputOutcome.Failed or InputOutcome.NotAReport))
            throw new InvalidOperationException("import failed: " + string.Join("; ", import.Results.Select(r => $"{r.Input} {r.Outcome} {r.Reason}")));
    }

    /// <summary>The regions, each reporting agency pinned where it belongs, and the agencies expected to report.</summary>
    public static void Place(ArchiveStore store, IEnumerable<RegionEntry> regions, IEnumerable<AgencyRef> reporting, IEnumerable<AgencyRef> expected)
    {
        store.UpsertRegions(regions);
        foreach (var agency in reporting.Where(a => a.Placement is not null))
        {
            var id = store.FindAgencyId(agency.Name) ?? throw new InvalidOperationException($"{agency.Name} not in the archive");
            var p = agency.Placement!;
            store.SetPlacement(id, new Placement(PlacementStatuses.Placed, p.RegionCode, p.Level, p.Kind, null, null), pinned: true);
        }
        store.UpsertExpected(expected.Where(a => a.Placement is not null)
            .Select(a => new ExpectedAgency(a.Name, a.Placement!.RegionCode, a.Placement.Level, a.Placement.Kind)));
    }
}

/// <summary>
/// A class fixture holding one archive per provider, made on first use: the tests of a class only read it,
/// so it is filled once, and a provider never asked for (a filtered run) costs nothing.
/// </summary>
public abstract class ArchivesByProvider<T>(Func<string, T> create) : IDisposable where T : IDisposable
{
    private readonly Dictionary<string, T> _archives = [];
    private readonly Lock _lock = new();

    public T Get(string provider)
    {
        lock (_lock)
        {
            if (!_archives.TryGetValue(provider, out var archive)) _archives[provider] = archive = create(provider);
            return archive;
        }
    }

    public void Dispose()
    {
        foreach (var archive in _archives.Values) archive.Dispose();
    }
}
