using System.Text;
using Nianbao.Archive;
using Nianbao.Archive.Import;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Pipeline;
using Nianbao.Rendering;
using Nianbao.Server.Accounts;

namespace Nianbao.Server.Authoring;

/// <summary>The outcome of checking a form: the national format it was read in (for its year), the findings in Chinese and their counts.</summary>
public sealed record FormCheck(string? Agency, int? Year, string Template, int Errors, int Warnings, IReadOnlyList<FormFinding> Findings);

/// <summary>The outcome of submitting a form: the import outcome and the stored report.</summary>
public sealed record FormSubmission(string Outcome, string? Reason, string? ReportId, string Agency, int Year, int Errors, int Warnings, IReadOnlyList<FormFinding> Findings);

/// <summary>Why a form cannot be submitted or rendered (told to the author in Chinese).</summary>
public sealed class AuthorFormException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// The author's form behind both the API (<c>/api/author/…</c>) and the page (/author): check a form
/// as it is typed, submit it to the archive as an imported report of the agency and year (a contract
/// record read by the pipeline like any other input), and render it in the national format.
/// Who may do what: an author only for their own agency (whatever the form says), an administrator
/// for any agency; checking and rendering change nothing, so every signed-in account may.
/// </summary>
public sealed class AuthorService(ServerOptions options, ReportPipeline pipeline)
{
    public static bool CanSubmit(Access access) => access.Role is Roles.Admin or Roles.Author;

    /// <summary>The agency the form is for: an author's own (the form cannot change it), or the one typed.</summary>
    public static string? AgencyFor(Access access, ArchiveStore store, string? typed)
    {
        if (access.Role != Roles.Author) return string.IsNullOrWhiteSpace(typed) ? null : typed.Trim();
        if (access.AgencyId is not { } id) return null;
        return store.Agency(id)?.Name ?? id;
    }

    public FormCheck Check(AuthorForm form, Access access)
    {
        using var store = ArchiveStore.OpenMigrated(options.Archive);
        var (report, problems) = AuthorFormReader.Read(form, AgencyFor(access, store, form.Agency));
        return Summarize(report, problems);
    }

    private FormCheck Summarize(Report report, IReadOnlyList<FormFinding> problems)
    {
        var findings = AuthorFormReader.Findings(pipeline.Check(report), problems);
        return new FormCheck(report.Agency, report.Year, report.Template.ToContractName(), findings.Count(f => f.Severity == "error"), findings.Count(f => f.Severity == "warning"), findings);
    }

    public FormSubmission Submit(AuthorForm form, Access access)
    {
        if (!CanSubmit(access)) throw new AuthorFormException(403, "只有填报人和管理员可以提交年报。");
        using var store = ArchiveStore.OpenMigrated(options.Archive);
        var (report, problems) = AuthorFormReader.Read(form, AgencyFor(access, store, form.Agency));
        if (report.Agency is not { } agency) throw new AuthorFormException(400, "请填写机关名称。");
        if (report.Year is not { } year || year < 2008 || year > DateTime.UtcNow.Year + 1) throw new AuthorFormException(400, "请填写正确的年度（如 2025）。");
        if (problems.Count > 0) throw new AuthorFormException(422, "表格中有无法读取的内容，请先改正：" + string.Join("；", problems.Select(p => p.Message)));

        // Submitted as the contract record it is: the pipeline reads a record as written and checks it,
        // the archive places the agency and keeps the earlier version of the same agency and year.
        var bytes = ReportJson.SerializeToUtf8(report);
        var name = $"填报-{Safe(agency)}-{year}.json";
        var summary = new ArchiveImporter(store, pipeline).Run([new ImportInput(name, () => bytes, null)], $"author form by {access.Name}");
        var result = summary.Results.Single();
        var entry = result.ReportId is { } id ? store.FindReport(id) : null;
        var stored = entry is not null ? store.LoadReport(entry.Id) : pipeline.Check(report);
        var findings = AuthorFormReader.Findings(stored, []);
        return new FormSubmission(result.Outcome.Name(), result.Reason, entry?.Id, agency, year,
            findings.Count(f => f.Severity == "error"), findings.Count(f => f.Severity == "warning"), findings);
    }

    /// <summary>The form's report in the national format (docx or pdf; html and md too), and a file name for it.</summary>
    public (byte[] Bytes, string ContentType, string FileName) Render(AuthorForm form, Access access, string format)
    {
        var name = format.Trim().ToLowerInvariant();
        if (!ReportRenderers.Formats.Contains(name)) throw new AuthorFormException(400, $"格式应为 {string.Join("、", ReportRenderers.Formats)}。");
        Report report;
        using (var store = ArchiveStore.OpenMigrated(options.Archive)) report = AuthorFormReader.Read(form, AgencyFor(access, store, form.Agency)).Report;
        byte[] bytes;
        try { bytes = ReportRenderers.For(name).Render(report); }
        catch (RenderingException ex) { throw new AuthorFormException(500, "生成失败：" + ex.Message); }
        var title = $"{report.Agency ?? "未署名机关"}{(report.Year is { } y ? $"{y}年" : "")}政府信息公开工作年度报告";
        return (bytes, ContentTypeOf(name), $"{Safe(title)}.{name}");
    }

    public static string ContentTypeOf(string format) => format switch
    {
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf" => "application/pdf",
        "md" => "text/markdown; charset=utf-8",
        _ => "text/html; charset=utf-8",
    };

    // A file name from an agency's name: path separators and control characters out, length bounded.
    private static string Safe(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
            builder.Append(char.IsControl(c) || Path.GetInvalidFileNameChars().Contains(c) || c is '\\' or '/' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c);
        var s = builder.ToString();
        return s.Length > 80 ? s[..80] : s;
    }
}
