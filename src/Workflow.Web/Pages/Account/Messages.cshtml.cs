using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Messages;
using Workflow.Host.Messages;

namespace Workflow.Web.Pages.Account;

/// <summary>消息设置: per kind of message, 仅站内 / 站内+邮件 / 每日汇总.</summary>
[Authorize(Policy = WebExtensions.BusinessPolicy)]
public sealed class MessagesModel(CurrentUser me, UserMessages messages) : AppPageModel
{
    /// <summary>The chosen delivery per kind, posted as Choices[ReportDecided]=InApp…</summary>
    [BindProperty]
    public Dictionary<MessageKind, MessageDelivery> Choices { get; set; } = [];

    public string? Email { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        Email = user.User.Email;
        Choices = (await messages.PreferencesAsync(user.User.Id, ct)).ToDictionary(p => p.Kind, p => p.Delivery);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        Email = user.User.Email;
        if (!ModelState.IsValid || Choices.Count == 0)
        {
            ModelState.AddModelError("", "请为每类消息选择接收方式。");
            Choices = (await messages.PreferencesAsync(user.User.Id, ct)).ToDictionary(p => p.Kind, p => p.Delivery);
            return Page();
        }
        var refused = await TryAsync(() => messages.SetPreferencesAsync(user.User.Id, Choices, ct));
        if (refused is not null) return refused;
        if (!ModelState.IsValid) return Page();
        Flash("消息设置已保存。");
        return RedirectToPage();
    }
}
