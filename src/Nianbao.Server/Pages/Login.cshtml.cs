using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Nianbao.Archive;
using Nianbao.Server.Accounts;
using Nianbao.Server.Web;

namespace Nianbao.Server.Pages;

/// <summary>Sign-in form: the same cookie as <c>POST /api/session</c>; the form carries an anti-forgery token.</summary>
public sealed class LoginModel : NianbaoPage
{
    public string? Name { get; private set; }
    public string? ReturnUrl { get; private set; }
    public string? Error { get; private set; }

    public IActionResult OnGet(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        return Access.Of(User) is null ? Page() : LocalRedirect(Safe(returnUrl));
    }

    public async Task<IActionResult> OnPostAsync(string? name, string? password, string? returnUrl)
    {
        Name = name;
        ReturnUrl = returnUrl;
        Account? account;
        using (var store = OpenStore()) account = new AccountStore(store).Verify(name ?? "", password ?? "");
        if (account is null)
        {
            Error = "用户名或密码不正确。";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Access.Principal(account, CookieAuthenticationDefaults.AuthenticationScheme));
        return LocalRedirect(Safe(returnUrl));
    }

    // Only a path on this server: an open redirect would let a link send a signed-in user elsewhere.
    private string Safe(string? returnUrl) => returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/reports";
}
