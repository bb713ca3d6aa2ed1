using Nianbao.Archive;

namespace Nianbao.Server.Api;

/// <summary>
/// Uploads into an SQLite archive store one at a time, in the order they arrive. SQLite has one writer,
/// and an upload takes it several times (the import's row, the window of reports, the import's end);
/// uploads that meet at the lock wait in SQLite's busy handler, which sleeps 1, 2, 5 … up to 100 ms
/// between tries and serves whoever tries at the right moment, so with four uploads in flight one could
/// wait several sleeps behind later ones (the long tail in docs/performance.md). Here they wait their
/// turn without sleeping and without holding a thread. PostgreSQL queues writers itself: no gate.
/// </summary>
public sealed class ImportGate(ServerOptions options)
{
    private readonly SemaphoreSlim? _turn = options.Archive.Provider == ArchiveProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Waits for the turn to import; dispose the result to pass it on.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancel)
    {
        if (_turn is null) return Turn.None;
        await _turn.WaitAsync(cancel);
        return new Turn(_turn);
    }

    private sealed class Turn(SemaphoreSlim? turn) : IDisposable
    {
        public static readonly Turn None = new(null);
        private SemaphoreSlim? _turn = turn;

        public void Dispose() => Interlocked.Exchange(ref _turn, null)?.Release();
    }
}
