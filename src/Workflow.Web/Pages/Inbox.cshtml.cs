using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Reports;
using Workflow.Host.Inbox;

namespace Workflow.Web.Pages;

/// <summary>
/// 待办: everything waiting for me in one list, most urgent first, each with its deadline as the reminders count it;
/// 已办 (<c>?tab=done</c>): the decisions I made, newest first, a page at a time.
/// </summary>
public sealed class InboxModel(CurrentUser me, TodoService todo, Workflow.Host.Reports.ReportCopying copies, Workflow.Host.Data.AppDbContext db)
    : AppPageModel
{
    /// <summary>Per report row the user holds a task of (会签, 转办, 加签): what it asks, e.g. "加签：请审核后返回 刘洋", "会签进度 1/2".</summary>
    public Dictionary<Guid, string> TaskNotes { get; } = [];

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
        await TaskNotesAsync(user.Actor.UserId, ct);
        if (ShowCopied) Copied = await copies.CopiedToAsync(user, ct);
        if (!ShowDone) return;
        Done = await todo.DoneAsync(user, Math.Max(1, page ?? 1), DonePage.DefaultPageSize, ct);
        // A page past the end shows the last page.
        if (Done.Rows.Count == 0 && Done.Page > Done.PageCount)
            Done = await todo.DoneAsync(user, Done.PageCount, DonePage.DefaultPageSize, ct);
    }

    // The user's open tasks among the listed reports, each with the other tasks of its step round for the 会签 progress.
    private async Task TaskNotesAsync(string userId, CancellationToken ct)
    {
        var ids = Items.Where(i => i.Kind == TodoKind.ReportReview).Select(i => i.Id).Distinct().ToList();
        if (ids.Count == 0) return;
        var tasks = await db.ReviewTasks.AsNoTracking().Where(t => ids.Contains(t.ReportId)).ToListAsync(ct);
        foreach (var mine in tasks.Where(t => t.UserId == userId && t.IsOpen))
        {
            var round = tasks.Where(t => t.ReportId == mine.ReportId && t.Step == mine.Step && t.Round == mine.Round).ToList();
            var members = round.Where(t => t.Kind == ReviewTaskKind.Member && t.State is not (ReviewTaskState.Transferred or ReviewTaskState.Cancelled)).ToList();
            var progress = $"会签进度 {members.Count(t => t.State == ReviewTaskState.Approved)}/{members.Count}";
            TaskNotes[mine.ReportId] = mine.Kind switch
            {
                ReviewTaskKind.AddedBefore => $"加签：请审核后返回 {mine.ByName}",
                ReviewTaskKind.AddedAfter => $"加签：{mine.ByName} 已同意，请审核",
                ReviewTaskKind.Member when mine.ByName is { } by => $"{by} 转办 · {progress}",
                ReviewTaskKind.Member => progress,
                _ => $"{mine.ByName} 转办",
            };
        }
    }
}
