using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using Workflow.Host.Identity;
using Workflow.Host.Reports;

namespace Workflow.Web.Api;

/// <summary>/api/reports: create, read, edit and move reports along the sign-off route.</summary>
public static class ReportsApi
{
    public sealed record CreateReportRequest(string? Title, int? Year, string? Body);
    public sealed record UpdateReportRequest(string? Title, string? Body);
    public sealed record ApproveRequest(string? Comment, IReadOnlyList<string>? Requirements = null);
    public sealed record ReturnRequest(string? Comment, bool RestartFromFirstStep = false, IReadOnlyList<string>? Requirements = null);

    public sealed record StepDto(ReportStatus Status, string Name, string Role, int TimeLimitWorkingDays);

    public sealed record ReportDto(Guid Id, string Title, int Year, Guid UnitId, string UnitName, ReportStatus Status, string StatusName,
        StepDto? CurrentStep, int RouteVersion, int Revision, string Body, IReadOnlyList<string> AllowedActions,
        DateTimeOffset StatusSince, DateTimeOffset UpdatedAt,
        ReportChecksCountDto Checks);

    /// <summary>How many 报告检查 findings the current text has: errors stop the report before the committee step.</summary>
    public sealed record ReportChecksCountDto(int Errors, int Warnings);

    /// <summary>
    /// A row of the report list: who holds its step now, the step's due date and working days left (negative: overdue) on a
    /// review step, and, for a search, the title and a piece of the text around the first match as escaped HTML with the
    /// matches in &lt;mark&gt; (null where nothing matched).
    /// </summary>
    public sealed record ReportListItemDto(Guid Id, string Title, int Year, string UnitName, ReportStatus Status, string StatusName,
        int Revision, int RouteVersion, DateTimeOffset StatusSince, DateTimeOffset UpdatedAt, Guid UnitId, string Holders,
        DateOnly? DueDate, int? WorkingDaysLeft, bool Overdue, string? TitleHtml, string? SnippetHtml);

    public sealed record JournalEntryDto(int Sequence, DateTimeOffset At, string Actor, string Role, ReportAction Action,
        ReportStatus FromStatus, ReportStatus ToStatus, string? Comment, int Revision, bool RestartFromFirstStep);

