using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Nianbao.Archive;
using Nianbao.Server.Accounts;

namespace Nianbao.Server.Web;

/// <summary>The base of every page: the signed-in account and the archive the server was started on.</summary>
public abstract class NianbaoPage : PageModel
{
    /// <summary>The signed-in account (pages other than the sign-in page require one).</summary>
    public Access Access => Nianbao.Server.Accounts.Access.Of(User) ?? new Access("", Roles.Viewer, null, null);

    protected ServerOptions Options => HttpContext.RequestServices.GetRequiredService<ServerOptions>();

    protected ArchiveStore OpenStore() => ArchiveStore.OpenMigrated(Options.Archive);
}

/// <summary>Role names as users read them.</summary>
public static class RoleNames
{
    public static string Chinese(string role) => role switch
    {
        Roles.Admin => "管理员",
        Roles.Reviewer => "审核人",
        Roles.Author => "填报人",
        Roles.Viewer => "查看者",
        _ => role,
    };
}
