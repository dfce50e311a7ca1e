using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflow.Activities.Reports;
using Workflow.Activities.Reports.Checks;
using Workflow.Activities.Reports.Diff;
using Workflow.Host;
using Workflow.Host.Documents;
using Workflow.Host.Reports;

namespace Workflow.Web.Api;

/// <summary>/api/reports: pre-submit checks, revision diffs, Word import/export, PDF 审批单 and the committee's compilation.</summary>
public static class ReportDocumentsApi
{
    public sealed record FindingDto(string Code, CheckSeverity Severity, string Message, int? Paragraph, int? Start, int? Length, string Excerpt);

    public sealed record PieceDto(ChangeKind Kind, string Text);

    /// <summary>One sentence row; <c>coarse</c>: too long for a character diff, its changed part is deleted and inserted whole.</summary>
    public sealed record SentenceDto(ChangeKind Kind, int Paragraph, string? Old, string? New, IReadOnlyList<PieceDto> OldPieces,
        IReadOnlyList<PieceDto> NewPieces, bool Coarse);

    /// <summary>A revision diff; <c>coarse</c>: part of it was simplified to stay fast (long sentences or too many changes).</summary>
    public sealed record DiffDto(int From, int To, int Inserted, int Deleted, int Modified, IReadOnlyList<SentenceDto> Sentences, bool Coarse);

    public sealed record CompilationRequest(int? Year, IReadOnlyList<Guid>? ReportIds);

