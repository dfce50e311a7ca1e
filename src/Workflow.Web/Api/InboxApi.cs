using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Activities.Calendar;
using Workflow.Activities.Reports;
using Workflow.Host.Inbox;
using Workflow.Host.Rectification;

namespace Workflow.Web.Api;

/// <summary>
/// GET /api/inbox: my complete 待办, most urgent first; GET /api/inbox/done: my decisions (已办), newest first, paged;
/// GET /api/inbox/rectifications: the items I must still give an owner and a deadline (待指定负责人和期限).
/// </summary>
public static class InboxApi
{
    /// <summary>
    /// One row of the 待办. Kind: report-to-write, report-draft, report-returned, report-review, item-to-work, item-rework,
    /// item-closure, item-extension, item-to-assign. Id is the report's, the item's or (report-to-write) the reporting cycle's.
    /// Status is the report's status (null for items and reports to write); StatusName and State say where the row stands, in Chinese.
    /// DueDate, WorkingDaysLeft (negative when overdue), Urgency (OnTime, DueSoon, Overdue) and DeadlineText follow the reminders'
    /// rules; all null when nothing sets a deadline. ReturnComment, ReturnedBy and ReturnedAt: the latest return of a returned report.
    /// OnBehalfOf: the reviewer whose step this is when I stand in for him (委托, shown "代 张三"); null for my own rows.
    /// </summary>
    public sealed record InboxItemDto(Guid Id, string Kind, string KindName, string Title, string Link, int Year, string UnitName,
        ReportStatus? Status, string StatusName, string State, DateTimeOffset? WaitingSince, int DaysWaiting, DateOnly? DueDate,
        int? WorkingDaysLeft, string? Urgency, string? DeadlineText, string? ReturnComment, string? ReturnedBy, DateTimeOffset? ReturnedAt,
        string? OnBehalfOf);

    /// <summary>A report copied to me (抄送/知会): to read, nothing to decide; CopiedBy and At of the latest copy.</summary>
    public sealed record CopiedItemDto(Guid ReportId, string Title, int Year, string UnitName, ReportStatus Status, string StatusName,
        string CopiedBy, DateTimeOffset At, string Link);

    /// <summary>One decision I made: Kind report or item, Action in Chinese (审核通过, 退回, 同意销号, …), with the comment and time.</summary>
    public sealed record DoneItemDto(string Kind, Guid Id, string Title, string Link, string UnitName, string Action, string? Comment,
        DateTimeOffset At);

    /// <summary>An open rectification item still without an owner or a deadline; Missing names what is lacking, in Chinese.</summary>
    public sealed record ItemToAssignDto(Guid Id, string Code, string UnitName, string Problem, string Task, string Missing,
        bool OwnerMissing, bool DeadlineMissing);

    public static RouteGroupBuilder MapInboxApi(this RouteGroupBuilder api)
    {
        api.MapGet("/inbox", async (CurrentUser me, TodoService todo, TimeProvider clock, CancellationToken ct) =>
        {
            var rows = await todo.ListAsync(await me.GetAsync(ct), ct);
            var today = ChinaTime.Today(clock);
            return TypedResults.Ok(rows.Select(r => ToDto(r, today)).ToList());
        }).WithTags("Inbox").Describe("ListInbox", "我的待办",
            "等待我处理的全部事项：待起草和退回的报告、待我审核的报告、待整改、二次整改、待审批的销号和延期、待指定的整改事项；" +
            "逾期的在前，其次按截止日期由近到远，没有截止日期的在后。");
        api.MapGet("/inbox/done", DoneAsync).AddOpenApiOperationTransformer(RectificationsApi.DescribePaging).WithTags("Inbox")
            .Describe("ListDone", "我的已办", "我作出的审核决定（通过、退回）和整改事项决定（销号、延期、回头看），最新的在前；分页，X-Total-Count 为总数。")
            .Refuses(StatusCodes.Status400BadRequest);
        api.MapGet("/inbox/copied", async (CurrentUser me, Workflow.Host.Reports.ReportCopying copies, CancellationToken ct) =>
        {
            var rows = await copies.CopiedToAsync(await me.GetAsync(ct), ct);
            return TypedResults.Ok(rows.Select(r => new CopiedItemDto(r.ReportId, r.Title, r.Year, r.UnitName, r.Status, r.Status.Label(),
                r.CopiedByName, r.At, r.Link)).ToList());
        }).WithTags("Inbox").Describe("ListCopied", "抄送我的", "他人提交或审核报告时抄送（知会）给我的报告，最近抄送的在前；只读，无需处理。");
        api.MapGet("/inbox/rectifications", async (CurrentUser me, RectificationLedger ledger, CancellationToken ct) =>
        {
            var items = await ledger.ToAssignAsync(await me.GetAsync(ct), ct);
            return TypedResults.Ok(items.Select(r => new ItemToAssignDto(r.Id, r.Code, r.UnitName, r.Problem, "待指定负责人和期限",
                LedgerDisplay.Missing(r), r.OwnerId is null, r.Deadline is null)).ToList());
        }).WithTags("Inbox").Describe("ListItemsToAssign", "待我指定负责人和期限的整改事项",
            "本单位尚未指定责任人或完成时限的未销号整改事项（党组书记的待办），按编号排列。");
        return api;
    }

    private static async Task<Ok<List<DoneItemDto>>> DoneAsync(
        [Description("Page number, from 1 (default 1); a page past the end is an empty list.")] string? page,
        [Description("Decisions per page, 1 to 200 (default 20).")] string? pageSize,
        HttpResponse response, CurrentUser me, TodoService todo, CancellationToken ct)
    {
        var (number, size) = RectificationsApi.ParsePaging(page, pageSize) ?? (1, DonePage.DefaultPageSize);
        if (string.IsNullOrWhiteSpace(pageSize)) size = DonePage.DefaultPageSize;
        var done = await todo.DoneAsync(await me.GetAsync(ct), number, size, ct);
        response.Headers[RectificationsApi.TotalCountHeader] = done.Total.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(done.Rows.Select(d => new DoneItemDto(d.Kind == DoneKind.Report ? "report" : "item", d.Id, d.Title, d.Link,
            d.UnitName, d.Action, d.Comment, d.At)).ToList());
    }

    private static InboxItemDto ToDto(TodoRow r, DateOnly today)
    {
        // Days as people in China count them: entered yesterday evening is 1 day this morning.
        var days = r.WaitingSince is { } since ? Math.Max(0, today.DayNumber - ChinaTime.DateOf(since).DayNumber) : 0;
        return new InboxItemDto(r.Id, r.Kind.ApiName(), r.Kind.Label(), r.Title, r.Link, r.Year, r.UnitName, r.ReportStatus, r.State, r.State,
            r.WaitingSince, days, r.Deadline?.DueDate, r.Deadline?.WorkingDaysLeft, r.Deadline?.Urgency.ToString(), r.Deadline?.Text,
            r.LastReturn?.Comment, r.LastReturn?.By, r.LastReturn?.At, r.OnBehalfOf);
    }
}
