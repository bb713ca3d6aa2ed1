using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nianbao.Archive;
using Nianbao.Pipeline;
using Nianbao.Server.Api;
using Scalar.AspNetCore;

namespace Nianbao.Server;

/// <summary>Builds the web application: problem details, cookie sign-in, OpenAPI and the API endpoints.</summary>
public static class NianbaoServer
{
    public const string CookieName = "nianbao.session";

    public static WebApplication Build(ServerOptions options, Action<ILoggingBuilder>? logging = null)
    {
        // Bring the schema up to date once, before the first request (every store opened later finds it current).
        ArchiveStore.Open(options.Archive).Dispose();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBytes);
        if (logging is not null) logging(builder.Logging);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new ReportPipeline(options.Pipeline));
        builder.Services.AddProblemDetails();
        builder.Services.Configure<FormOptions>(f =>
        {
            f.MultipartBodyLengthLimit = options.MaxRequestBytes;
            f.ValueCountLimit = options.MaxFiles + 16;
        });
        builder.Services.ConfigureHttpJsonOptions(j => j.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddOpenApi("v1");
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(c =>
            {
                c.Cookie.Name = CookieName;
                c.Cookie.HttpOnly = true;
                // Secure whenever the server is reached over HTTPS; plain HTTP only on loopback/intranet setups.
                c.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
                // Strict: a form on another site cannot send a request with this cookie (the API's CSRF defence).
                c.Cookie.SameSite = SameSiteMode.Strict;
                c.ExpireTimeSpan = TimeSpan.FromHours(8);
                c.SlidingExpiration = true;
                // The API answers 401/403 with problem details instead of redirecting to a page.
                c.Events.OnRedirectToLogin = ctx => Problem(ctx.HttpContext, StatusCodes.Status401Unauthorized, "未登录 not signed in");
                c.Events.OnRedirectToAccessDenied = ctx => Problem(ctx.HttpContext, StatusCodes.Status403Forbidden, "无权限 not allowed");
            });

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", s => s.WithTitle("年报 Nianbao API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapGet("/", () => Results.Redirect("/api/docs")).ExcludeFromDescription();
        SessionEndpoints.Map(app);
        ReportEndpoints.Map(app);
        AnalysisEndpoints.Map(app);
        HarvestEndpoints.Map(app);
        return app;
    }

    private static Task Problem(HttpContext context, int status, string title) =>
        Results.Problem(statusCode: status, title: title).ExecuteAsync(context);
}
