using System.Net;
using System.Text.Json;
using Nianbao.Checks;
using Nianbao.Domain.Findings;
using Nianbao.Pipeline;

namespace Nianbao.Server.Tests;

/// <summary>
/// The report page is in Chinese throughout: its findings are told in Chinese (the findings message
/// catalog, from each finding's rule and the values it quotes), never in the English text the archive
/// stores; the API gives both (<c>message</c>, <c>messageZh</c>).
/// </summary>
public class ChineseFindingsTests
{
    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task The_report_page_tells_every_finding_in_chinese(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        using var client = await server.SignedIn("admin");
        // Generated with deliberate inconsistencies: table arithmetic findings that quote rows and numbers.
        var bytes = Reports.Print(Reports.Generate("河南省信阳市新县人民政府办公室", 2023, 17, inconsistent: true));
        var expected = ReportPipeline.Default.Read(bytes, "xinxian-2023.txt").Findings;
        Assert.NotEmpty(expected);

        var uploaded = await Http.Upload(client, ("xinxian-2023.txt", bytes));
        var id = uploaded["xinxian-2023.txt"].GetProperty("reportId").GetString()!;
        var page = await client.GetAsync($"/reports/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var text = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        foreach (var finding in expected)
        {
            var zh = FindingMessages.Text(finding, MessageLanguage.Zh);
            Assert.NotEqual(finding.Message, zh);
            Assert.Contains(zh, text);
            Assert.DoesNotContain(finding.Message, text);
        }

        var api = await Http.Json(await client.GetAsync($"/api/reports/{id}/findings"), HttpStatusCode.OK);
        var own = api.EnumerateArray().Where(f => f.GetProperty("neighbourId").ValueKind == JsonValueKind.Null).ToList();
        Assert.Equal(expected.Select(f => f.Message), own.Select(f => f.GetProperty("message").GetString()));
        Assert.Equal(expected.Select(f => FindingMessages.Text(f, MessageLanguage.Zh)), own.Select(f => f.GetProperty("messageZh").GetString()));
    }

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task Findings_across_two_years_are_told_in_chinese_on_both_reports(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        using var client = await server.SignedIn("admin");
        const string agency = "河南省信阳市新县人民政府办公室";
        // Two years generated apart: last year's 结转下年度 is not this year's 上年结转 (T3-5), among others.
        var before = Reports.Print(Reports.Generate(agency, 2022, 21));
        var after = Reports.Print(Reports.Generate(agency, 2023, 22));
        var expected = CrossYearChecks.Compare(ReportPipeline.Default.Read(before, "2022.txt"), ReportPipeline.Default.Read(after, "2023.txt"));
        Assert.Contains(expected, f => f.Rule == "T3-5");

        var uploaded = await Http.Upload(client, ("2022.txt", before), ("2023.txt", after));
        foreach (var file in new[] { "2022.txt", "2023.txt" })
        {
            var id = uploaded[file].GetProperty("reportId").GetString()!;
            var text = WebUtility.HtmlDecode(await (await client.GetAsync($"/reports/{id}")).Content.ReadAsStringAsync());
            foreach (var finding in expected)
            {
                Assert.Contains(FindingMessages.Text(finding, MessageLanguage.Zh), text);
                Assert.DoesNotContain(finding.Message, text);
            }
        }
    }

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task A_missing_fee_statement_is_said_in_chinese_on_the_page(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        using var client = await server.SignedIn("admin");
        // The 泗店乡 seed does not mention the 信息处理费 in section 六 (rule S-2).
        var seed = Path.Combine(Browser.Seeds(), "000_3ec678314bae42e2.txt");
        var uploaded = await Http.Upload(client, ("000.txt", await File.ReadAllBytesAsync(seed)));
        var id = uploaded["000.txt"].GetProperty("reportId").GetString()!;
        var text = WebUtility.HtmlDecode(await (await client.GetAsync($"/reports/{id}")).Content.ReadAsStringAsync());
        Assert.Contains("第六部分没有提及信息处理费；自 2021 年度报告起应说明收费情况，未收费也应说明", text);
        Assert.DoesNotContain("does not mention", text);
    }
}

/// <summary>An upload that is not an annual report is answered in Chinese, naming the file and the problem.</summary>
public class ChineseUploadProblemTests
{
    [Fact]
    public async Task A_file_that_is_not_a_report_is_refused_in_chinese_naming_the_file()
    {
        await using var server = await TestServer.StartAsync("sqlite");
        server.AddAccount("admin", "admin");
        using var client = await server.SignedIn("admin");
        var results = await Http.Upload(client, ("会议纪要.txt", System.Text.Encoding.UTF8.GetBytes("会议纪要：今天讨论了午餐安排。")));
        var problem = Http.FileProblem(results["会议纪要.txt"], "notAReport", 422);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith("会议纪要.txt: ", detail);
        Assert.Contains("不是政府信息公开工作年度报告", detail);
    }
}
