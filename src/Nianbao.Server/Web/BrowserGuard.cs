using Microsoft.AspNetCore.Http;

namespace Nianbao.Server.Web;

/// <summary>
/// What a browser needs beyond the cookie's SameSite=Strict. (1) A change (POST, PUT, PATCH, DELETE)
/// sent by a browser from another origin is refused: SameSite does not separate sites that share a
/// registrable domain (two intranet hosts under one domain), but the browser's own Origin and
/// Sec-Fetch-Site headers do. Clients that are not browsers send neither and are not affected; the
/// pages' forms also carry an anti-forgery token. (2) Pages get a Content-Security-Policy that allows
/// only this server's own script files, so text from a document that slipped through escaping could
/// still not run a script.
/// </summary>
public sealed class BrowserGuard(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        if (IsChange(context.Request.Method) && FromAnotherOrigin(context.Request))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "拒绝跨站请求 cross-origin request refused",
                detail: "A change must come from this server's own pages or from a client that is not a browser.").ExecuteAsync(context);
        }
        if (!context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/openapi"))
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
        }
        return next(context);
    }

    private static bool IsChange(string method) => !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    internal static bool FromAnotherOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site") return true;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        // "null" is an opaque origin (a sandboxed frame, a file): never this server's page.
        return !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
