using System.Text.Json;

namespace Nianbao.Cli.Tests;

/// <summary>
/// <c>nianbao check</c> never says "no findings" about something that is not a finished report: a file
/// that is not an annual report at all, or the blank report <c>nianbao new</c> writes.
/// </summary>
public sealed class TruthfulCheckTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string> NotReports => new()
    {
        { "prose.txt", "今天天气很好，我们去公园散步。明天也许会下雨，记得带伞。" },
        { "empty-object.json", "{}" },
        { "empty-array.json", "[]" },
        { "other-object.json", "{\"name\": \"张三\", \"age\": 30}" },
        { "page.html", "<html><head><meta charset=\"utf-8\"></head><body><p>欢迎访问本网站。</p></body></html>" },
    };

    [Theory]
    [MemberData(nameof(NotReports))]
    public void A_file_that_is_not_an_annual_report_is_said_to_be_one_and_check_fails(string name, string content)
    {
        var path = _dir.Write(name, content);

        var check = Nianbao.Exec("check", path);
        var parse = Nianbao.Exec("parse", path, "--json");

        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains("R-0", check.Out);
        Assert.DoesNotContain("no findings", check.Out);
        using var json = parse.Json();
        Assert.Contains(json.RootElement.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("rule").GetString() == "R-0" && f.GetProperty("severity").GetString() == "error");
    }

    [Fact]
    public void A_real_report_is_not_taken_for_a_non_report()
    {
        var check = Nianbao.Exec("check", SharedFiles.Seeds);

        Assert.DoesNotContain("R-0", check.Out);
    }

    [Theory]
    [InlineData("2024", "T2-4B", "T3-4", "T4-2")]
    [InlineData("2020", "T2-4B", "T3-4", "T4-2")]
    public void A_blank_report_from_new_is_incomplete_table_by_table(string year, params string[] rules)
    {
        var made = Nianbao.Exec("new", "--agency", "某乡人民政府", "--year", year, "-o", _dir.Path);
        Assert.Equal(0, made.ExitCode);
        var json = Directory.GetFiles(_dir.Path, "*.json").Single();

        var check = Nianbao.Exec("check", json);

        Assert.Equal(1, check.ExitCode);
        foreach (var rule in rules)
        {
            var lines = check.Out.Split('\n').Where(l => l.Contains($" {rule} ", StringComparison.Ordinal)).ToList();
            Assert.Single(lines); // one finding for the table, not one per row
            Assert.Contains("error", lines[0]);
        }
        Assert.DoesNotContain("no findings", check.Out);
    }

    [Fact]
    public void A_filled_in_report_has_no_not_filled_in_finding()
    {
        var made = Nianbao.Exec("new", "--agency", "某乡人民政府", "--year", "2024", "-o", _dir.Path);
        Assert.Equal(0, made.ExitCode);
        var path = Directory.GetFiles(_dir.Path, "*.json").Single();
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        node["applications"]!["received"]!["naturalPerson"] = 3; // one number typed into table 三
        File.WriteAllText(path, node.ToJsonString());

        var check = Nianbao.Exec("check", path);

        Assert.DoesNotContain("T3-4 table 三 is not filled in", check.Out);
        Assert.Contains("T3-4", check.Out);       // its other cells are still blank, row by row
        Assert.Contains("T2-4B table 二 is not filled in", check.Out);
    }
}
