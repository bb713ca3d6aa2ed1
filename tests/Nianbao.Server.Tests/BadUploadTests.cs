using System.Net;
using System.Text;
using static Nianbao.Server.Tests.Http;

namespace Nianbao.Server.Tests;

/// <summary>Hostile and broken uploads: each file answers for itself (problem details), and the server goes on serving.</summary>
public sealed class BadUploadTests
{
    private const string Xinxian = "河南省信阳市新县人民政府办公室";

    [Theory, MemberData(nameof(TestServer.Providers), MemberType = typeof(TestServer))]
    public async Task Every_bad_file_gets_its_own_problem_and_the_server_stays_up(string provider)
    {
        await using var server = await TestServer.StartAsync(provider, maxFileBytes: 1024 * 1024, maxFiles: 8);
        server.AddAccount("admin", "admin");
        using var client = await server.SignedIn("admin");
        var report = Reports.Print(Reports.Generate(Xinxian, 2023, seed: 61));
        var docx = Reports.ZipBomb();
        docx[^10] ^= 0xFF; // a zip container cut wrong: neither a document nor a bomb that opens
        var results = await Upload(client,
            ("notes.txt", Encoding.UTF8.GetBytes("会议纪要：今天讨论了午餐安排。")),
            ("broken.pdf", "%PDF-1.7\n1 0 obj\n<< /Type /Catalog"u8.ToArray().Concat(new byte[300]).ToArray()),
            ("bomb.zip", Reports.ZipBomb()),
            ("huge.txt", new byte[1024 * 1024 + 1]),
            ("empty.docx", []),
            ("damaged.docx", docx),
            ("report.txt", report));
        FileProblem(results["notes.txt"], "notAReport", 422);
        Assert.Contains("过大", FileProblem(results["huge.txt"], "failed", 413).GetProperty("detail").GetString());
        foreach (var bad in new[] { "broken.pdf", "bomb.zip", "empty.docx", "damaged.docx" })
            Assert.Contains(FileProblem(results[bad], results[bad].GetProperty("outcome").GetString()!, 422).GetProperty("status").GetInt32(), new[] { 422 });
        Assert.StartsWith("imported", results["report.txt"].GetProperty("outcome").GetString());

        // Too many files, or a body over the limit: the request as a whole, as problem details.
        var many = Enumerable.Range(0, 9).Select(i => ($"{i}.txt", new byte[] { 1 })).ToArray();
        await Problem(await client.PostAsync("/api/reports", Reports.Files(many)), HttpStatusCode.RequestEntityTooLarge);
        var overBody = Enumerable.Range(0, 8).Select(i => ($"big{i}.txt", new byte[1024 * 1024])).ToArray();
        var answer = await client.PostAsync("/api/reports", Reports.Files(overBody));
        Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.RequestEntityTooLarge, answer.StatusCode.ToString());
        await Problem(await client.PostAsync("/api/reports", new StringContent("{}", Encoding.UTF8, "application/json")), HttpStatusCode.UnsupportedMediaType);

        // Still serving: a good upload and a read afterwards.
        var again = await Upload(client, ("next.txt", Reports.Print(Reports.Generate(Xinxian, 2024, seed: 62))));
        Assert.StartsWith("imported", again["next.txt"].GetProperty("outcome").GetString());
        Assert.Equal(2, Count(await Json(await client.GetAsync("/api/reports"), HttpStatusCode.OK)));
    }
}
