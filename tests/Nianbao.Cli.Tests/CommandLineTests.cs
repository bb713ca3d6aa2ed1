using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Nianbao.Cli.Tests;

/// <summary>
/// The command line as a new user and a script meet it: languages, JSON Lines and the tally, the quiet
/// mode, record errors that name the field, render that checks, new that never overwrites, the
/// fill-in workbook read back with its sections. Each test runs the built nianbao in its own process.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly Dictionary<string, string> Chinese = new() { ["LANG"] = "zh_CN.UTF-8" };

    [Fact]
    public void Findings_are_told_in_chinese_or_english_with_the_same_rule_ids()
    {
        var seed = SharedFiles.Seed("002_3b18a393dc797b1b.txt");

        var zh = Nianbao.Exec("check", seed, "--lang", "zh");
        var en = Nianbao.Exec("check", seed, "--lang", "en");
        var fromEnvironment = Nianbao.ExecIn(null, Chinese, "check", seed);

        Assert.Contains("S-2 第六部分没有提及信息处理费", zh.Out);
        Assert.Contains("警告", zh.Out);
        Assert.Contains("S-2 Section 六 does not mention the 信息处理费", en.Out);
        Assert.Contains("warning", en.Out);
        Assert.Equal(zh.Out, fromEnvironment.Out);
        Assert.Equal(Rules(zh.Out), Rules(en.Out));
        Assert.Equal(zh.ExitCode, en.ExitCode);
    }

    private static List<string> Rules(string output) =>
        output.Split('\n').Select(l => System.Text.RegularExpressions.Regex.Match(l, @"\b([A-Z]\d?-\d+B?)\b")).Where(m => m.Success).Select(m => m.Value).ToList();

    [Fact]
    public void Check_json_streams_one_object_per_file_and_closes_with_the_tally()
    {
        var prose = _dir.Write("prose.txt", "今天天气很好，我们去公园散步。");
        var empty = _dir.Write("empty.txt", "");
        var run = Nianbao.Exec("check", SharedFiles.Seeds, prose, empty, "--json");

        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, run.ExitCode); // a file could not be read
        Assert.Equal(8, lines.Count);  // five seeds, prose, empty, tally
        Assert.Equal(["report", "report", "report", "report", "report", "notAReport", "unreadable"],
            lines.Take(7).Select(l => l.GetProperty("outcome").GetString()!));
        Assert.Contains("empty.txt", lines[6].GetProperty("problem").GetString());
        Assert.Equal("R-0", lines[5].GetProperty("findings")[0].GetProperty("rule").GetString());
        var tally = lines[7].GetProperty("tally");
        Assert.Equal(7, tally.GetProperty("files").GetInt32());
        Assert.Equal(5, tally.GetProperty("reports").GetInt32());
        Assert.Equal(1, tally.GetProperty("notReports").GetInt32());
        Assert.Equal(1, tally.GetProperty("unreadable").GetInt32());
        var warnings = lines.Take(5).Sum(l => l.GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("severity").GetString() == "warning"));
        Assert.Equal(warnings, tally.GetProperty("warnings").GetInt32());
        Assert.Equal("", run.Error.Trim()); // no progress bar when stderr is not a terminal
    }

    [Fact]
    public void Quiet_mode_is_one_line_per_file_and_the_tally()
    {
        var prose = _dir.Write("prose.txt", "今天天气很好，我们去公园散步。");
        var run = Nianbao.ExecIn(null, Chinese, "check", SharedFiles.Seeds, prose, "-q");

        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length);
        Assert.EndsWith("prose.txt\t不是年度报告\t错误 1\t警告 0", lines[5]);
        Assert.StartsWith("共 6 个文件：5 份报告", lines[6]);
        Assert.Contains("不是年度报告 1 个", lines[6]);
        Assert.Equal(1, run.ExitCode);
    }

    public static TheoryData<string, string, string, string> WrongRecords => new()
    {
        { "{\"schemaVersion\":1,\"template\":\"2023\",\"year\":2024}", "template", "不是已知的格式", "is not a template" },
        { "{\"schemaVersion\":1,\"template\":\"2021\",\"year\":\"二〇二四\"}", "year", "不是报告年度", "is not a reporting year" },
        { "{\"schemaVersion\":9,\"template\":\"2021\",\"year\":2024}", "schemaVersion", "不支持版本 9", "version 9 is not supported" },
        { "{\"schemaVersion\":1,\"template\":\"2021\",\"year\":2024,\"colour\":\"red\"}", "colour", "未知字段", "unknown field" },
    };

    [Theory]
    [MemberData(nameof(WrongRecords))]
    public void A_wrong_record_gets_an_error_naming_the_field(string json, string field, string chinese, string english)
    {
        var path = _dir.Write("record.json", json);

        var zh = Nianbao.Exec("check", path, "--lang", "zh");
        var en = Nianbao.Exec("check", path, "--lang", "en");
        var render = Nianbao.Exec("render", path, "--to", "md");

        Assert.Equal(2, zh.ExitCode);
        Assert.Contains($"字段 {field}", zh.Error);
        Assert.Contains(chinese, zh.Error);
        Assert.Contains($"{field}: ", en.Error);
        Assert.Contains(english, en.Error);
        Assert.Equal(2, render.ExitCode);
        Assert.False(File.Exists(Path.ChangeExtension(path, ".md")));
        Assert.DoesNotContain("no findings", en.Out);
    }

    [Fact]
    public void Render_checks_the_report_and_prints_what_it_found()
    {
        var made = Nianbao.Exec("new", "--agency", "某乡人民政府", "--year", "2024", "-o", _dir.Path);
        var json = made.Out.Split('\n')[0].Trim();
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(json))!;
        node["applications"]!["received"]!["naturalPerson"] = 3;
        node["applications"]!["received"]!["total"] = 5; // the six applicant columns add up to 3
        foreach (var c in new[] { "commercial", "research", "nonprofit", "legalService", "otherOrg" }) node["applications"]!["received"]![c] = 0;
        File.WriteAllText(json, node.ToJsonString());

        var run = Nianbao.Exec("render", json, "--to", "md", "-o", _dir["out.md"]);

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(_dir["out.md"]));
        Assert.Contains("T3-3", run.Error);                        // found by rendering's own check, not carried in the file
        Assert.Contains("T2-4B", run.Error);                       // table 二 not filled in
        Assert.DoesNotContain("T3-3", File.ReadAllText(json));     // the record itself held no findings
    }

    [Fact]
    public void New_never_overwrites_unless_forced()
    {
        var first = Nianbao.Exec("new", "--agency", "某乡人民政府", "--year", "2024", "-o", _dir.Path);
        var json = first.Out.Split('\n')[0].Trim();
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"text\": \"\"", "\"text\": \"作者写的内容\""));
        var written = File.ReadAllText(json);

        var again = Nianbao.Exec("new", "--agency", "某乡人民政府", "--year", "2024", "-o", _dir.Path);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--force", again.Error);
        Assert.Equal(written, File.ReadAllText(json));

        var forced = Nianbao.Exec("new", "--agency", "某乡人民政府", "--year", "2024", "-o", _dir.Path, "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.NotEqual(written, File.ReadAllText(json));
    }

    [Fact]
    public void The_filled_in_workbook_is_a_first_class_input_with_the_sections_text()
    {
        var made = Nianbao.Exec("new", "--agency", "某乡人民政府", "--year", "2024", "-o", _dir.Path);
        var xlsx = made.Out.Split('\n')[1].Trim();
        Fill(xlsx, new Dictionary<string, string>
        {
            ["sections.1"] = "2024年，本乡认真贯彻落实政府信息公开条例。",
            ["sections.5"] = "存在的问题是公开内容不够丰富，下一步将加强培训。",
            ["sections.6"] = "本机关未收取信息处理费。",
            ["activeDisclosure.regulations.issued"] = "0",
            ["applications.received.naturalPerson"] = "4",
            ["applications.received.total"] = "7",
            ["reviewsAndLawsuits.review.total"] = "0",
        });

        var parsed = Nianbao.Exec("parse", xlsx, "--json");
        var check = Nianbao.Exec("check", xlsx);
        var render = Nianbao.Exec("render", xlsx, "--to", "md", "-o", _dir["from-workbook.md"]);

        Assert.Equal(0, parsed.ExitCode);
        using var json = parsed.Json();
        var report = json.RootElement;
        Assert.Equal("某乡人民政府", report.GetProperty("agency").GetString());
        Assert.Equal(2024, report.GetProperty("year").GetInt32());
        Assert.Equal("2021", report.GetProperty("template").GetString());
        Assert.Equal("本机关未收取信息处理费。", report.GetProperty("sections")[5].GetProperty("text").GetString());
        Assert.Equal(4, report.GetProperty("applications").GetProperty("received").GetProperty("naturalPerson").GetInt32());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("applications").GetProperty("received").GetProperty("commercial").ValueKind);
        Assert.DoesNotContain("S-2", check.Out);           // section 六 now states the fee
        Assert.DoesNotContain("S-1", check.Out);           // all six sections there
        Assert.Contains("T3-4", check.Out);                // blank cells are still incomplete, not 0
        Assert.Equal(0, render.ExitCode);
        Assert.Contains("存在的问题是公开内容不够丰富", File.ReadAllText(_dir["from-workbook.md"]));

        Fill(xlsx, new Dictionary<string, string> { ["report.year"] = "去年" });
        var wrongYear = Nianbao.Exec("check", xlsx, "--lang", "en");
        Assert.Equal(2, wrongYear.ExitCode);
        Assert.Contains("report.year", wrongYear.Error);
        Assert.Contains("is not a year", wrongYear.Error);
    }

    [Fact]
    public void The_workbooks_fee_collection_cells_are_read_back_and_rendered_into_word()
    {
        var made = Nianbao.Exec("new", "--agency", "某乡人民政府", "--year", "2025", "-o", _dir.Path);
        var xlsx = made.Out.Split('\n')[1].Trim();
        // 信息处理费收取情况 under table 四, typed as an author would.
        Fill(xlsx, new Dictionary<string, string>
        {
            ["feeCollection.notifiedCount"] = "2",
            ["feeCollection.notifiedAmountYuan"] = "150.5",
            ["feeCollection.collectedAmountYuan"] = "0",
            ["applications.received.total"] = "7",
        });
        var docx = _dir["fees.docx"];
        var render = Nianbao.Exec("render", xlsx, "--to", "docx", "-o", docx);
        var parsedWord = Nianbao.Exec("parse", docx, "--json");

        Assert.Equal(0, render.ExitCode);
        // The Word document prints the table after table 四; read back, the typed numbers are there.
        using var fromWord = parsedWord.Json();
        var wordFees = fromWord.RootElement.GetProperty("feeCollection");
        Assert.Equal(2, wordFees.GetProperty("notifiedCount").GetInt32());
        Assert.Equal(150.5m, wordFees.GetProperty("notifiedAmountYuan").GetDecimal());
        Assert.Equal(0, wordFees.GetProperty("collectedAmountYuan").GetInt32());
        Assert.Equal(7, fromWord.RootElement.GetProperty("applications").GetProperty("received").GetProperty("total").GetInt32());

        // A cell emptied again is blank, not 0.
        Fill(xlsx, new Dictionary<string, string> { ["feeCollection.collectedAmountYuan"] = "" });
        using var fromWorkbook = Nianbao.Exec("parse", xlsx, "--json").Json();
        var fees = fromWorkbook.RootElement.GetProperty("feeCollection");
        Assert.Equal(2, fees.GetProperty("notifiedCount").GetInt32());
        Assert.Equal(150.5m, fees.GetProperty("notifiedAmountYuan").GetDecimal());
        Assert.Equal(JsonValueKind.Null, fees.GetProperty("collectedAmountYuan").ValueKind);

        // A workbook whose fee cells are untouched has no fee table at all, never one of zeros.
        var untouched = Nianbao.Exec("new", "--agency", "某村委会", "--year", "2025", "-o", _dir.Path);
        using var none = Nianbao.Exec("parse", untouched.Out.Split('\n')[1].Trim(), "--json").Json();
        Assert.False(none.RootElement.TryGetProperty("feeCollection", out var absent) && absent.ValueKind != JsonValueKind.Null);
    }

    /// <summary>Types text into the workbook's named cells, as an author would in a spreadsheet program.</summary>
    private static void Fill(string xlsx, IReadOnlyDictionary<string, string> values)
    {
        using var document = SpreadsheetDocument.Open(xlsx, true);
        var workbook = document.WorkbookPart!;
        var names = workbook.Workbook.DefinedNames!.Elements<DefinedName>().ToDictionary(n => n.Name!.Value!, n => n.Text);
        foreach (var (name, value) in values)
        {
            var reference = names[name];
            var bang = reference.LastIndexOf('!');
            var sheetName = reference[..bang].Trim('\'');
            var cellRef = reference[(bang + 1)..].Replace("$", "");
            var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var cell = part.Worksheet.Descendants<Cell>().Single(c => c.CellReference == cellRef);
            if (decimal.TryParse(value, out _))
            {
                cell.DataType = null;
                cell.CellValue = new CellValue(value);
            }
            else
            {
                cell.CellValue = null;
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(value));
            }
        }
        workbook.Workbook.Save();
    }
}
