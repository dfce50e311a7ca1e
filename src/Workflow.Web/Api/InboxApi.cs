using Workflow.Activities.Reports;
using Workflow.Host.Reports;

namespace Workflow.Web.Api;

/// <summary>GET /api/inbox: the reports waiting for me, oldest first.</summary>
public static class InboxApi
{
    public sealed record InboxItemDto(Guid Id, string Title, int Year, string UnitName, ReportStatus Status, string StatusName,
        DateTimeOffset WaitingSince, int DaysWaiting);

    public static RouteGroupBuilder MapInboxApi(this RouteGroupBuilder api)
    {
        api.MapGet("/inbox", async (CurrentUser me, ReportService reports, CancellationToken ct) =>
        {
            var items = await reports.InboxAsync(await me.GetAsync(ct), ct);
            return TypedResults.Ok(items.Select(i => new InboxItemDto(i.Id, i.Title, i.Year, i.UnitName, i.Status, i.Status.Label(),
                i.WaitingSince, i.DaysWaiting)).ToList());
        }).WithTags("Inbox").Describe("ListInbox", "待我处理的报告", "等待我处理的报告，等待最久的在前。");
        return api;
    }
}
