using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Nianbao.Server.Tests;

/// <summary>
/// A tiny website on 127.0.0.1 for the harvest tests: text reports by path, everything else (robots.txt
/// included) 404; the one file at <c>waitPath</c> is answered only after <c>wait</c> ends (a pause, or
/// a signal the test gives), so a test can watch a harvest while it runs.
/// </summary>
internal static class ReportSite
{
    public static async Task<(WebApplication Site, Uri Root)> StartAsync(Dictionary<string, byte[]> files, string waitPath, Func<CancellationToken, Task> wait)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var site = builder.Build();
        site.MapGet("/{**path}", async (string path, HttpContext http) =>
        {
            if ("/" + path == waitPath) await wait(http.RequestAborted);
            return files.TryGetValue("/" + path, out var bytes) ? Results.Bytes(bytes, "text/plain; charset=utf-8") : Results.NotFound();
        });
        await site.StartAsync();
        var address = site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (site, new Uri(address));
    }
}
