using System.Diagnostics;

namespace Nianbao.Harvesting.Http;

/// <summary>
/// The per-host rate limit: one request at a time per host, and the next one starts no sooner than
/// the interval after the previous one ended — so a slow server is given more room, never less, and
/// the server sees its requests at least the interval apart. Hosts do not wait for each other.
/// </summary>
internal sealed class HostGate(TimeSpan interval)
{
    private sealed class Host
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);
        public TimeSpan Next { get; set; }
    }

    private readonly Dictionary<string, Host> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Waits for the host's turn; dispose the result when the request has ended.</summary>
    public async Task<IDisposable> EnterAsync(string key, TimeSpan? crawlDelay, CancellationToken cancellationToken)
    {
        Host host;
        lock (_lock)
        {
            if (!_hosts.TryGetValue(key, out host!)) _hosts[key] = host = new Host();
        }
        await host.Turn.WaitAsync(cancellationToken);
        try
        {
            var wait = host.Next - _clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
        }
        catch
        {
            host.Turn.Release();
            throw;
        }
        var spacing = crawlDelay is { } delay && delay > interval ? delay : interval;
        return new Turn(this, host, spacing);
    }

    private sealed class Turn(HostGate gate, Host host, TimeSpan spacing) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 1) return;
            host.Next = gate._clock.Elapsed + spacing;
            host.Turn.Release();
        }
    }
}
