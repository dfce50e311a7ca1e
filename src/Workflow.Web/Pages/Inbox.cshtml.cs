using Workflow.Host.Reports;

namespace Workflow.Web.Pages;

/// <summary>待办: reports waiting for my decision (or, for a drafter, returned to me), oldest first.</summary>
public sealed class InboxModel(CurrentUser me, ReportService reports, Workflow.Host.Rectification.RectificationLedger rectifications) : AppPageModel
{
    public List<InboxItem> Items { get; private set; } = [];

    /// <summary>Rectification closures and extensions waiting for my decision.</summary>
    public int RectificationDecisions { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        Items = await reports.InboxAsync(user, ct);
        RectificationDecisions = await rectifications.AwaitingCountAsync(user, ct);
    }
}
