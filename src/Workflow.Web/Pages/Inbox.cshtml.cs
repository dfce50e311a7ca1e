using Workflow.Host.Reports;

namespace Workflow.Web.Pages;

/// <summary>待办: reports waiting for my decision (or, for a drafter, returned to me), oldest first.</summary>
public sealed class InboxModel(CurrentUser me, ReportService reports) : AppPageModel
{
    public List<InboxItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await reports.InboxAsync(await me.GetAsync(ct), ct);
}
