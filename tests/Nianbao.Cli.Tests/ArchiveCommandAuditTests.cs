using System.Numerics;
using System.Text;
using Nianbao.Domain;
using Nianbao.Synthetic;

namespace Nianbao.Cli.Tests;

/// <summary>
/// Points found by using the archive commands as a new user would (audit of issue #10): what the
/// terminal shows must be the numbers the user finds in the reports, and options said like the other commands'.
/// </summary>
public class ArchiveCommandAuditTests
{
    private static readonly CellPath Granted = CellPath.Parse("applications.granted.total");
    private static readonly CellPath PartlyGranted = CellPath.Parse("applications.partlyGranted.total");
    private static readonly CellPath Handled = CellPath.Parse("applications.totalHandled.total");

    [Fact]
    public void Summary_prints_a_rate_with_the_summed_cells_not_a_reduced_fraction()
    {
        // A generated report whose 公开率 fraction reduces (e.g. 24/134 = 12/67): the terminal must show the cells' sums.
        (GeneratedReport report, decimal numerator, decimal denominator) = Enumerable.Range(1, 200).Select(seed =>
        {
            var g = ReportGenerator.Generate(new GenerationSpec(seed, ReportTemplate.Format2021, NumberScale.Mixed, Inconsistent: false));
            var n = g.Truth[Granted]!.Value + g.Truth[PartlyGranted]!.Value;
            return (g, n, g.Truth[Handled]!.Value);
        }).First(x => x.n > 0 && BigInteger.GreatestCommonDivisor(new BigInteger(x.n), new BigInteger(x.Item3)) > 1);
        using var dir = new TempDir();
        var file = dir.Write("report.txt", Encoding.UTF8.GetBytes(TextShapes.Render(report, TextShape.Tabs, 1).Text));
        var db = dir["archive.db"];
        Assert.Equal(0, Nianbao.Exec("import", "--db", db, file).ExitCode);

        var run = Nianbao.Exec("summary", "--db", db, "--year", report.Truth.Year!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, run.ExitCode);
        var line = run.Out.Split('\n').Single(l => l.Contains("disclosureRate", StringComparison.Ordinal));
        Assert.Contains($"({numerator}/{denominator})", line);
    }

    [Fact]
    public void Import_takes_q_for_quiet_as_check_does()
    {
        using var dir = new TempDir();
        var g = ReportGenerator.Generate(new GenerationSpec(3, ReportTemplate.Format2021, NumberScale.Mixed, Inconsistent: false));
        var file = dir.Write("report.txt", Encoding.UTF8.GetBytes(TextShapes.Render(g, TextShape.Tabs, 1).Text));
        var run = Nianbao.Exec("import", "-q", "--db", dir["archive.db"], file);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("-q", run.Out + run.Error);
        Assert.Contains("1 个输入 inputs", run.Out);
    }

    [Fact]
    public void Unpinning_says_in_words_where_the_agency_stands()
    {
        using var dir = new TempDir();
        var g = ReportGenerator.Rebuild(ReportGenerator.Generate(new GenerationSpec(5, ReportTemplate.Format2021, NumberScale.Mixed, Inconsistent: false)),
            r => r.Agency = "东湖镇人民政府", keepAlterations: false);
        var file = dir.Write("report.txt", Encoding.UTF8.GetBytes(TextShapes.Render(g, TextShape.Tabs, 1).Text));
        var db = dir["archive.db"];
        Assert.Equal(0, Nianbao.Exec("import", "--db", db, file).ExitCode);
        // 东湖镇 is the name of many towns: pinned by hand, then unpinned, it is ambiguous again.
        Assert.Equal(0, Nianbao.Exec("agencies", "pin", "--db", db, "东湖镇人民政府", "360102").ExitCode);
        var run = Nianbao.Exec("agencies", "unpin", "--db", db, "东湖镇人民政府");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("Ambiguous:", run.Out);
        Assert.Contains("东湖镇人民政府：未能确定，候选", run.Out);
    }

    [Fact]
    public void The_first_administrator_is_created_from_the_command_line_with_a_hashed_password()
    {
        using var dir = new TempDir();
        var db = dir["archive.db"];
        const string password = "Admin-pass-1234";
        var added = Nianbao.ExecIn(null, new Dictionary<string, string> { ["NIANBAO_PASSWORD"] = password }, "users", "add", "--db", db, "--role", "admin", "root");
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("root (admin)", added.Out);
        // The same name again, and a password too short, are refused with a message and exit 2.
        var again = Nianbao.ExecIn(null, new Dictionary<string, string> { ["NIANBAO_PASSWORD"] = password }, "users", "add", "--db", db, "--role", "admin", "root");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("已存在", again.Error);
        var shortPassword = Nianbao.ExecIn(null, new Dictionary<string, string> { ["NIANBAO_PASSWORD"] = "short" }, "users", "add", "--db", db, "--role", "viewer", "v1");
        Assert.Equal(2, shortPassword.ExitCode);
        Assert.Contains("至少 8 个字符", shortPassword.Error);

        // Stored as an ASP.NET Core Identity hash (version 3: PBKDF2, salted), never the password itself.
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT role, password_hash FROM users WHERE name = 'root'";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("admin", reader.GetString(0));
        var hash = reader.GetString(1);
        Assert.DoesNotContain(password, hash);
        Assert.Equal(0x01, Convert.FromBase64String(hash)[0]);
        Assert.False(reader.Read());
    }
}
