using Workflow.Activities.Reports;
using Workflow.Host.Rectification;
using Workflow.Host.Reports;

namespace Workflow.Web.Api;

/// <summary>
/// GET /api/inbox: the reports waiting for me, oldest first; GET /api/inbox/rectifications: the items I must still give an owner
/// and a deadline (待指定负责人和期限).
/// </summary>
public static class InboxApi
{
    public sealed record InboxItemDto(Guid Id, string Title, int Year, string UnitName, ReportStatus Status, string StatusName,
        DateTimeOffset WaitingSince, int DaysWaiting);

    /// <summary>An open rectification item still without an owner or a deadline; Missing names what is lacking, in Chinese.</summary>
    public sealed record ItemToAssignDto(Guid Id, string Code, string UnitName, string Problem, string Task, string Missing,
        bool OwnerMissing, bool DeadlineMissing);

    public static RouteGroupBuilder MapInboxApi(this RouteGroupBuilder api)
    {
        api.MapGet("/inbox", async (CurrentUser me, ReportService reports, CancellationToken ct) =>
        {
            var items = await reports.InboxAsync(await me.GetAsync(ct), ct);
            return TypedResults.Ok(items.Select(i => new InboxItemDto(i.Id, i.Title, i.Year, i.UnitName, i.Status, i.Status.Label(),
                i.WaitingSince, i.DaysWaiting)).ToList());
        }).WithTags("Inbox").Describe("ListInbox", "待我处理的报告", "等待我处理的报告，等待最久的在前。");
        api.MapGet("/inbox/rectifications", async (CurrentUser me, RectificationLedger ledger, CancellationToken ct) =>
        {
            var items = await ledger.ToAssignAsync(await me.GetAsync(ct), ct);
            return TypedResults.Ok(items.Select(r => new ItemToAssignDto(r.Id, r.Code, r.UnitName, r.Problem, "待指定负责人和期限",
                LedgerDisplay.Missing(r), r.OwnerId is null, r.Deadline is null)).ToList());
        }).WithTags("Inbox").Describe("ListItemsToAssign", "待我指定负责人和期限的整改事项",
            "本单位尚未指定责任人或完成时限的未销号整改事项（党组书记的待办），按编号排列。");
        return api;
    }
}
