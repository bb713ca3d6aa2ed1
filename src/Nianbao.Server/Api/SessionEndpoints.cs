using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Nianbao.Archive;
using Nianbao.Server.Accounts;

namespace Nianbao.Server.Api;

public sealed record SignIn(string Name, string Password);
public sealed record NewAccount(string Name, string Password, string Role, string? Region, string? Agency);

/// <summary>Signing in and out (a secure, HTTP-only, SameSite=Strict cookie) and accounts (administrators only).</summary>
internal static class SessionEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("账户 accounts");
        api.MapPost("/session", async (SignIn body, HttpContext http, ServerOptions options) =>
        {
            using var store = ArchiveStore.OpenMigrated(options.Archive);
            if (new AccountStore(store).Verify(body.Name ?? "", body.Password ?? "") is not { } account)
                return Results.Problem(statusCode: 401, title: "用户名或密码不正确 wrong name or password");
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Access.Principal(account, CookieAuthenticationDefaults.AuthenticationScheme));
            return Results.Ok(account);
        }).WithSummary("登录 Sign in (sets the session cookie)");
        api.MapDelete("/session", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        }).WithSummary("退出 Sign out");
        api.MapGet("/session", (HttpContext http) => Access.Of(http.User) is { } a ? Results.Ok(a) : Results.Problem(statusCode: 401, title: "未登录 not signed in"))
            .WithSummary("当前用户 The signed-in account");
        api.MapPost("/users", (NewAccount body, HttpContext http, ServerOptions options) =>
        {
            if (Access.Of(http.User) is not { Role: Roles.Admin }) return Results.Problem(statusCode: 403, title: "仅管理员可管理账户 administrators only");
            using var store = ArchiveStore.OpenMigrated(options.Archive);
            try
            {
                var agency = body.Agency is { Length: > 0 } a ? store.FindAgencyId(a) ?? a : null;
                var account = new AccountStore(store).Add(body.Name ?? "", body.Password ?? "", body.Role ?? "", body.Region, agency);
                return Results.Created($"/api/users/{Uri.EscapeDataString(account.Name)}", account);
            }
            catch (AccountException ex) { return Results.Problem(statusCode: 400, title: "账户无效 invalid account", detail: ex.Message); }
        }).RequireAuthorization().WithSummary("新建账户 Create an account (administrators)");
        api.MapGet("/users", (HttpContext http, ServerOptions options) =>
        {
            if (Access.Of(http.User) is not { Role: Roles.Admin }) return Results.Problem(statusCode: 403, title: "仅管理员可管理账户 administrators only");
            using var store = ArchiveStore.OpenMigrated(options.Archive);
            return Results.Ok(new AccountStore(store).All());
        }).RequireAuthorization().WithSummary("账户列表 Accounts (administrators)");
    }
}
