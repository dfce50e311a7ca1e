using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Reports;
using Workflow.Activities.Reports.Points;
using Workflow.Activities.Routes;
using Workflow.Host.Identity;
using Workflow.Host.Reports;

namespace Workflow.Web.Api;

/// <summary>/api/reports: create, read, edit and move reports along the sign-off route.</summary>
public static class ReportsApi
{
    public sealed record CreateReportRequest(string? Title, int? Year, string? Body);
    public sealed record UpdateReportRequest(string? Title, string? Body);
    /// <summary>
    /// A submission; a returned report needs an answer to every open point (逐条说明). CopyTo: ids of users to copy (抄送/知会) —
    /// readers of the report: its unit's, its inspection team's, its committee's.
    /// </summary>
    public sealed record SubmitRequest(IReadOnlyList<PointAnswerInput>? Answers = null, IReadOnlyList<string>? CopyTo = null);

    /// <summary>An approval; <c>verdicts</c> judge each answered point the approver raised (逐条说明), all of them or none may be given.</summary>
    public sealed record ApproveRequest(string? Comment, IReadOnlyList<string>? Requirements = null,
        IReadOnlyList<PointVerdictInput>? Verdicts = null, IReadOnlyList<string>? CopyTo = null);

    /// <summary>
    /// A return: <c>points</c> are its numbered points (逐条意见, at most 20 of at most 1000 characters), or <c>splitComment</c>
    /// splits the comment into them (1./（一）/一是…; the words before the first number stay the comment); <c>verdicts</c> judge
    /// each answered point the reviewer raised before (未落实 ones come back as open points).
    /// </summary>
    public sealed record ReturnRequest(string? Comment, bool RestartFromFirstStep = false, IReadOnlyList<string>? Requirements = null,
        IReadOnlyList<string>? Points = null, bool SplitComment = false, IReadOnlyList<PointVerdictInput>? Verdicts = null,
        IReadOnlyList<string>? CopyTo = null);

    /// <summary>
    /// A numbered point of a return (逐条说明) with the drafter's answer (Changed 已修改 / Explained 说明, linked sentences of the new
    /// text) and the raising reviewer's verdict (Resolved 已落实 / Unresolved 未落实). The sequences are journal sequences: of the
    /// return that raised it, the resubmission that answered it and the decision that judged it. <c>carriedFromSequence</c>: it
    /// repeats a point judged 未落实 at that return.
    /// </summary>
    public sealed record PointDto(int ReturnSequence, int Number, string Text, string Reviewer, string ReviewerRole, int? CarriedFromSequence,
        PointAnswerKind? Answer, string? AnswerNote, IReadOnlyList<string> LinkedSentences, int? AnswerSequence, PointVerdict? Verdict,
        int? VerdictSequence);

    /// <summary>A route step; mode: Single (one holder decides), All (会签: every member must approve), Any (或签: the first decision counts).</summary>
    public sealed record StepDto(ReportStatus Status, string Name, string Role, int TimeLimitWorkingDays, StepMode Mode);

    /// <summary>
    /// A report. waitingFor: who its current step waits for now — holders of open 会签/转办/加签 tasks (kind and state given), else
    /// the holders of the step's role (kind and state null). roundTasks: every task of the current step's round (会签 members who
    /// already approved included). allowedActions may hold edit, submit, withdraw, approve, return, transfer, addReviewer.
    /// </summary>
    public sealed record ReportDto(Guid Id, string Title, int Year, Guid UnitId, string UnitName, ReportStatus Status, string StatusName,
        StepDto? CurrentStep, int RouteVersion, int Revision, string Body, IReadOnlyList<string> AllowedActions,
        DateTimeOffset StatusSince, DateTimeOffset UpdatedAt,
        ReportChecksCountDto Checks, IReadOnlyList<PointDto> Points, IReadOnlyList<WaiterDto> WaitingFor, IReadOnlyList<ReviewTaskDto> RoundTasks);

    /// <summary>A person the report waits for; kind and state of his task, null when he decides by his role.</summary>
    public sealed record WaiterDto(string UserId, string Name, ReviewTaskKind? Kind, ReviewTaskState? State);

