using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Nianbao.Archive;

namespace Nianbao.Server.Accounts;

/// <summary>The four roles of the issue: what each may see and change is decided in <see cref="Access"/>.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Reviewer = "reviewer";
    public const string Author = "author";
    public const string Viewer = "viewer";

    public static IReadOnlyList<string> All { get; } = [Admin, Reviewer, Author, Viewer];
}

/// <summary>One account as stored (the hash only, never the password).</summary>
public sealed record Account(string Name, string Role, string? RegionCode, string? AgencyId);

/// <summary>
/// Accounts in the archive's <c>users</c> table. Passwords are hashed with ASP.NET Core Identity's
/// <see cref="PasswordHasher{TUser}"/> (PBKDF2, salted, versioned), so no KDF is hand-rolled here.
/// </summary>
public sealed class AccountStore(ArchiveStore store)
{
    private static readonly PasswordHasher<Account> Hasher = new();

    /// <summary>
    /// A new account. <paramref name="region"/> is a division code (short or 12-digit) or a name as for
    /// <c>summary --region</c> (河南省, 河南省信阳市新县); the 12-digit code is kept, since a name would match no
    /// report's region prefix. An unknown or ambiguous region is refused with the candidates.
    /// </summary>
    public Account Add(string name, string password, string role, string? region = null, string? agencyId = null)
    {
        var regionCode = RegionCode(region);
        name = name.Trim();
        if (name.Length is 0 or > 64) throw new AccountException("用户名应为 1–64 个字符 (a name of 1–64 characters).");
        if (!Roles.All.Contains(role)) throw new AccountException($"没有角色 {role}；可用：{string.Join(", ", Roles.All)} (unknown role).");
        if (password.Length < 8) throw new AccountException("密码至少 8 个字符 (a password of at least 8 characters).");
        if (role == Roles.Author && string.IsNullOrWhiteSpace(agencyId)) throw new AccountException("填报人须指定机关 (an author needs --agency).");
        if (Find(name) is not null) throw new AccountException($"用户 {name} 已存在 (the account exists).");
        // An author's agency by its archive id, created (unplaced) when no report of it arrived yet: the
        // agency's first report then resolves to this id, and the account sees it.
        if (role == Roles.Author) agencyId = store.FindAgencyId(agencyId!.Trim()) ?? store.EnsureAgency(agencyId.Trim());
        var account = new Account(name, role, role == Roles.Reviewer ? NullIfBlank(regionCode) : null, role == Roles.Author ? agencyId : null);
        store.Connection.Execute(
            "INSERT INTO users (name, password_hash, role, region_code, agency_id, created_at) VALUES (@Name, @hash, @Role, @RegionCode, @AgencyId, @at)",
            new { account.Name, hash = Hasher.HashPassword(account, password), account.Role, account.RegionCode, account.AgencyId, at = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture) });
        return account;
    }

    private string? RegionCode(string? region)
    {
        if (string.IsNullOrWhiteSpace(region)) return null;
        if (new AgencyRegistry(store).FindRegion(region.Trim(), out var alternatives) is { } division) return AgencyRegistry.StoredCode(division);
        throw new AccountException(alternatives.Count > 0
            ? $"地区“{region}”不唯一，请给出区划代码 is ambiguous, give the code: {string.Join("；", alternatives.Take(10).Select(d => $"{d.Code} {d.FullName}"))}"
            : $"找不到地区“{region}” no such division; give a division code (统计用区划代码) or name.");
    }

    public Account? Find(string name) =>
        store.Connection.QuerySingleOrDefault<Account>("SELECT name AS Name, role AS Role, region_code AS RegionCode, agency_id AS AgencyId FROM users WHERE name = @name", new { name });

    public IReadOnlyList<Account> All() =>
        store.Connection.Query<Account>("SELECT name AS Name, role AS Role, region_code AS RegionCode, agency_id AS AgencyId FROM users ORDER BY name").ToList();

    /// <summary>The account when the password is right, else null (same answer for an unknown name).</summary>
    public Account? Verify(string name, string password)
    {
        var row = store.Connection.QuerySingleOrDefault<(string Hash, string Role, string? Region, string? Agency)?>(
            "SELECT password_hash, role, region_code, agency_id FROM users WHERE name = @name", new { name });
        if (row is not { } r)
        {
            // Spend the same work for an unknown name, so timing does not tell which names exist.
            Hasher.VerifyHashedPassword(new Account(name, Roles.Viewer, null, null), DummyHash, password);
            return null;
        }
        var account = new Account(name, r.Role, r.Region, r.Agency);
        return Hasher.VerifyHashedPassword(account, r.Hash, password) == PasswordVerificationResult.Failed ? null : account;
    }

    private static readonly string DummyHash = Hasher.HashPassword(new Account("", Roles.Viewer, null, null), Guid.NewGuid().ToString());

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed class AccountException(string message) : Exception(message);
