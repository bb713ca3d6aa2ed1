using System.Security.Claims;
using Nianbao.Archive;

namespace Nianbao.Server.Accounts;

/// <summary>
/// What the signed-in account may see and change. Reading: admin and viewer everything; a reviewer
/// limited to a region only reports of agencies placed in it or below; an author only their agency.
/// Writing: uploads by admin, reviewer, author; decisions and re-parsing by admin and reviewer (in
/// their region); accounts by admin only. A viewer changes nothing.
/// </summary>
public sealed record Access(string Name, string Role, string? RegionCode, string? AgencyId)
{
    public const string RegionClaim = "nianbao:region";
    public const string AgencyClaim = "nianbao:agency";

    public static Access? Of(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        return new Access(user.Identity.Name ?? "", user.FindFirstValue(ClaimTypes.Role) ?? Roles.Viewer,
            user.FindFirstValue(RegionClaim), user.FindFirstValue(AgencyClaim));
    }

    public static ClaimsPrincipal Principal(Account account, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, account.Name), new(ClaimTypes.Role, account.Role) };
        if (account.RegionCode is { } region) claims.Add(new Claim(RegionClaim, region));
        if (account.AgencyId is { } agency) claims.Add(new Claim(AgencyClaim, agency));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public bool CanUpload => Role is Roles.Admin or Roles.Reviewer or Roles.Author;
    public bool CanDecide => Role is Roles.Admin or Roles.Reviewer;

    /// <summary>The filter narrowed to what this account may see.</summary>
    public ReportFilter Narrow(ReportFilter filter) => Role switch
    {
        Roles.Reviewer when RegionCode is not null => filter with { Region = Inside(filter.Region) ? filter.Region : RegionCode },
        Roles.Author => filter with { Agency = AgencyId ?? "\u0000none" },
        _ => filter,
    };

    // A requested region inside the reviewer's own stays; anything else becomes the reviewer's region.
    private bool Inside(string? region) =>
        region is { Length: > 0 } && region.All(char.IsAsciiDigit) && RegionCode is not null
        && ArchiveStore.RegionPrefix(region).StartsWith(ArchiveStore.RegionPrefix(RegionCode), StringComparison.Ordinal);

    public bool CanSee(ReportEntry report) => Role switch
    {
        Roles.Reviewer when RegionCode is not null => report.RegionCode is { } code
            && ArchiveStore.RegionPrefix(code.PadRight(12, '0')).StartsWith(ArchiveStore.RegionPrefix(RegionCode), StringComparison.Ordinal),
        Roles.Author => AgencyId is not null && report.AgencyId == AgencyId,
        _ => true,
    };
}
