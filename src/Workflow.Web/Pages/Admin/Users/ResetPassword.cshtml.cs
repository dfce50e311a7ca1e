using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Admin;

namespace Workflow.Web.Pages.Admin.Users;

/// <summary>The admin sets a new password for a user who forgot his; a lockout is lifted at the same time.</summary>
public sealed class ResetPasswordModel(AdminService admin) : AppPageModel
{
    /// <summary>The new password, typed twice.</summary>
    public sealed class PasswordForm
    {
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public PasswordForm Input { get; set; } = new();

    public UserRow Account { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await TryAsync(async () => Account = await admin.GetUserAsync(Id, ct)) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var refused = await TryAsync(async () => Account = await admin.GetUserAsync(Id, ct));
        if (refused is not null) return refused;
        if (!string.IsNullOrEmpty(Input.Password) && Input.Password != Input.ConfirmPassword)
            ModelState.AddModelError("Input.ConfirmPassword", "两次输入的密码不一致。");
        if (!ModelState.IsValid || !ModelState.Accept(await admin.ResetPasswordAsync(Id, Input.Password, ct)))
            return Page();
        Flash($"已重置“{Account.DisplayName}”的密码，账号已解锁。");
        return Redirect("/Admin/Users");
    }
}
