using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Admin;

namespace Workflow.Web.Pages.Admin.Users;

/// <summary>The admin opens an account: user name, name, e-mail, role, unit and an initial password.</summary>
public sealed class CreateModel(AdminService admin) : UserFormPage(admin)
{
    public Task OnGetAsync(CancellationToken ct) => LoadChoicesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = new NewUserInput(Input.UserName, Input.DisplayName, Input.Email, Input.Role, Input.UnitId, Input.Password);
        if (!PasswordsMatch())
            ModelState.Accept(await Admin.ValidateNewUserAsync(input, ct));
        else if (ModelState.IsValid && ModelState.Accept(await Admin.CreateUserAsync(input, ct)))
        {
            Flash($"已新建用户“{Input.UserName!.Trim()}”。");
            return Redirect("/Admin/Users");
        }
        await LoadChoicesAsync(ct);
        return Page();
    }
}
