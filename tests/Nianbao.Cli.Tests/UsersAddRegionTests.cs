namespace Nianbao.Cli.Tests;

/// <summary>
/// <c>nianbao users add --region</c> takes a division code or name, as <c>summary --region</c> does, and
/// stores the 12-digit code (a stored name matched no report, so a reviewer of 云南省 saw an unnamed region);
/// an unknown or ambiguous name is refused with a message.
/// </summary>
public class UsersAddRegionTests
{
    private static readonly Dictionary<string, string> Password = new() { ["NIANBAO_PASSWORD"] = "Reviewer-pass-1234" };

    private static string? StoredRegion(string db, string user)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT region_code FROM users WHERE name = $name";
        command.Parameters.AddWithValue("$name", user);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return "(no such user)";
        return reader.IsDBNull(0) ? null : reader.GetString(0);
    }

    [Fact]
    public void A_reviewers_region_given_by_name_or_code_is_stored_as_its_code_and_a_wrong_name_is_refused()
    {
        using var dir = new TempDir();
        var db = dir["archive.db"];
        (int ExitCode, string Out, string Error) Add(string user, params string[] more)
        {
            var run = Nianbao.ExecIn(null, Password, ["users", "add", "--db", db, "--role", "reviewer", .. more, user]);
            return (run.ExitCode, run.Out, run.Error);
        }

        Assert.Equal(0, Add("yn", "--region", "云南省").ExitCode);
        Assert.Equal("530000000000", StoredRegion(db, "yn"));
        Assert.Equal(0, Add("xx", "--region", "河南省信阳市新县").ExitCode);
        Assert.Equal("411523000000", StoredRegion(db, "xx"));
        Assert.Equal(0, Add("hn", "--region", "41").ExitCode);
        Assert.Equal("410000000000", StoredRegion(db, "hn"));
        Assert.Equal(0, Add("all").ExitCode);
        Assert.Null(StoredRegion(db, "all"));

        // Two districts are called 西湖区 (杭州, 南昌): refused, naming both, nothing stored.
        var ambiguous = Add("xh", "--region", "西湖区");
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("不唯一", ambiguous.Error);
        Assert.Contains("330106", ambiguous.Error);
        Assert.Contains("360103", ambiguous.Error);
        Assert.Equal("(no such user)", StoredRegion(db, "xh"));
        var unknown = Add("nowhere", "--region", "不存在的地方省");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("找不到地区“不存在的地方省”", unknown.Error);
        Assert.Equal("(no such user)", StoredRegion(db, "nowhere"));
        var badCode = Add("badcode", "--region", "999999999999");
        Assert.Equal(2, badCode.ExitCode);
        Assert.Equal("(no such user)", StoredRegion(db, "badcode"));
    }
}
