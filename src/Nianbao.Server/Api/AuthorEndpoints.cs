using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Nianbao.Server.Accounts;
using Nianbao.Server.Authoring;

namespace Nianbao.Server.Api;

/// <summary>The author's form as an API: check live, submit to the archive, render in the national format.</summary>
internal static class AuthorEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/author").WithTags("填报 author's form").RequireAuthorization();

        api.MapPost("/check", (AuthorForm form, HttpContext http, AuthorService author) =>
                Results.Ok(author.Check(form, Access.Of(http.User)!)))
            .WithSummary("检查 Build a report from the form (in the national format the template definition gives for its year: 2019 or 2021) and return the findings in Chinese with their cells");

        api.MapPost("/submit", (AuthorForm form, HttpContext http, AuthorService author) =>
                Run(() => Results.Ok(author.Submit(form, Access.Of(http.User)!))))
            .WithSummary("提交 Submit the form to the archive as the agency's report of the year (authors: their own agency only)");

        api.MapPost("/rendered", (AuthorForm form, string? format, HttpContext http, AuthorService author) =>
                Run(() =>
                {
                    var (bytes, type, name) = author.Render(form, Access.Of(http.User)!, format ?? "docx");
                    return Results.File(bytes, type, name);
                }))
            .WithSummary("下载 The form's report in the national format: docx or pdf");
    }

    private static IResult Run(Func<IResult> action)
    {
        try { return action(); }
        catch (AuthorFormException ex) { return Results.Problem(statusCode: ex.Status, title: ex.Message); }
    }
}
