using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Admin;

namespace Workflow.Web.Pages.Admin.Units;

/// <summary>The admin renames a unit, changes its code or kind, or moves an agency to another committee or team.</summary>
public sealed class EditModel(AdminService admin) : UnitFormPage(admin)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await TryAsync(async () =>
    {
        var unit = await Admin.GetUnitAsync(Id, ct);
        Input = new UnitForm
        {
            Name = unit.Name, Code = unit.Code, Kind = unit.Kind, SupervisorId = unit.SupervisorId, InspectionTeamId = unit.InspectionTeamId,
        };
        await LoadChoicesAsync(ct);
    }) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var saved = false;
        var refused = await TryAsync(async () =>
            saved = ModelState.IsValid && ModelState.Accept(await Admin.UpdateUnitAsync(Id, Input.ToInput(), ct)));
        if (refused is not null) return refused;
        if (saved)
        {
            Flash($"已保存单位“{Input.Name!.Trim()}”。");
            return Redirect("/Admin/Units");
        }
        await LoadChoicesAsync(ct);
        return Page();
    }
}
