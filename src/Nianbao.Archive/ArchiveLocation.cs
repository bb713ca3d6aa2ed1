namespace Nianbao.Archive;

public enum ArchiveProvider { Sqlite, Postgres }

/// <summary>
/// Where the archive lives: an SQLite file (the default, <c>nianbao.db</c> in the working folder) or
/// a PostgreSQL server given by a connection string in the same option (<c>--db</c> or <c>NIANBAO_DB</c>).
/// </summary>
public sealed record ArchiveLocation(ArchiveProvider Provider, string ConnectionString, string Display)
{
    public const string EnvironmentVariable = "NIANBAO_DB";
    public const string DefaultFile = "nianbao.db";

    /// <summary>The option as given, else <c>NIANBAO_DB</c>, else <c>nianbao.db</c> in the working folder.</summary>
    public static ArchiveLocation Resolve(string? option)
    {
        var value = !string.IsNullOrWhiteSpace(option) ? option
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env
            : DefaultFile;
        return Parse(value);
    }

    public static ArchiveLocation Parse(string value)
    {
        if (IsPostgres(value))
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(ToKeyValue(value));
            var display = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
            return new ArchiveLocation(ArchiveProvider.Postgres, builder.ConnectionString, display);
        }
        var path = Path.GetFullPath(value);
        var sqlite = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = path,
            // Writers wait for each other instead of failing at once.
            DefaultTimeout = 60,
            Pooling = true,
        };
        return new ArchiveLocation(ArchiveProvider.Sqlite, sqlite.ConnectionString, path);
    }

    // "Host=…;Database=…" or a postgres:// URI.
    private static bool IsPostgres(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || (value.Contains('=') && value.Contains("host", StringComparison.OrdinalIgnoreCase));

    private static string ToKeyValue(string value)
    {
        if (!value.Contains("://", StringComparison.Ordinal)) return value;
        var uri = new Uri(value);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } db ? db : null,
        };
        if (uri.UserInfo.Split(':', 2) is [var user, ..] && user.Length > 0) builder.Username = Uri.UnescapeDataString(user);
        if (uri.UserInfo.Split(':', 2) is [_, var password]) builder.Password = Uri.UnescapeDataString(password);
        return builder.ConnectionString;
    }
}
