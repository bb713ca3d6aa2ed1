using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Nianbao.Domain;

namespace Nianbao.Server.Tests;

/// <summary>
/// Gaps left by the audit of issue #12: a ranking must carry the ranked number itself (not a serialized
/// System.Numerics object), and the problems the framework writes itself must be titled in Chinese too.
/// </summary>
public sealed class RankingValuesAndProblemTitlesTests
{
    private const string Xinxian = "河南省信阳市新县人民政府办公室";
    private const string Guangshan = "河南省信阳市光山县人民政府办公室";
    private static readonly CellPath Granted = CellPath.Parse("applications.granted.total");
    private static readonly CellPath PartlyGranted = CellPath.Parse("applications.partlyGranted.total");
    private static readonly CellPath Handled = CellPath.Parse("applications.totalHandled.total");

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>"n/d" reduced, or "n" when d divides n: computed here, apart from the server's fraction library.</summary>
    private static string Reduced(decimal numerator, decimal denominator)
    {
        var n = new BigInteger(numerator);
        var d = new BigInteger(denominator);
        var gcd = BigInteger.GreatestCommonDivisor(n, d);
        if (gcd.IsZero) gcd = BigInteger.One;
        n /= gcd;
        d /= gcd;
        return d.IsOne ? n.ToString(CultureInfo.InvariantCulture) : $"{n}/{d}";
    }

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task A_ranking_carries_each_agencys_value_numerator_and_denominator_as_generated(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        using var client = await server.SignedIn("admin");
        // Seeds whose 总计 is not 0, so that both agencies are ranked (not listed as not applicable).
        var generated = new[] { Xinxian, Guangshan }.Select((agency, i) => Enumerable.Range(30 + 10 * i, 10)
            .Select(seed => Reports.Generate(agency, 2023, seed)).First(g => g.Truth[Handled] is > 0 && g.Truth[Granted] is not null && g.Truth[PartlyGranted] is not null)).ToList();
        await Json(await client.PostAsync("/api/reports", Reports.Files(generated.Select((g, i) => ($"r{i}.txt", Reports.Print(g))).ToArray())), HttpStatusCode.OK);

        var ranking = await Json(await client.GetAsync("/api/rankings/disclosureRate?region=411500000000&year=2023"), HttpStatusCode.OK);
        var ranked = ranking.GetProperty("ranked").EnumerateArray().ToList();
        Assert.Equal(2, ranked.Count);
        foreach (var (place, truth) in new[] { "新县", "光山县" }.Zip(generated.Select(g => g.Truth)))
        {
            var entry = Assert.Single(ranked, r => r.GetProperty("agency").GetString()!.Contains(place, StringComparison.Ordinal));
            var numerator = truth[Granted]!.Value + truth[PartlyGranted]!.Value;
            var denominator = truth[Handled]!.Value;
            Assert.Equal(JsonValueKind.String, entry.GetProperty("value").ValueKind);
            Assert.Equal(Reduced(numerator, denominator), entry.GetProperty("value").GetString());
            Assert.Equal(numerator, entry.GetProperty("numerator").GetDecimal());
            Assert.Equal(denominator, entry.GetProperty("denominator").GetDecimal());
            Assert.Equal(Math.Round(numerator * 100 / denominator, 2, MidpointRounding.AwayFromZero), entry.GetProperty("percent").GetDecimal());
        }
        // A quantity ranks on its sum: the value is the number itself.
        var received = await Json(await client.GetAsync("/api/rankings/applicationsReceived?region=411500000000&year=2023"), HttpStatusCode.OK);
        var receivedPath = CellPath.Parse("applications.received.total");
        Assert.Equal(
            generated.Select(g => (g.Truth[receivedPath] ?? 0).ToString(CultureInfo.InvariantCulture)).Order(),
            received.GetProperty("ranked").EnumerateArray().Select(r => r.GetProperty("value").GetString()!).Order());
    }

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task The_frameworks_own_problems_have_chinese_titles(string provider)
    {
        await using var server = await TestServer.StartAsync(provider);
        server.AddAccount("admin", "admin");
        using var client = await server.SignedIn("admin");

        async Task<string> Title(HttpResponseMessage response, HttpStatusCode expected)
        {
            Assert.Equal(expected, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString()!;
        }
        // An unknown route of the API: the framework's 404.
        Assert.Equal("未找到 Not Found", await Title(await client.GetAsync("/api/no-such-endpoint"), HttpStatusCode.NotFound));
        // A body of a type the endpoint does not take: the framework's 415.
        var wrongType = await client.PostAsync("/api/session", new StringContent("name=admin", Encoding.UTF8, "text/plain"));
        Assert.Equal("不支持的内容类型 Unsupported Media Type", await Title(wrongType, HttpStatusCode.UnsupportedMediaType));
        // Our own titles stay as they are.
        Assert.Equal("没有这份报告 no such report", await Title(await client.GetAsync("/api/reports/" + new string('0', 64)), HttpStatusCode.NotFound));
    }
}
