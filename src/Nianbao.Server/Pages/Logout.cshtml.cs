using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Nianbao.Server.Web;

namespace Nianbao.Server.Pages;

/// <summary>Sign out: a POST with the anti-forgery token (a link could be followed by another site).</summary>
public sealed class LogoutModel : NianbaoPage
{
    public IActionResult OnGet() => Redirect("/reports");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/login");
    }
}
