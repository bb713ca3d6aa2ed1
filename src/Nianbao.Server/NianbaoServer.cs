using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nianbao.Archive;
using Nianbao.Pipeline;
using Nianbao.Server.Accounts;
using Nianbao.Server.Api;
using Nianbao.Server.Web;
using Scalar.AspNetCore;

namespace Nianbao.Server;

/// <summary>Builds the web application: problem details, cookie sign-in, OpenAPI, the API endpoints and the Chinese pages.</summary>
public static class NianbaoServer
{
    public const string CookieName = "nianbao.session";

    public static WebApplication Build(ServerOptions options, Action<ILoggingBuilder>? logging = null)
    {
        // Bring the schema up to date once, before the first request (every store opened later finds it current).
        ArchiveStore.Open(options.Archive).Dispose();

        // The application is this assembly (not the CLI or the test host that starts it): Razor Pages are found here.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(NianbaoServer).Assembly.GetName().Name });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBytes);
        if (logging is not null) logging(builder.Logging);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new ReportPipeline(options.Pipeline));
        builder.Services.AddSingleton<Authoring.AuthorService>();
        builder.Services.AddSingleton<SourceDocuments>();
        builder.Services.AddSingleton<Api.ImportGate>();
        // Summaries and dashboards computed once per archive write generation (docs/performance.md).
        var cache = new Nianbao.Queries.GenerationCache();
        builder.Services.AddSingleton(cache);
        // The framework's own problems (404 of an unknown route, 415, …) get Chinese titles as ours have.
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c => Api.ProblemTitles.Apply(c.ProblemDetails));
        builder.Services.Configure<FormOptions>(f =>
        {
            f.MultipartBodyLengthLimit = options.MaxRequestBytes;
            f.ValueCountLimit = options.MaxFiles + 16;
        });
        builder.Services.ConfigureHttpJsonOptions(j => j.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        // Pages print Chinese as Chinese (the default encoder writes every CJK character as an entity); markup stays escaped.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddOpenApi("v1");
        // One harvest runner for the server: the API and the 采集 page share its one-at-a-time rule.
        builder.Services.AddSingleton<Harvests.HarvestRunner>();
        builder.Services.AddAuthorization(a =>
        {
            a.AddPolicy(Policies.Upload, p => p.RequireRole(Roles.Admin, Roles.Reviewer, Roles.Author));
            a.AddPolicy(Policies.Decide, p => p.RequireRole(Roles.Admin, Roles.Reviewer));
            a.AddPolicy(Policies.Author, p => p.RequireRole(Roles.Admin, Roles.Author));
        });
        builder.Services.AddRazorPages(p =>
        {
            // Every page needs a signed-in account, except the sign-in page; pages that change things need a role.
            p.Conventions.AuthorizeFolder("/");
            p.Conventions.AllowAnonymousToPage("/Login");
            p.Conventions.AllowAnonymousToPage("/Error");
            p.Conventions.AuthorizePage("/Upload", Policies.Upload);
            p.Conventions.AuthorizePage("/Harvest", Policies.Decide);
        });
        builder.Services.AddAntiforgery(a =>
        {
            a.Cookie.Name = "nianbao.af";
            a.Cookie.SameSite = SameSiteMode.Strict;
            a.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            a.HeaderName = "RequestVerificationToken";
        });
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(c =>
            {
                c.Cookie.Name = CookieName;
                c.Cookie.HttpOnly = true;
                // Secure whenever the server is reached over HTTPS; plain HTTP only on loopback/intranet setups.
                c.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
                // Strict: a form on another site cannot send a request with this cookie (the API's CSRF defence,
                // with BrowserGuard refusing changes a browser marks as cross-origin; page forms also carry a token).
                c.Cookie.SameSite = SameSiteMode.Strict;
                c.ExpireTimeSpan = TimeSpan.FromHours(8);
                c.SlidingExpiration = true;
                c.LoginPath = "/login";
                c.AccessDeniedPath = "/denied";
                // The API answers 401/403 with problem details; a page sends the browser to the sign-in page.
                c.Events.OnRedirectToLogin = ctx => IsApi(ctx.HttpContext)
                    ? Problem(ctx.HttpContext, StatusCodes.Status401Unauthorized, "未登录 not signed in")
                    : Redirect(ctx.HttpContext, ctx.RedirectUri);
                c.Events.OnRedirectToAccessDenied = ctx => IsApi(ctx.HttpContext)
                    ? Problem(ctx.HttpContext, StatusCodes.Status403Forbidden, "无权限 not allowed")
                    : Redirect(ctx.HttpContext, ctx.RedirectUri);
            });

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // A page's 404/403/400 is a Chinese page; the API keeps its problem details (the middleware above).
        app.UseWhen(c => !IsApi(c) && !c.Request.Path.StartsWithSegments("/openapi") && !c.Request.Path.StartsWithSegments("/static"),
            b => b.UseStatusCodePagesWithReExecute("/error", "?code={0}"));
        app.UseMiddleware<BrowserGuard>();
        app.UseStaticFiles(StaticFiles());
        // Routing after the status-code re-execution, so that /error is routed when a page's status is re-executed.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json");
        // An intranet server asks nothing of the internet: no fonts from Scalar's CDN, no telemetry, no AI chat or MCP of scalar.com.
        app.MapScalarApiReference("/api/docs", s => s.WithTitle("年报 Nianbao API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp());
        app.MapGet("/", () => Results.Redirect("/reports")).ExcludeFromDescription();
        app.MapRazorPages();
        SessionEndpoints.Map(app);
        ReportEndpoints.Map(app);
        AnalysisEndpoints.Map(app);
        AuthorEndpoints.Map(app);
        DashboardCompareEndpoints.Map(app);
        HarvestEndpoints.Map(app);
        // Each report's contribution to summaries read once at start, in the background: the first summary or
        // dashboard then reads only what was written since (ReportContributions). Requests meanwhile wait for it
        // or go on; a failure here only leaves the first summary to read everything itself.
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(() =>
        {
            try
            {
                using var store = ArchiveStore.OpenMigrated(options.Archive);
                cache.Contributions.Warm(store);
            }
            catch (Exception ex) when (ex is ArchiveException or System.Data.Common.DbException or InvalidOperationException or ArgumentException or IOException)
            {
                app.Logger.LogWarning(ex, "summary contributions not read at start");
            }
        }));
        return app;
    }

    internal static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    private static Task Redirect(HttpContext context, string uri)
    {
        context.Response.Redirect(uri);
        return Task.CompletedTask;
    }

    /// <summary>Static/ embedded in this assembly, served under /static (no front-end build, no wwwroot beside the CLI).</summary>
    private static StaticFileOptions StaticFiles()
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";
        return new StaticFileOptions
        {
            FileProvider = new ManifestEmbeddedFileProvider(typeof(NianbaoServer).Assembly, "Static"),
            RequestPath = "/static",
            ContentTypeProvider = types,
            OnPrepareResponse = f => f.Context.Response.Headers.CacheControl = "private, max-age=3600",
        };
    }

    private static Task Problem(HttpContext context, int status, string title) =>
        Results.Problem(statusCode: status, title: title).ExecuteAsync(context);
}
