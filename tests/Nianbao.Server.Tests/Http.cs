using System.Net;
using System.Text.Json;

namespace Nianbao.Server.Tests;

/// <summary>Reading answers of the API: JSON bodies with their status, problem details, uploads.</summary>
internal static class Http
{
    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>An RFC 9457 answer with this status and a title.</summary>
    public static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>Uploads the files; the answer is one result per file, by file name.</summary>
    public static async Task<Dictionary<string, JsonElement>> Upload(HttpClient client, params (string, byte[])[] files)
    {
        var results = await Json(await client.PostAsync("/api/reports", Reports.Files(files)), HttpStatusCode.OK);
        var byFile = results.EnumerateArray().ToDictionary(r => r.GetProperty("file").GetString()!);
        Assert.Equal(files.Length, byFile.Count);
        return byFile;
    }

    /// <summary>A file's result that holds no report: its outcome, and problem details naming the file.</summary>
    public static JsonElement FileProblem(JsonElement result, string outcome, int status)
    {
        Assert.Equal(outcome, result.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("reportId").ValueKind);
        var problem = result.GetProperty("problem");
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        var file = result.GetProperty("file").GetString()!;
        Assert.Equal(file, problem.GetProperty("instance").GetString());
        Assert.Contains(file, problem.GetProperty("detail").GetString());
        return problem;
    }

    public static int Count(JsonElement array) => array.GetArrayLength();
}
