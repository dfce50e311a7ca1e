using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Admin;

namespace Workflow.Web.Pages.Admin.Users;

/// <summary>The 系统管理员 changes an account's name, e-mail and unit; its roles are the 安全保密管理员's (三员分立).</summary>
public sealed class EditModel(AdminService admin) : UserFormPage(admin)
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public UserRow Account { get; private set; } = null!;

    public override bool ChoosesRole => false;

    public override IReadOnlyList<string> CurrentRoles => Account.Roles;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await TryAsync(async () =>
    {
        await LoadAsync(ct);
        Input = new UserForm { DisplayName = Account.DisplayName, Email = Account.Email, UnitId = Account.UnitId };
    }) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var saved = false;
        var refused = await TryAsync(async () =>
        {
            saved = ModelState.IsValid && ModelState.Accept(await Admin.UpdateUserAsync(Id, Input.ToAssignment(), ct));
            if (!saved) await LoadAsync(ct);
        });
        if (refused is not null) return refused;
        if (!saved) return Page();
        Flash($"已保存用户“{Input.DisplayName!.Trim()}”的信息。");
        return Redirect("/Admin/Users");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Account = await Admin.GetUserAsync(Id, ct);
        await LoadChoicesAsync(ct);
    }
}
