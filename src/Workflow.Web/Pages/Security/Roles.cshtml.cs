using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Security;

namespace Workflow.Web.Pages.Security;

/// <summary>分配角色: business and administrator roles of one account, under 三员分立 (see <see cref="AccountService.SetRolesAsync"/>).</summary>
public sealed class RolesModel(AccountService accounts, CurrentUser me) : AppPageModel
{
    [BindProperty]
    public List<string> Roles { get; set; } = [];

    public AccountRow Account { get; private set; } = null!;

    /// <summary>Every role that may be given, the added unit-level roles (角色管理) after the built-in ones.</summary>
    public IReadOnlyList<string> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } account) return NotFound();
        Account = account;
        Choices = await accounts.AssignableRolesAsync(ct);
        Roles = account.Roles.ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } account) return NotFound();
        Account = account;
        Choices = await accounts.AssignableRolesAsync(ct);
        var result = await accounts.SetRolesAsync(id, Roles, (await me.GetAsync(ct)).User.Id, ct);
        if (!result.Succeeded)
        {
            foreach (var (_, message) in result.Errors) ModelState.AddModelError(nameof(Roles), message);
            return Page();
        }
        Flash($"账号 {account.UserName} 的角色已保存。");
        return RedirectToPage("/Security/Accounts");
    }

    private async Task<AccountRow?> FindAsync(string id, CancellationToken ct) =>
        (await accounts.ListAsync(ct)).FirstOrDefault(a => a.Id == id);
}
