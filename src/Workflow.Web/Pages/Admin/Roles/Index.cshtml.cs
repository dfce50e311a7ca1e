using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Organization;
using Workflow.Host.Admin;

namespace Workflow.Web.Pages.Admin.Roles;

/// <summary>角色管理: the built-in business roles (read-only) and the unit-level roles the 系统管理员 adds and deletes.</summary>
public sealed class IndexModel(RoleAdministration roles) : AppPageModel
{
    /// <summary>A new role as posted.</summary>
    public sealed class RoleForm
    {
        public string? Name { get; set; }
        public UnitKind? UnitKind { get; set; }
        public string? Description { get; set; }
    }

    [BindProperty]
    public RoleForm Input { get; set; } = new() { UnitKind = Activities.Organization.UnitKind.Agency };

    public IReadOnlyList<RoleRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await roles.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var name = Input.Name?.Trim();
        var refused = await TryAsync(() => roles.CreateAsync(Input.Name, Input.UnitKind, Input.Description, ct), "Input.");
        if (refused is not null) return refused;
        if (!ModelState.IsValid)
        {
            Rows = await roles.ListAsync(ct);
            return Page();
        }
        Flash($"已添加角色“{name}”。可在用户的兼职或安全保密管理员的角色分配中授予，也可在流程设计中作为审核角色。");
        return Redirect("/Admin/Roles");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        string? name = null;
        var refused = await TryAsync(async () =>
        {
            name = (await roles.GetAsync(id, ct)).Name;
            await roles.DeleteAsync(id, ct);
        });
        if (refused is not null) return refused;
        if (!ModelState.IsValid)
        {
            // The refusal (still held, used by a route) is shown beside the role's row.
            MoveErrors("", $"Delete-{id}");
            Rows = await roles.ListAsync(ct);
            return Page();
        }
        Flash($"已删除角色“{name}”。");
        return Redirect("/Admin/Roles");
    }
}