    /// <summary>
    /// A 会签/转办/加签 task: kind Member (会签成员), Transferee (转办接收人), AddedBefore (前加签), AddedAfter (后加签); state Open,
    /// Approved, Returned, Transferred, Cancelled. round: the journal sequence where the report entered the step. by: who
    /// transferred or added him; decidedBy: who decided (a 委托 stand-in may decide his principal's task).
    /// </summary>
    public sealed record ReviewTaskDto(int Number, ReportStatus Step, int Round, string UserId, string UserName, ReviewTaskKind Kind,
        string KindName, ReviewTaskState State, string StateName, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, string? By,
        string? Comment, string? DecidedBy);

    /// <summary>转办: to whom (an id from transfer-candidates) and why (required).</summary>
    public sealed record TransferRequest(string? ToUserId, string? Comment);

    /// <summary>加签: whom (an id from reviewer-candidates), Before (前加签) or After (后加签: also the caller's approval), a comment.</summary>
    public sealed record AddReviewerRequest(string? UserId, AddPosition? Position, string? Comment);

    /// <summary>A user a step may be transferred to or who may be added (加签): id, name and unit.</summary>
    public sealed record TaskCandidateDto(string Id, string Name, string UnitName);

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

    /// <summary>
    /// One journal row. Actor is who acted; OnBehalfOf the reviewer he decided for (委托, "代 X 审核"), null when for himself;
    /// ActorShown the two as people read them ("李四（代 张三）"); CopiedTo the users copied at this row (抄送); Points the points
    /// this row raised, answered or judged (逐条说明). ActionName is the row's Chinese label (会签同意, 转办, 前加签, 后加签,
    /// 加签意见 …); Target the person a 转办 or 加签 named.
    /// </summary>
    public sealed record JournalEntryDto(int Sequence, DateTimeOffset At, string Actor, string Role, ReportAction Action,
        ReportStatus FromStatus, ReportStatus ToStatus, string? Comment, int Revision, bool RestartFromFirstStep, string? OnBehalfOf,
        string ActorShown, IReadOnlyList<string> CopiedTo, IReadOnlyList<PointDto> Points, string ActionName, string? TargetUserId,
        string? Target);

