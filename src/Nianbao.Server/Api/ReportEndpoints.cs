using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Nianbao.Archive;
using Nianbao.Archive.Import;
using Nianbao.Pipeline;
using Nianbao.Rendering;
using Nianbao.Server.Accounts;
using Nianbao.Server.Findings;

namespace Nianbao.Server.Api;

/// <summary>One uploaded file's outcome: the report made of it, or why there is none (also as RFC 9457 problem details, <see cref="Problem"/>).</summary>
public sealed record UploadResult(string File, string Outcome, string? Reason, string? ReportId, ReportEntry? Report, JsonElement? Record, ProblemDetails? Problem = null);

public sealed record DecisionRequest(string Decision, string? Comment);

/// <summary>Reports: upload, list, the lossless record, findings and decisions, re-parse, rendering.</summary>
internal static class ReportEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/reports").WithTags("报告 reports").RequireAuthorization();

        api.MapPost("", Upload).DisableAntiforgery()
            .WithSummary("上传 Upload one or many report files (multipart, field `file`, repeatable)")
            .Accepts<IFormFileCollection>("multipart/form-data");

        api.MapGet("", (HttpContext http, ServerOptions options, string? region, string? agency, int? year, string? template, bool? hasErrors, bool? history, int? limit) =>
        {
            var access = Access.Of(http.User)!;
            using var store = ArchiveStore.OpenMigrated(options.Archive);
            var filter = access.Narrow(new ReportFilter
            {
                Region = region, Agency = agency, Year = year, Template = template, WithErrors = hasErrors == true,
                IncludeHistory = history == true, Limit = Math.Clamp(limit ?? 1000, 1, 10000),
            });
            try { return Results.Ok(store.ListReports(filter)); }
            catch (ArchiveException ex) { return Results.Problem(statusCode: 400, title: "筛选条件无效 invalid filter", detail: ex.Message); }
        }).WithSummary("报告列表 List and filter reports (region, agency, year, template, hasErrors)");

        api.MapGet("/{id}", (string id, HttpContext http, ServerOptions options) =>
            WithReport(id, http, options, (store, entry) => Results.Text(store.RecordJson(entry.Id), "application/json; charset=utf-8")))
            .WithSummary("报告 The report as its lossless record (contract JSON)");

        api.MapGet("/{id}/findings", (string id, HttpContext http, ServerOptions options) =>
            WithReport(id, http, options, (store, entry) => Results.Ok(new DecisionStore(store).Findings(entry))))
            .WithSummary("问题 The report's findings, each with its decision");

        api.MapPut("/{id}/findings/{seq:int}/decision", (string id, int seq, DecisionRequest body, HttpContext http, ServerOptions options) =>
        {
            var access = Access.Of(http.User)!;
            if (!access.CanDecide) return Results.Problem(statusCode: 403, title: "无权处理问题 only administrators and reviewers decide findings");
            if (body.Decision is not (DecisionKinds.Confirmed or DecisionKinds.Dismissed))
                return Results.Problem(statusCode: 400, title: "决定无效 invalid decision", detail: "decision 应为 confirmed 或 dismissed.");
            if (body.Comment is { Length: > 2000 }) return Results.Problem(statusCode: 400, title: "说明过长 comment too long (2000 characters at most)");
            return WithReport(id, http, options, (store, entry) =>
                new DecisionStore(store).Decide(entry, seq, body.Decision, body.Comment, access.Name) is { } d
                    ? Results.Ok(d)
                    : Results.Problem(statusCode: 404, title: "没有这个问题 no such finding", detail: $"{entry.Id[..12]} has no finding {seq}."));
        }).WithSummary("处理问题 Confirm or dismiss a finding with a comment (kept across re-parsing and new versions)");

        api.MapPost("/{id}/reparse", (string id, HttpContext http, ServerOptions options, ReportPipeline pipeline) =>
        {
            var access = Access.Of(http.User)!;
            if (!access.CanDecide) return Results.Problem(statusCode: 403, title: "无权重新读取 only administrators and reviewers re-parse");
            return WithReport(id, http, options, (store, entry) =>
            {
                // The reparser takes a filter: the agency-year's versions, of which this one is kept.
                var filter = new ReportFilter { Agency = entry.AgencyId ?? entry.AgencyPrinted, Year = entry.Year, IncludeHistory = true };
                var result = new Reparser(store, pipeline).Run(filter).FirstOrDefault(r => r.Report.Id == entry.Id);
                if (result is null) return Results.Problem(statusCode: 422, title: "无法重新读取 cannot re-parse", detail: "the report has no agency to select it by");
                return result.Problem is { } problem
                    ? Results.Problem(statusCode: 422, title: "无法重新读取 cannot re-parse", detail: problem)
                    : Results.Ok(new { result.Report.Id, result.Changes, result.FindingsBefore, result.FindingsAfter });
            });
        }).WithSummary("重新读取 Re-read the report from its stored original");

        api.MapGet("/{id}/rendered", (string id, string? format, HttpContext http, ServerOptions options) =>
        {
            var name = (format ?? "html").ToLowerInvariant();
            if (!ReportRenderers.Formats.Contains(name))
                return Results.Problem(statusCode: 400, title: "格式无效 unknown format", detail: $"format: {string.Join(", ", ReportRenderers.Formats)}");
            return WithReport(id, http, options, (store, entry) =>
            {
                try
                {
                    var bytes = ReportRenderers.For(name).Render(store.LoadReport(entry.Id));
                    var type = name switch
                    {
                        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        "pdf" => "application/pdf",
                        "md" => "text/markdown; charset=utf-8",
                        _ => "text/html; charset=utf-8",
                    };
                    return Results.File(bytes, type, $"{entry.Id[..12]}.{name}");
                }
                catch (RenderingException ex) { return Results.Problem(statusCode: 500, title: "生成失败 rendering failed", detail: $"{ex.Text(Nianbao.Domain.Findings.MessageLanguage.Zh)}（{ex.Message}）"); }
            });
        }).WithSummary("生成文档 The report in the national format: docx, pdf, html or md");
    }

    /// <summary>Runs <paramref name="then"/> on the report when it exists and the account may see it (404 otherwise: not even its existence leaks).</summary>
    internal static IResult WithReport(string id, HttpContext http, ServerOptions options, Func<ArchiveStore, ReportEntry, IResult> then)
    {
        var access = Access.Of(http.User)!;
        using var store = ArchiveStore.OpenMigrated(options.Archive);
        if (store.FindReport(id) is not { } entry || !access.CanSee(entry))
            return Results.Problem(statusCode: 404, title: "没有这份报告 no such report", detail: $"{id}");
        return then(store, entry);
    }

    /// <summary>
    /// Which read reports this account may store, decided before anything is stored: an author only its
    /// own agency's, a reviewer limited to a region only those of agencies placed in it (or below).
    /// Administrators and unlimited reviewers store every report.
    /// </summary>
    private static Func<Domain.Report, System.Data.IDbTransaction, string?>? Admission(Access access, ArchiveStore store)
    {
        if (access.Role == Roles.Author)
        {
            // An account made before its agency's first report may hold the name: the id it stands for now.
            var own = access.AgencyId is { } a ? store.FindAgencyId(a) ?? a : null;
            var registry = new AgencyRegistry(store);
            return (report, tx) => own is not null && registry.Foresee(report, tx).AgencyId == own ? null : NotYours(access, report.Agency);
        }
        if (access is { Role: Roles.Reviewer, RegionCode: { } region })
        {
            var registry = new AgencyRegistry(store);
            var prefix = ArchiveStore.RegionPrefix(region);
            return (report, tx) => registry.Foresee(report, tx).RegionCode is { } code && ArchiveStore.RegionPrefix(code.PadRight(12, '0')).StartsWith(prefix, StringComparison.Ordinal)
                ? null
                : $"报告机关「{report.Agency ?? "（未署名）"}」不在您负责的地区 {region}，不能上传 (the report's agency is not placed in your region {region}).";
        }
        return null;
    }

    private static string NotYours(Access access, string? agency) =>
        access.Role == Roles.Author
            ? $"报告机关「{agency ?? "（未署名）"}」不是您的机关，填报人只能上传本机关的报告 (an author uploads only its own agency's reports)."
            : $"报告机关「{agency ?? "（未署名）"}」不在您负责的地区 {access.RegionCode}，不能上传 (the report's agency is not placed in your region).";

    private static UploadResult Refused(string file, string reason) =>
        new(file, InputOutcome.Refused.Name(), $"{file}: {reason}", null, null, null, FileProblem(file, StatusCodes.Status403Forbidden, "拒收：不是您可以上传的报告 refused: not a report you may upload", $"{file}: {reason}"));

    /// <summary>A file without a report: its reason also as problem details (403 refused, 413 too large, 422 not a report or unreadable).</summary>
    private static UploadResult Failed(InputResult r)
    {
        var (status, title) = r.Outcome switch
        {
            InputOutcome.Refused => (StatusCodes.Status403Forbidden, "拒收：不是您可以上传的报告 refused: not a report you may upload"),
            InputOutcome.NotAReport => (StatusCodes.Status422UnprocessableEntity, "不是年度报告 not an annual report"),
            _ when r.Reason?.Contains("过大", StringComparison.Ordinal) == true => (StatusCodes.Status413PayloadTooLarge, "文件过大 file too large"),
            _ => (StatusCodes.Status422UnprocessableEntity, "无法读取 cannot be read"),
        };
        return new UploadResult(r.Input, r.Outcome.Name(), r.Reason, r.ReportId, null, null, FileProblem(r.Input, status, title, r.Reason ?? r.Input));
    }

    private static ProblemDetails FileProblem(string file, int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail, Instance = file };

    private static async Task<IResult> Upload(HttpContext http, ServerOptions options, ReportPipeline pipeline, ImportGate gate)
    {
        var access = Access.Of(http.User)!;
        if (!access.CanUpload) return Results.Problem(statusCode: 403, title: "无权上传 viewers cannot upload");
        if (!http.Request.HasFormContentType)
            return Results.Problem(statusCode: 415, title: "应为 multipart/form-data", detail: "Upload the files as multipart/form-data, field `file`.");
        IFormCollection form;
        try { form = await http.Request.ReadFormAsync(http.RequestAborted); }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Results.Problem(statusCode: 413, title: "上传过大 upload too large",
                detail: $"每次最多 {options.MaxFiles} 个文件、每个不超过 {options.MaxFileBytes / (1024 * 1024)} MB: {ex.Message}");
        }
        var files = form.Files.GetFiles("file");
        if (files.Count == 0) return Results.Problem(statusCode: 400, title: "没有文件 no file", detail: "Send the files in the field `file`.");
        if (files.Count > options.MaxFiles)
            return Results.Problem(statusCode: 413, title: "文件过多 too many files", detail: $"每次最多 {options.MaxFiles} 个文件 (at most {options.MaxFiles} files per upload).");

        var inputs = new List<ImportInput>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file.FileName.Replace('\\', '/'));
            if (name.Length == 0) name = "upload";
            if (file.Length > options.MaxFileBytes)
            {
                inputs.Add(ImportInput.Refused(name, $"{name}: 文件过大（{file.Length} 字节，上限 {options.MaxFileBytes}） the file is too large."));
                continue;
            }
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, http.RequestAborted);
            var bytes = buffer.ToArray();
            inputs.Add(new ImportInput(name, () => bytes, null));
        }

        using var store = ArchiveStore.OpenMigrated(options.Archive);
        ImportSummary summary;
        using (await gate.EnterAsync(http.RequestAborted))
            summary = new ArchiveImporter(store, pipeline).Run(inputs, $"web upload by {access.Name}", new ImportOptions { Admit = Admission(access, store), LookUpEachHash = true });
        var results = summary.Results.Select(r =>
        {
            ReportEntry? entry = r.ReportId is { } id ? store.FindReport(id) : null;
            // The same bytes already stored as a report this account may not see: refused like a new one (nothing was stored).
            if (r.Outcome == InputOutcome.AlreadyPresent && entry is not null && !access.CanSee(entry))
                return Refused(r.Input, NotYours(access, entry.AgencyPrinted ?? entry.Agency));
            if (entry is null) return Failed(r);
            JsonElement? record = JsonDocument.Parse(store.RecordJson(entry.Id)).RootElement.Clone();
            return new UploadResult(r.Input, r.Outcome.Name(), r.Reason, r.ReportId, entry, record);
        }).ToList();
        return Results.Ok(results);
    }
}
