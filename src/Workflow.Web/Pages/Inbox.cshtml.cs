using Workflow.Host.Reports;

namespace Workflow.Web.Pages;

/// <summary>待办: reports waiting for my decision (or, for a drafter, returned to me), oldest first.</summary>
public sealed class InboxModel(CurrentUser me, ReportService reports, Workflow.Host.Rectification.RectificationLedger rectifications) : AppPageModel
{
    public List<InboxItem> Items { get; private set; } = [];

    /// <summary>Rectification closures and extensions waiting for my decision.</summary>
    public int RectificationDecisions { get; private set; }

    /// <summary>Open items of my unit still without an owner or a deadline (待指定负责人和期限).</summary>
    public List<Workflow.Host.Rectification.LedgerRow> ToAssign { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        Items = await reports.InboxAsync(user, ct);
        RectificationDecisions = await rectifications.AwaitingCountAsync(user, ct);
        ToAssign = await rectifications.ToAssignAsync(user, ct);
    }
}
