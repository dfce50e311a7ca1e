using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Messages;

namespace Workflow.Web.Pages.Messages;

/// <summary>Opening a message marks it read and goes to the report or item it is about (the list when it has no page).</summary>
[Authorize(Policy = WebExtensions.BusinessPolicy)]
public sealed class OpenModel(CurrentUser me, UserMessages messages) : AppPageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        UserMessage? message = null;
        var refused = await TryAsync(async () => message = await messages.MarkReadAsync(user.User.Id, id, ct));
        if (refused is not null || message is null) return refused ?? NotFound();
        return Url.IsLocalUrl(message.Link) ? LocalRedirect(message.Link) : RedirectToPage("Index");
    }
}
