using System.Collections.Concurrent;
using System.Diagnostics;

namespace Nianbao.Archive.Import;

/// <summary>
/// Where an import's writer thread spends its time, summed over the process's imports by phase
/// (elapsed time on the writer thread; <c>nianbao bench import</c> prints it). Two clock reads a phase.
/// </summary>
public static class WriterTimes
{
    private static readonly ConcurrentDictionary<string, long> Ticks = new(StringComparer.Ordinal);

    /// <summary>Seconds per phase since the last <see cref="Reset"/>.</summary>
    public static IReadOnlyList<(string Phase, double Seconds)> Snapshot() =>
        Ticks.OrderByDescending(p => p.Value).Select(p => (p.Key, p.Value / (double)Stopwatch.Frequency)).ToList();

    public static void Reset() => Ticks.Clear();

    internal static long Start() => Stopwatch.GetTimestamp();

    internal static void Add(string phase, long started) => Ticks.AddOrUpdate(phase, Stopwatch.GetTimestamp() - started, (_, t) => t + Stopwatch.GetTimestamp() - started);
}
