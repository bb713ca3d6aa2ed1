using System.Collections.Concurrent;
using Nianbao.Archive;

namespace Nianbao.Queries;

/// <summary>
/// Results computed from the archive (summaries, dashboards, their JSON), kept by key and by the
/// archive's write generation (<see cref="ArchiveStore.Generation"/>) read BEFORE computing: a result
/// is used only while the archive still reads that generation or a later one was computed, so a read
/// after any write — by this process, another server on the same PostgreSQL or the command line —
/// computes afresh and is never stale. Requests that miss at once wait for one computation instead of
/// each doing it. Thread-safe; bounded (old generations are dropped first).
/// </summary>
public sealed class GenerationCache(int capacity = 64)
{
    private sealed class Entry(long generation, Lazy<object> value)
    {
        public long Generation { get; } = generation;
        public Lazy<object> Value { get; } = value;
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// Each report's contribution to a summary, kept across generations: a result computed afresh after a
    /// write reads again only the reports that changed (<see cref="ReportContributions"/>).
    /// </summary>
    public ReportContributions Contributions { get; } = new();

    /// <summary>How many results were computed and how many were served from the cache (for benchmarks and tests).</summary>
    public long Computed => Interlocked.Read(ref _computed);
    public long Served => Interlocked.Read(ref _served);
    private long _computed;
    private long _served;

    /// <summary>
    /// The result for <paramref name="key"/> at the archive's current generation: kept, or computed
    /// now with <paramref name="compute"/> (on <paramref name="store"/>) and kept. A computation that
    /// throws is not kept.
    /// </summary>
    public T Get<T>(ArchiveStore store, string key, Func<T> compute) where T : class
    {
        var generation = store.Generation();
        var fresh = new Entry(generation, new Lazy<object>(() =>
        {
            Interlocked.Increment(ref _computed);
            return compute();
        }, LazyThreadSafetyMode.ExecutionAndPublication));
        // A kept result of this generation or a later one is at least as new as this request needs.
        var entry = _entries.AddOrUpdate(key, fresh, (_, old) => old.Generation >= generation ? old : fresh);
        if (!ReferenceEquals(entry, fresh)) Interlocked.Increment(ref _served);
        else if (_entries.Count > capacity) Trim(generation);
        try { return (T)entry.Value.Value; }
        catch
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    /// <summary>Drops results of older generations (they can never be served again), then everything else if still too many.</summary>
    private void Trim(long generation)
    {
        foreach (var (key, entry) in _entries)
            if (entry.Generation < generation) _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        if (_entries.Count > capacity) _entries.Clear();
    }
}