    /// <summary>A user a report may be copied to (抄送): id for copyTo, name and unit.</summary>
    public sealed record CopyCandidateDto(string Id, string Name, string UnitName);

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
        group.MapPost("/{id:guid}/submit", (Guid id, [FromBody] SubmitRequest? request, CurrentUser me, ReportService reports, CancellationToken ct) =>
            RunAsync(me, reports, user => reports.SubmitWithAnswersAsync(user, id, request?.Answers, ct, request?.CopyTo), ct))
            .Describe("SubmitReport", "提交报告", "把草稿或退回的报告送到下一步（退回的报告原路返回）。有必须修改的检查问题时仍可提交，答复的 checks 给出问题数；这些问题改正前，报告不能进入市直机关工委审核（409 report-checks-failed，问题数写在 title 中）。可抄送 copyTo。退回时有逐条意见的，须在 answers 中逐条答复（已修改可附说明并关联退回后修改的句子，说明须写理由），有未答复的条目时 409 points-unanswered，title 列出条目序号。")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/withdraw", (Guid id, CurrentUser me, ReportService reports, CancellationToken ct) =>
            RunAsync(me, reports, user => reports.WithdrawAsync(user, id, ct), ct))
            .Describe("WithdrawReport", "撤回报告", "审核人处理前，起草人把已提交的报告撤回为草稿。")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/approve", (Guid id, [FromBody] ApproveRequest? request, CurrentUser me, ReportService reports, CancellationToken ct) =>
            RunAsync(me, reports, user => reports.ApproveWithVerdictsAsync(user, id, request?.Comment, request?.Verdicts, request?.Requirements, ct, request?.CopyTo), ct))
            .Describe("ApproveReport", "审核通过", "当前步骤的审核人（或其委托的代审人，代其审核）通过报告（可附意见和整改要求，可抄送 copyTo）。本人上次退回的逐条意见已答复的，须在 verdicts 中逐条标记已落实/未落实（否则 409 points-unjudged）。")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/return", (Guid id, [FromBody] ReturnRequest? request, CurrentUser me, ReportService reports, CancellationToken ct) =>
            RunAsync(me, reports, user => reports.ReturnWithPointsAsync(user, id, request?.Comment, request?.Points, request?.SplitComment ?? false,
                request?.Verdicts, request?.RestartFromFirstStep ?? false, request?.Requirements, ct, request?.CopyTo), ct))
            .Describe("ReturnReport", "退回报告", "当前步骤的审核人（或其代审人）退回报告（须填意见或逐条意见，可抄送 copyTo）；修改后原路返回，除非勾选从第一步重新开始。逐条意见由 points 给出，或以 splitComment 把意见按 1./（一）/一是 等编号拆分；起草人须逐条答复后才能重新提交。本人上次的逐条意见已答复的，须在 verdicts 中逐条评判，未落实的条目自动列入本次退回（上次未落实）。")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/points", PointsAsync).Describe("ListReportReturnPoints", "报告的逐条退回意见",
            "每次退回的逐条意见，及起草人的答复（已修改/说明、关联的修改句子）和提出人的评判（已落实/未落实）。")
            .Refuses(StatusCodes.Status404NotFound);
        group.MapPost("/points/split", SplitPoints).Describe("SplitReturnComment", "把退回意见拆分为逐条意见（预览）",
            "按 1./1、/（1）/一、/（一）/一是/①/第一 等编号拆分；未编号的意见为一条。不保存任何内容。")
            .Refuses(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:guid}/journal", JournalAsync).Describe("GetReportJournal", "报告的流转记录").Refuses(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/copy-candidates", async (Guid id, CurrentUser me, ReportService reports, CancellationToken ct) =>
        {
            var user = await me.GetAsync(ct);
            var report = await reports.GetAsync(user, id, ct);
            return TypedResults.Ok((await reports.CopyCandidatesAsync(user, report, ct)).Select(c => new CopyCandidateDto(c.Id, c.Name, c.UnitName)).ToList());
        }).Describe("ListReportCopyCandidates", "可抄送的人员", "提交或审核时可抄送（知会）的人：报告所属单位、其派驻纪检监察组和市直机关工委的在用业务人员（不含本人）。")
            .Refuses(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/transfer", (Guid id, [FromBody] TransferRequest? request, CurrentUser me, ReportService reports, CancellationToken ct) =>
            RunAsync(me, reports, user => reports.TransferAsync(user, id, request?.ToUserId, request?.Comment, ct), ct))
            .Describe("TransferReport", "转办", "当前环节等待的审核人把本环节交给同样可以审核的同事（见 transfer-candidates），须填转办说明；流转记录记下双方，报告状态不变。加签的审核人可转办给可加签的人员。")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/transfer-candidates", async (Guid id, CurrentUser me, ReportService reports, CancellationToken ct) =>
                TypedResults.Ok((await reports.TransferCandidatesAsync(await me.GetAsync(ct), id, ct)).Select(ToDto).ToList()))
            .Describe("ListReportTransferCandidates", "可转办的人员", "本环节审核单位中持有本环节角色的在用账号（不含本人和已在处理本环节的人）；不能转办时为空。")
            .Refuses(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/reviewers", (Guid id, [FromBody] AddReviewerRequest? request, CurrentUser me, ReportService reports, CancellationToken ct) =>
            RunAsync(me, reports, user => reports.AddReviewerAsync(user, id, request?.UserId, request?.Position
                ?? throw new WorkflowRuleException(RuleViolation.Invalid, "position-required", "请选择前加签或后加签。", "position"), request?.Comment, ct), ct))
            .Describe("AddReportReviewer", "加签", "当前环节等待的审核人为本报告加一位审核人（见 reviewer-candidates）：Before 前加签——先由加签人审核，再回到本人；After 后加签——本人同意（comment 为本人意见），加签人同意后本环节才完成。每环节每轮最多加签5人。")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/reviewer-candidates", async (Guid id, CurrentUser me, ReportService reports, CancellationToken ct) =>
                TypedResults.Ok((await reports.ReviewerCandidatesAsync(await me.GetAsync(ct), id, ct)).Select(ToDto).ToList()))
            .Describe("ListReportReviewerCandidates", "可加签的人员", "报告所属单位、其派驻纪检监察组、主管机关工委和本环节审核单位的在用审核人员（不含起草人、本人和已在处理本环节的人）；不能加签时为空。")
            .Refuses(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/tasks", async (Guid id, CurrentUser me, ReportService reports, CancellationToken ct) =>
                TypedResults.Ok((await reports.TasksAsync(await me.GetAsync(ct), id, ct)).Select(ToDto).ToList()))
            .Describe("ListReportTasks", "报告的会签、转办和加签记录", "每个环节每一轮的会签成员、转办接收人和加签人及其处理情况，按产生顺序。")
            .Refuses(StatusCodes.Status404NotFound);
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
        var user = await me.GetAsync(ct);
        var rows = await reports.JournalAsync(user, id, ct);
        var copies = (await reports.CopiesAsync(user, id, ct)).ToLookup(c => c.JournalSequence, c => c.UserName);
        var points = (await reports.PointsAsync(user, id, ct)).Select(ToDto).ToList();
        return TypedResults.Ok(rows.Select(j => new JournalEntryDto(j.Sequence, j.At, j.ActorName, j.ActorRole, j.Action,
            j.FromStatus, j.ToStatus, j.Comment, j.Revision, j.RestartFromFirstStep, j.OnBehalfOfName, j.ActorShown,
            copies[j.Sequence].ToList(),
            points.Where(p => p.ReturnSequence == j.Sequence || p.AnswerSequence == j.Sequence || p.VerdictSequence == j.Sequence).ToList(),
            j.Label(), j.TargetUserId, j.TargetName)).ToList());
    }

    private static async Task<Ok<List<PointDto>>> PointsAsync(Guid id, CurrentUser me, ReportService reports, CancellationToken ct) =>
        TypedResults.Ok((await reports.PointsAsync(await me.GetAsync(ct), id, ct)).Select(ToDto).ToList());

    /// <summary>The text to split: a return comment as the reviewer wrote it.</summary>
    public sealed record SplitRequest(string? Comment);

    /// <summary>The proposed split: the words before the first number, and the points.</summary>
    public sealed record SplitDto(string Preamble, IReadOnlyList<string> Points);

    private static Ok<SplitDto> SplitPoints(SplitRequest request)
    {
        var split = ReturnPointSplitter.Split(request.Comment);
        return TypedResults.Ok(new SplitDto(split.Preamble, split.Points));
    }

    private static PointDto ToDto(ReturnPoint p) => new(p.ReturnSequence, p.Number, p.Text, p.ReviewerName, p.ReviewerRole,
        p.CarriedFromSequence, p.Answer, p.AnswerNote, p.LinkedSentences, p.AnswerSequence, p.Verdict, p.VerdictSequence);

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
            user.AllowedCommands(r).Select(c => c.ApiName()).ToList(), r.StatusSince, r.UpdatedAt, ChecksCount(reports.FindingsOf(r, ct)),
            (await reports.PointsAsync(r, ct)).Select(ToDto).ToList(),
            (await reports.WaitersAsync(r, ct)).Select(w => r.WaitingTasks().FirstOrDefault(t => t.UserId == w.UserId) is { } task
                ? new WaiterDto(w.UserId, w.Name, task.Kind, task.State)
                : new WaiterDto(w.UserId, w.Name, null, null)).ToList(),
            r.TasksOfRound().Select(ToDto).ToList());
    }

    private static ReviewTaskDto ToDto(ReviewTask t) => new(t.Number, t.Step, t.Round, t.UserId, t.UserName, t.Kind, t.Kind.Label(), t.State,
        t.State.Label(), t.OpenedAt, t.ClosedAt, t.ByName, t.Comment, t.DecidedByName);

    private static TaskCandidateDto ToDto(TaskCandidate c) => new(c.Id, c.Name, c.UnitName);

    private static ReportChecksCountDto ChecksCount(IReadOnlyList<Workflow.Activities.Reports.Checks.CheckFinding> findings)
    {
        var errors = findings.Count(f => f.Severity == Workflow.Activities.Reports.Checks.CheckSeverity.Error);
        return new ReportChecksCountDto(errors, findings.Count - errors);
    }

        private static StepDto ToDto(RouteStep s) => new(s.Status, s.Name, s.Role, s.TimeLimitWorkingDays, s.Mode);
}
