using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Admin;

namespace Workflow.Web.Pages.Admin.Users;

/// <summary>The admin changes an account's name, e-mail, role and unit; the role must fit the unit's kind.</summary>
public sealed class EditModel(AdminService admin, CurrentUser me) : UserFormPage(admin)
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public UserRow Account { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await TryAsync(async () =>
    {
        await LoadAsync(ct);
        Input = new UserForm { DisplayName = Account.DisplayName, Email = Account.Email, Role = Account.Role, UnitId = Account.UnitId };
    }) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var saved = false;
        var refused = await TryAsync(async () =>
        {
            var actingUserId = (await me.GetAsync(ct)).User.Id;
            saved = ModelState.IsValid && ModelState.Accept(await Admin.UpdateUserAsync(Id, Input.ToAssignment(), actingUserId, ct));
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
