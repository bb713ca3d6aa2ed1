using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Nianbao.Archive.Import;

/// <summary>
/// Where an import's writer thread spends its time, summed over the process's imports by phase:
/// elapsed time, and the thread's own CPU time (on Linux; on a shared machine the elapsed time also
/// counts the wait for a core, the CPU time does not). <c>nianbao bench import</c> prints both.
/// </summary>
public static class WriterTimes
{
    private static readonly ConcurrentDictionary<string, (long Wall, long Cpu)> Ticks = new(StringComparer.Ordinal);

    /// <summary>Elapsed seconds per phase since the last <see cref="Reset"/>.</summary>
    public static IReadOnlyList<(string Phase, double Seconds)> Snapshot() =>
        Ticks.OrderByDescending(p => p.Value.Wall).Select(p => (p.Key, p.Value.Wall / (double)Stopwatch.Frequency)).ToList();

    /// <summary>CPU seconds of the writer thread per phase since the last <see cref="Reset"/> (empty where not measured).</summary>
    public static IReadOnlyList<(string Phase, double Seconds)> CpuSnapshot() =>
        ThreadCpuMeasured
            ? Ticks.OrderByDescending(p => p.Value.Cpu).Select(p => (p.Key, p.Value.Cpu / 1e9)).ToList()
            : [];

    public static void Reset() => Ticks.Clear();

    /// <summary>
    /// The prefix of the phases timed on the parse workers (summed over them) rather than on the writer
    /// thread: an import's work beyond parsing that the writer does not do.
    /// </summary>
    public const string Workers = "parse workers: ";

    /// <summary>
    /// Whether phases are timed at all. Off unless a benchmark asks: an import, an upload or a harvest
    /// otherwise pays a thread-CPU system call and a dictionary update per phase for figures nobody reads.
    /// </summary>
    public static bool Enabled { get; set; }

    internal readonly record struct Mark(long Wall, long Cpu);

    internal static Mark Start() => Enabled ? new(Stopwatch.GetTimestamp(), ThreadCpuNanoseconds()) : default;

    internal static void Add(string phase, Mark started)
    {
        if (!Enabled) return;
        var wall = Stopwatch.GetTimestamp() - started.Wall;
        var cpu = ThreadCpuNanoseconds() - started.Cpu;
        Ticks.AddOrUpdate(phase, (wall, cpu), (_, t) => (t.Wall + wall, t.Cpu + cpu));
    }

    private static readonly bool ThreadCpuMeasured = OperatingSystem.IsLinux();

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static long ThreadCpuNanoseconds()
    {
        if (!ThreadCpuMeasured) return 0;
        return ClockGetTime(ClockThreadCpuTime, out var t) == 0 ? t.Seconds * 1_000_000_000 + t.Nanoseconds : 0;
    }
}
