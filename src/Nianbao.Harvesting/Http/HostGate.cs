using System.Diagnostics;

namespace Nianbao.Harvesting.Http;

/// <summary>
/// The per-host rate limit: a request to a host waits until the host's interval since the previous
/// request has passed. Hosts do not wait for each other.
/// </summary>
internal sealed class HostGate(TimeSpan interval)
{
    private readonly Dictionary<string, TimeSpan> _next = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public async Task WaitAsync(string host, TimeSpan? crawlDelay, CancellationToken cancellationToken)
    {
        var spacing = crawlDelay is { } delay && delay > interval ? delay : interval;
        TimeSpan wait;
        lock (_lock)
        {
            var now = _clock.Elapsed;
            var slot = _next.TryGetValue(host, out var next) && next > now ? next : now;
            _next[host] = slot + spacing;
            wait = slot - now;
        }
        if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
    }
}
