using Npgsql;

namespace Nianbao.TestSupport;

/// <summary>
/// A new, uniquely named database for one test on the PostgreSQL server named by NIANBAO_TEST_PG
/// (`bash test.sh` starts a throw-away cluster on 127.0.0.1 and sets it), dropped on dispose.
/// Without that server the test fails with a message saying so: a test skipped is not a test passed.
/// </summary>
public sealed class ThrowAwayDatabase : IDisposable
{
    public const string ServerVariable = "NIANBAO_TEST_PG";

    private readonly string _server;

    /// <param name="prefix">Part of the database's name, so that a left-over database tells whose it was.</param>
    public ThrowAwayDatabase(string prefix)
    {
        _server = Server();
        Name = UniqueName(prefix);
        Execute(_server, $"CREATE DATABASE {Name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = Name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The server's connection string with this database in it (what <c>--db</c> takes).</summary>
    public string ConnectionString { get; }

    /// <summary>The connection string of NIANBAO_TEST_PG; not set → an exception that fails the test.</summary>
    public static string Server()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
            throw new InvalidOperationException($"{ServerVariable} is not set: run `bash test.sh`, which installs PostgreSQL and starts a throw-away server on 127.0.0.1.");
        return server;
    }

    public void Dispose()
    {
        // Pooled connections still hold the database open; FORCE ends any the pools missed.
        NpgsqlConnection.ClearAllPools();
        Execute(_server, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    // A PostgreSQL identifier: lower case letters, digits and '_', at most 63 bytes.
    private static string UniqueName(string prefix)
    {
        var tag = new string(prefix.ToLowerInvariant().Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '_').ToArray());
        return $"nianbao_{tag[..Math.Min(tag.Length, 30)]}_{Guid.NewGuid().ToString("N")[..16]}";
    }

    private static void Execute(string server, string sql)
    {
        using var connection = new NpgsqlConnection(server);
        try { connection.Open(); }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            var at = new NpgsqlConnectionStringBuilder(server);
            throw new InvalidOperationException($"PostgreSQL of {ServerVariable} ({at.Host}:{at.Port}) does not answer: {e.Message}. Run `bash test.sh`, which starts a throw-away server on 127.0.0.1.", e);
        }
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
