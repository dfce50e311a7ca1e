using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Admin;

namespace Workflow.Web.Pages.Admin.Users;

/// <summary>The admin lifts the lockout of a user who failed to sign in five times, keeping his password.</summary>
public sealed class UnlockModel(AdminService admin) : AppPageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public UserRow Account { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await TryAsync(async () => Account = await admin.GetUserAsync(Id, ct)) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var unlocked = false;
        var refused = await TryAsync(async () =>
        {
            Account = await admin.GetUserAsync(Id, ct);
            unlocked = ModelState.Accept(await admin.UnlockAsync(Id, ct));
        });
        if (refused is not null) return refused;
        if (!unlocked) return Page();
        Flash($"已解锁“{Account.DisplayName}”的账号。");
        return Redirect("/Admin/Users");
    }
}