    public sealed record RevisionDto(int Number, string Title, string Author, DateTimeOffset At, string? Body, int Length);

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reports").WithTags("Reports");
        group.MapGet("/", ListAsync).AddOpenApiOperationTransformer(RectificationsApi.DescribePaging)
            .Describe("ListReports", "查找我可见的报告",
                "按年度、单位、状态、是否逾期筛选，按标题和正文检索（不区分大小写的子串匹配，中文可用）并排序；给出 page 或 pageSize 时分页，X-Total-Count 为符合条件的总数。")
            .Refuses(StatusCodes.Status400BadRequest);
        group.MapPost("/", CreateAsync).Describe("CreateReport", "新建报告（草稿）").Refuses(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}", GetAsync).Describe("GetReport", "读取报告").Refuses(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}", UpdateAsync).Describe("UpdateReport", "修改报告标题和正文")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/submit", (Guid id, CurrentUser me, ReportService reports, CancellationToken ct) =>
            RunAsync(me, reports, user => reports.SubmitAsync(user, id, ct), ct))
            .Describe("SubmitReport", "提交报告", "把草稿或退回的报告送到下一步（退回的报告原路返回）。有必须修改的检查问题时仍可提交，答复的 checks 给出问题数；这些问题改正前，报告不能进入市直机关工委审核（409 report-checks-failed，问题数写在 title 中）。")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/withdraw", (Guid id, CurrentUser me, ReportService reports, CancellationToken ct) =>
            RunAsync(me, reports, user => reports.WithdrawAsync(user, id, ct), ct))
            .Describe("WithdrawReport", "撤回报告", "审核人处理前，起草人把已提交的报告撤回为草稿。")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/approve", (Guid id, [FromBody] ApproveRequest? request, CurrentUser me, ReportService reports, CancellationToken ct) =>
            RunAsync(me, reports, user => reports.ApproveAsync(user, id, request?.Comment, request?.Requirements, ct), ct))
            .Describe("ApproveReport", "审核通过", "当前步骤的审核人通过报告（可附意见和整改要求）。")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/return", (Guid id, [FromBody] ReturnRequest? request, CurrentUser me, ReportService reports, CancellationToken ct) =>
            RunAsync(me, reports, user => reports.ReturnAsync(user, id, request?.Comment, request?.RestartFromFirstStep ?? false,
                request?.Requirements, ct), ct))
            .Describe("ReturnReport", "退回报告", "当前步骤的审核人退回报告（须填意见）；修改后原路返回，除非勾选从第一步重新开始。")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/journal", JournalAsync).Describe("GetReportJournal", "报告的流转记录").Refuses(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/revisions", RevisionsAsync).Describe("ListReportRevisions", "报告的版本列表").Refuses(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/revisions/{number:int}", RevisionAsync).Describe("GetReportRevision", "读取报告的一个版本")
            .Refuses(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Ok<List<ReportListItemDto>>> ListAsync(
        [Description("Search over title and text: a case-insensitive substring, Chinese included; at most 100 characters are used, " +
                     "every character literally. Three characters or more use the trigram index.")] string? q,
        int? year, Guid? unitId, ReportStatus? status,
        [Description("true: only reports whose review step is past its deadline (as the reminders count working days); false: the others.")]
        bool? overdue,
        [Description("year (default; relevance with q), unit, updated, status (route order, longest waiting first) or relevance (title matches first).")]
        string? sort,
        [Description("Page number, from 1 (default 1). Given page or pageSize, the list is cut into pages after sorting; " +
                     "a page past the end is an empty list. Without both, every matching report is returned.")] string? page,
        [Description("Reports per page, 1 to 200 (default 50).")] string? pageSize,
        HttpResponse response, CurrentUser me, ReportFinder finder, CancellationToken ct)
    {
        var paging = RectificationsApi.ParsePaging(page, pageSize);
        var found = await finder.FindAsync(await me.GetAsync(ct), new ReportQuery(q, year, unitId, status, overdue, sort,
            paging?.Page ?? 1, paging?.PageSize), ct);
        response.Headers[RectificationsApi.TotalCountHeader] = found.Total.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(found.Rows.Select(r => new ReportListItemDto(r.Id, r.Title, r.Year, r.UnitName, r.Status, r.Status.Label(),
            r.Revision, r.RouteVersion, r.StatusSince, r.UpdatedAt, r.UnitId, r.Holders, r.Deadline?.DueDate, r.Deadline?.WorkingDaysLeft,
            r.Overdue, r.TitleMatch?.Html, r.Snippet?.Html)).ToList());
    }

    private static async Task<Created<ReportDto>> CreateAsync(CreateReportRequest request, CurrentUser me, ReportService reports, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        if (request.Year is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "year-required", "请填写报告年度。", "year");
        var report = await reports.CreateAsync(user, request.Title ?? "", request.Year.Value, request.Body ?? "", ct);
        var dto = await ToDtoAsync(report, user, reports, ct);
        return TypedResults.Created($"/api/reports/{report.Id}", dto);
    }

    private static async Task<Ok<ReportDto>> GetAsync(Guid id, CurrentUser me, ReportService reports, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        return TypedResults.Ok(await ToDtoAsync(await reports.GetAsync(user, id, ct), user, reports, ct));
    }

    private static async Task<Ok<ReportDto>> UpdateAsync(Guid id, UpdateReportRequest request, CurrentUser me, ReportService reports, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        var report = await reports.EditAsync(user, id, request.Title ?? "", request.Body ?? "", ct);
        return TypedResults.Ok(await ToDtoAsync(report, user, reports, ct));
    }

    // A step along the route, run as the caller; the answer is the report as it now is.
    private static async Task<Ok<ReportDto>> RunAsync(CurrentUser me, ReportService reports, Func<UserContext, Task<Report>> step,
        CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        return TypedResults.Ok(await ToDtoAsync(await step(user), user, reports, ct));
    }

    private static async Task<Ok<List<JournalEntryDto>>> JournalAsync(Guid id, CurrentUser me, ReportService reports, CancellationToken ct)
    {
        var rows = await reports.JournalAsync(await me.GetAsync(ct), id, ct);
        return TypedResults.Ok(rows.Select(j => new JournalEntryDto(j.Sequence, j.At, j.ActorName, j.ActorRole, j.Action,
            j.FromStatus, j.ToStatus, j.Comment, j.Revision, j.RestartFromFirstStep)).ToList());
    }

    private static async Task<Ok<List<RevisionDto>>> RevisionsAsync(Guid id, CurrentUser me, ReportService reports, CancellationToken ct)
    {
        var rows = await reports.RevisionsAsync(await me.GetAsync(ct), id, ct);
        return TypedResults.Ok(rows.Select(v => new RevisionDto(v.Number, v.Title, v.AuthorName, v.At, null, v.Length)).ToList());
    }

    private static async Task<Ok<RevisionDto>> RevisionAsync(Guid id, int number, CurrentUser me, ReportService reports, CancellationToken ct)
    {
        var v = await reports.RevisionAsync(await me.GetAsync(ct), id, number, ct);
        return TypedResults.Ok(new RevisionDto(v.Number, v.Title, v.AuthorName, v.At, v.Body, v.Body.Length));
    }

    internal static async Task<ReportDto> ToDtoAsync(Report r, UserContext user, ReportService reports, CancellationToken ct)
    {
        var step = r.CurrentStep;
        return new ReportDto(r.Id, r.Title, r.Year, r.UnitId, await reports.UnitNameAsync(r.UnitId, ct), r.Status, r.Status.Label(r.Route),
            step is null ? null : ToDto(step), r.RouteVersion, r.Revision, r.Body,
            r.AllowedCommands(user.Actor).Select(c => c.ApiName()).ToList(), r.StatusSince, r.UpdatedAt, ChecksCount(reports.FindingsOf(r, ct)));
    }

    private static ReportChecksCountDto ChecksCount(IReadOnlyList<Workflow.Activities.Reports.Checks.CheckFinding> findings)
    {
        var errors = findings.Count(f => f.Severity == Workflow.Activities.Reports.Checks.CheckSeverity.Error);
        return new ReportChecksCountDto(errors, findings.Count - errors);
    }

        private static StepDto ToDto(RouteStep s) => new(s.Status, s.Name, s.Role, s.TimeLimitWorkingDays);
}
