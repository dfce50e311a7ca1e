using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Host.Admin;

namespace Workflow.Web.Pages.Admin.Users;

/// <summary>What creating and editing an account share: the form and the roles and units to choose from.</summary>
public abstract class UserFormPage(AdminService admin) : AppPageModel
{
    /// <summary>The account form as posted; the edit page uses only the assignment part.</summary>
    public sealed class UserForm
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? Email { get; set; }
        public string? Role { get; set; }
        public Guid? UnitId { get; set; }
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }

        public UserAssignment ToAssignment() => new(DisplayName, Email, Role, UnitId);
    }

    [BindProperty]
    public UserForm Input { get; set; } = new();

    /// <summary>The business roles only, built-in and added (角色管理): administrator roles are given by the 安全保密管理员 (三员分立).</summary>
    public IReadOnlyList<SelectListItem> Roles { get; private set; } = [];

    /// <summary>Whether the form sets the role: when creating; an existing account's roles are the 安全保密管理员's.</summary>
    public virtual bool ChoosesRole => true;

    /// <summary>The roles the account holds, shown on the edit form.</summary>
    public virtual IReadOnlyList<string> CurrentRoles => [];

    /// <summary>Units grouped by kind, so the admin sees at once which units fit the role.</summary>
    public IReadOnlyList<SelectListItem> Units { get; private set; } = [];

    protected AdminService Admin => admin;

    protected async Task LoadChoicesAsync(CancellationToken ct)
    {
        Roles = (await admin.BusinessRolesAsync(ct)).Select(r => new SelectListItem(RoleNames.Label(r), r)).ToList();
        var groups = Enum.GetValues<UnitKind>().ToDictionary(k => k, k => new SelectListGroup { Name = Unit.KindLabel(k) });
        Units = (await admin.ListUnitsAsync(ct))
            .OrderBy(u => u.Kind)
            .Select(u => new SelectListItem(u.Name, u.Id.ToString()) { Group = groups[u.Kind] })
            .ToList();
    }

    /// <summary>Both password boxes must match before the password goes anywhere; a mismatch is recorded beside the second.</summary>
    protected bool PasswordsMatch()
    {
        if (string.IsNullOrEmpty(Input.Password) || Input.Password == Input.ConfirmPassword) return true;
        ModelState.AddModelError("Input.ConfirmPassword", "两次输入的密码不一致。");
        return false;
    }
}
