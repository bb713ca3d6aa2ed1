using System.Net;
using System.Net.Sockets;
using System.Text;
using Nianbao.Harvesting.Http;

namespace Nianbao.Harvesting.Tests;

/// <summary>
/// Retries on a connection error (not a 5xx): a raw TCP server on 127.0.0.1 reads the request for the
/// report and resets the connection (RST) the first time it is asked, then answers it. With a retry the
/// fetch ends with the report and the server saw the request twice; without one it fails naming the error.
/// </summary>
public sealed class ConnectionRetryTests
{
    private const string ReportPath = "/ndbg/report-2023.txt";
    private static readonly byte[] Report = Encoding.UTF8.GetBytes("河南省信阳市新县人民政府办公室 2023年政府信息公开工作年度报告");

    /// <summary>Answers robots.txt with 404 and the report with 200, except the report's first request, which is reset.</summary>
    private sealed class ResettingSite : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        public List<(string Path, DateTimeOffset At, bool Reset)> Requests { get; } = [];

        public ResettingSite()
        {
            _listener.Start();
            _loop = Task.Run(Loop);
        }

        public Uri Url(string path) => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}");

        private async Task Loop()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
                using (client)
                {
                    var stream = client.GetStream();
                    var head = new StringBuilder();
                    var buffer = new byte[4096];
                    while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var n = await stream.ReadAsync(buffer, _stop.Token);
                        if (n == 0) break;
                        head.Append(Encoding.ASCII.GetString(buffer, 0, n));
                    }
                    var path = head.ToString().Split(' ') is [_, var p, ..] ? p : "";
                    bool reset;
                    lock (Requests)
                    {
                        reset = path == ReportPath && !Requests.Any(r => r.Path == ReportPath);
                        Requests.Add((path, DateTimeOffset.UtcNow, reset));
                    }
                    if (reset)
                    {
                        // Linger 0: closing sends RST instead of FIN — the client sees a connection reset, not an empty answer.
                        client.Client.LingerState = new LingerOption(true, 0);
                        client.Client.Close();
                        continue;
                    }
                    var (status, body) = path == ReportPath ? ("200 OK", Report) : ("404 Not Found", Encoding.UTF8.GetBytes("not found"));
                    var answer = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(answer, _stop.Token);
                    await stream.WriteAsync(body, _stop.Token);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            try { await _loop; } catch (OperationCanceledException) { }
        }
    }

    [Fact]
    public async Task A_connection_reset_is_retried_after_a_backoff_and_the_report_is_fetched()
    {
        await using var site = new ResettingSite();
        var delay = TimeSpan.FromMilliseconds(200);
        using var fetcher = new PoliteFetcher(Harvests.Options with { MaxRetries = 2, RetryBaseDelay = delay }, u => u.Host == "127.0.0.1");
        var result = await fetcher.FetchAsync(site.Url(ReportPath), _ => Task.FromResult<Validators?>(null), default);

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(Report, result.Body);
        Assert.Equal(["/robots.txt", ReportPath, ReportPath], site.Requests.Select(r => r.Path));
        Assert.Equal([false, true, false], site.Requests.Select(r => r.Reset));
        // The retry came after a wait, not at once (jitter spreads the wait around the base delay; well above a bare reconnect's ~1 ms).
        var gap = site.Requests[2].At - site.Requests[1].At;
        Assert.True(gap >= TimeSpan.FromMilliseconds(20), $"the retry came {gap.TotalMilliseconds:0} ms after the reset");
    }

    [Fact]
    public async Task Without_retries_the_reset_ends_the_fetch_as_failed_with_its_reason()
    {
        await using var site = new ResettingSite();
        using var fetcher = new PoliteFetcher(Harvests.Options with { MaxRetries = 0 }, u => u.Host == "127.0.0.1");
        var result = await fetcher.FetchAsync(site.Url(ReportPath), _ => Task.FromResult<Validators?>(null), default);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Null(result.Body);
        Assert.Contains("after 1 attempt", result.Reason);
        Assert.Equal(["/robots.txt", ReportPath], site.Requests.Select(r => r.Path));
    }
}