    public static RouteGroupBuilder MapReportDocumentsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reports").WithTags("Report documents");
        group.MapGet("/{id:guid}/checks", ChecksAsync).Describe("GetReportChecks", "报告的提交前检查").Refuses(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/diff", DiffAsync).Describe("GetReportDiff", "对比报告的两个版本")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/docx", ExportAsync).Describe("ExportReportDocx", "导出报告为 Word 文档")
            .ProducesFile(ReportDocx.ContentType).Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/approval-sheet", ApprovalSheetAsync).Describe("GetReportApprovalSheet", "下载报告的审批单（PDF）",
                "标题、单位、年度、流程版本和每一步的处理、意见、处理人、角色、时间（北京时间）。")
            .ProducesFile(ApprovalSheetPdf.ContentType).Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/approval-sheets", ApprovalSheetsAsync).Describe("GetApprovalSheets", "下载一个年度全部已通过报告的审批单（PDF）",
                "我可查看的单位中该年度每篇已通过报告一份审批单，按单位排序，合为一个 PDF。")
            .ProducesFile(ApprovalSheetPdf.ContentType)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        // Bearer-token API: no cookies, so no cross-site forgery to guard against.
        group.MapPost("/import", ImportAsync).DisableAntiforgery().WithRequestTimeout(WebExtensions.TransferTimeoutPolicy)
            .WithMetadata(new AcceptsUploadAttribute(UploadKind.ReportFile))
            .Describe("ImportReport", "从 Word 或文本文件新建报告").Refuses(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}/docx", ReplaceAsync).DisableAntiforgery().WithRequestTimeout(WebExtensions.TransferTimeoutPolicy)
            .WithMetadata(new AcceptsUploadAttribute(UploadKind.ReportFile))
            .Describe("ReplaceReportDocx", "用 Word 或文本文件替换报告正文").Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/compilation", CompileAsync).WithRequestTimeout(WebExtensions.TransferTimeoutPolicy)
            .Describe("CompileReports", "汇编已通过的报告为一个 Word 文档").ProducesFile(ReportDocx.ContentType)
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return group;
    }

    public static FindingDto ToDto(CheckFinding f) => new(f.Code, f.Severity, f.Message, f.Paragraph, f.Start, f.Length, f.Excerpt);

    private static async Task<Ok<List<FindingDto>>> ChecksAsync(Guid id, CurrentUser me, ReportService reports, CancellationToken ct)
    {
        var findings = await reports.ChecksAsync(await me.GetAsync(ct), id, ct);
        return TypedResults.Ok(findings.Select(ToDto).ToList());
    }

    private static async Task<Ok<DiffDto>> DiffAsync(Guid id, int? from, int? to, CurrentUser me, ReportService reports, CancellationToken ct)
    {
        if (from is null || to is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "diff-revisions-required", "请用 from 和 to 指定要对比的两个版本号。",
                from is null ? "from" : "to");
        var diff = await reports.DiffAsync(await me.GetAsync(ct), id, from.Value, to.Value, ct);
        return TypedResults.Ok(new DiffDto(diff.From, diff.To, diff.Inserted, diff.Deleted, diff.Modified,
            diff.Sentences.Select(s => new SentenceDto(s.Kind, s.Paragraph, s.Old, s.New,
                s.OldPieces.Select(p => new PieceDto(p.Kind, p.Text)).ToList(),
                s.NewPieces.Select(p => new PieceDto(p.Kind, p.Text)).ToList(), s.Coarse)).ToList(), diff.Coarse));
    }

    private static async Task<FileContentHttpResult> ExportAsync(Guid id, int? revision, CurrentUser me, ReportService reports, CancellationToken ct)
    {
        var file = await reports.ExportAsync(await me.GetAsync(ct), id, revision, ct);
        return TypedResults.File(file.Content, ReportDocx.ContentType, file.FileName);
    }

    private static async Task<FileContentHttpResult> ApprovalSheetAsync(Guid id, CurrentUser me, ReportService reports, CancellationToken ct)
    {
        var file = await reports.ApprovalSheetAsync(await me.GetAsync(ct), id, ct);
        return TypedResults.File(file.Content, ApprovalSheetPdf.ContentType, file.FileName);
    }

    private static async Task<FileContentHttpResult> ApprovalSheetsAsync(int? year, CurrentUser me, ReportService reports, CancellationToken ct)
    {
        if (year is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "year-required", "请用 year 指定审批单的年度。", "year");
        var file = await reports.ApprovalSheetsAsync(await me.GetAsync(ct), year.Value, ct);
        return TypedResults.File(file.Content, ApprovalSheetPdf.ContentType, file.FileName);
    }

    private static async Task<Created<ReportsApi.ReportDto>> ImportAsync(IFormFile? file, [FromForm] int? year, [FromForm] string? title,
        CurrentUser me, ReportService reports, IOptions<LimitsOptions> limits, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        if (year is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "year-required", "请填写报告年度。", "year");
        // Who may create is settled before a byte of the file is read: a refused user costs nothing whatever he sends.
        await reports.EnsureMayCreateAsync(user, year.Value, ct);
        var doc = await ReportUpload.ReadAsync(file, limits.Value, ct);
        var report = await reports.CreateAsync(user, ReportUpload.TitleFor(title, doc, file!), year.Value, doc.Body, ct);
        return TypedResults.Created($"/api/reports/{report.Id}", await ReportsApi.ToDtoAsync(report, user, reports, ct));
    }

    private static async Task<Ok<ReportsApi.ReportDto>> ReplaceAsync(Guid id, IFormFile? file, [FromForm] string? title,
        CurrentUser me, ReportService reports, IOptions<LimitsOptions> limits, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        // Scoping and permission first: another unit's report is 404 and a report he may not change 403/409 whatever the
        // file, so a bad upload can neither probe for reports nor cost a parse.
        var current = await reports.EnsureMayEditAsync(user, id, ct);
        var doc = await ReportUpload.ReadAsync(file, limits.Value, ct);
        var report = await reports.EditAsync(user, id, string.IsNullOrWhiteSpace(title) ? doc.Title ?? current.Title : title, doc.Body, ct);
        return TypedResults.Ok(await ReportsApi.ToDtoAsync(report, user, reports, ct));
    }

    private static async Task<FileContentHttpResult> CompileAsync(CompilationRequest request, CurrentUser me, ReportService reports, CancellationToken ct)
    {
        if (request.Year is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "year-required", "请填写汇编年度。", "year");
        var file = await reports.CompileAsync(await me.GetAsync(ct), request.Year.Value, request.ReportIds ?? [], ct);
        return TypedResults.File(file.Content, ReportDocx.ContentType, file.FileName);
    }
}
