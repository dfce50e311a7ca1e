using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Messages;

namespace Workflow.Web.Pages.Messages;

/// <summary>消息中心: my messages, newest first, unread in bold; open one (marks it read), mark one or all read.</summary>
[Authorize(Policy = WebExtensions.BusinessPolicy)]
public sealed class IndexModel(CurrentUser me, UserMessages messages) : AppPageModel
{
    public MessagePage Result { get; private set; } = new([], 1, UserMessages.DefaultPageSize, 0, 0);

    public int PageCount => Math.Max(1, (Result.Total + Result.PageSize - 1) / Result.PageSize);

    public async Task OnGetAsync(int? page, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        Result = await messages.ListAsync(user.User.Id, page ?? 1, UserMessages.DefaultPageSize, ct);
    }

    public async Task<IActionResult> OnPostReadAsync(long id, int? page, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        var refused = await TryAsync(() => messages.MarkReadAsync(user.User.Id, id, ct));
        if (refused is not null) return refused;
        return RedirectToPage(new { page });
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        var marked = await messages.MarkAllReadAsync(user.User.Id, ct);
        Flash(marked == 0 ? "没有未读消息。" : $"已将{marked}条消息标为已读。");
        return RedirectToPage();
    }
}
