using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Inbox;

namespace Workflow.Web.Pages;

/// <summary>
/// 待办: everything waiting for me in one list, most urgent first, each with its deadline as the reminders count it;
/// 已办 (<c>?tab=done</c>): the decisions I made, newest first, a page at a time.
/// </summary>
public sealed class InboxModel(CurrentUser me, TodoService todo, Workflow.Host.Reports.ReportCopying copies) : AppPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Tab { get; set; }

    public bool ShowDone => Tab == "done";

    public List<TodoRow> Items { get; private set; } = [];

    /// <summary>Where a page that has listed the 待办 leaves its count for the navigation (<c>_TodoCount</c>) of the same request.</summary>
    public const string TodoCountKey = "approvalflow:todo-count";

    public DonePage? Done { get; private set; }

    /// <summary>抄送我的 (<c>?tab=copied</c>): the reports copied to me, to read.</summary>
    public bool ShowCopied => Tab == "copied";

    public List<Workflow.Host.Reports.CopiedRow> Copied { get; private set; } = [];

    // "page" is also the route value naming the Razor page, so the number is read from the query string only.
    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        Items = await todo.ListAsync(user, ct);
        HttpContext.Items[TodoCountKey] = Items.Count; // the navigation count of this page is this list's, not a second listing
        if (ShowCopied) Copied = await copies.CopiedToAsync(user, ct);
        if (!ShowDone) return;
        Done = await todo.DoneAsync(user, Math.Max(1, page ?? 1), DonePage.DefaultPageSize, ct);
        // A page past the end shows the last page.
        if (Done.Rows.Count == 0 && Done.Page > Done.PageCount)
            Done = await todo.DoneAsync(user, Done.PageCount, DonePage.DefaultPageSize, ct);
    }
}
