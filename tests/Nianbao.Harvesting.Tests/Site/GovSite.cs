using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Nianbao.Harvesting.Tests.Site;

/// <summary>One request as the server saw it.</summary>
/// <param name="At">When the request arrived.</param>
internal sealed record ServedRequest(string Path, int Status, string? IfNoneMatch, string? IfModifiedSince, string? UserAgent, DateTime At);

/// <summary>
/// The generated site served by Kestrel on 127.0.0.1 (port 0), with the behaviours a harvest meets:
/// ETag/Last-Modified and 304 answers, a moved page (301), a redirect loop, a 404, a 500 that
/// recovers on the next try, a page slower than any timeout, a file larger than the limit (sent
/// chunked, without Content-Length, so only reading it shows its size), and robots.txt.
/// Every request is logged.
/// </summary>
internal sealed class GovSite : IAsyncDisposable
{
    private static readonly DateTimeOffset Published = new(2024, 1, 18, 8, 0, 0, TimeSpan.Zero);
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ContentType)> _files;
    private int _flakyCalls;

    private GovSite(WebApplication app, ConcurrentDictionary<string, (byte[], string)> files)
    {
        _app = app;
        _files = files;
    }

    public ConcurrentQueue<ServedRequest> Requests { get; } = new();
    public Uri Root { get; private set; } = null!;
    public int Port => Root.Port;

    public Uri Url(string path) => new(Root, path);

    public static Task<GovSite> StartAsync(SiteContent content) => StartAsync(content.Files, content.ListPages);

    /// <summary>A site of the given files; <paramref name="perPort"/> adds the pages that must name the server's port.</summary>
    public static async Task<GovSite> StartAsync(IEnumerable<KeyValuePair<string, (byte[] Bytes, string ContentType)>> files,
        Func<int, Dictionary<string, (byte[] Bytes, string ContentType)>>? perPort = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var site = new GovSite(app, new ConcurrentDictionary<string, (byte[], string)>(files));
        app.Run(site.Handle);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        site.Root = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        foreach (var (path, file) in perPort?.Invoke(site.Port) ?? []) site._files[path] = file;
        return site;
    }

    /// <summary>Publishes new bytes at <paramref name="path"/> (a changed report).</summary>
    public void Replace(string path, byte[] bytes) => _files[path] = (bytes, _files[path].ContentType);

    private async Task Handle(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = Uri.UnescapeDataString(request.Path.Value ?? "/") + request.QueryString.Value;
        var arrived = DateTime.UtcNow;
        try
        {
            switch (path)
            {
                case SiteContent.MovedFrom:
                    response.StatusCode = 301;
                    response.Headers.Location = SiteContent.MovedTo;
                    return;
                case SiteContent.LoopA:
                    response.StatusCode = 302;
                    response.Headers.Location = SiteContent.LoopB;
                    return;
                case SiteContent.LoopB:
                    response.StatusCode = 302;
                    response.Headers.Location = SiteContent.LoopA;
                    return;
                case SiteContent.FlakyPath when Interlocked.Increment(ref _flakyCalls) == 1:
                    response.StatusCode = 500;
                    return;
                case SiteContent.SlowPath:
                    try { await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted); }
                    catch (OperationCanceledException)
                    {
                        response.StatusCode = 499; // for the log: the client gave up
                        return;
                    }
                    break;
                case SiteContent.BigFile:
                    response.ContentType = "application/pdf";
                    var chunk = new byte[64 * 1024];
                    "%PDF-1.4\n"u8.CopyTo(chunk);
                    try
                    {
                        for (var sent = 0; sent < SiteContent.BigFileBytes; sent += chunk.Length)
                            await response.Body.WriteAsync(chunk, context.RequestAborted);
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or IOException) { }
                    return;
            }
            if (!_files.TryGetValue(path, out var file))
            {
                response.StatusCode = 404;
                return;
            }
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(file.Bytes))[..16] + "\"";
            response.Headers.ETag = etag;
            response.Headers.LastModified = Published.ToString("R");
            if (request.Headers.IfNoneMatch.ToString() == etag)
            {
                response.StatusCode = 304;
                return;
            }
            response.ContentType = file.ContentType;
            response.ContentLength = file.Bytes.Length;
            await response.Body.WriteAsync(file.Bytes, context.RequestAborted);
        }
        finally
        {
            Requests.Enqueue(new ServedRequest(path, response.StatusCode, request.Headers.IfNoneMatch.ToString() is { Length: > 0 } inm ? inm : null,
                request.Headers.IfModifiedSince.ToString() is { Length: > 0 } ims ? ims : null, request.Headers.UserAgent.ToString(), arrived));
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
