using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Admin;

namespace Workflow.Web.Pages.Admin.Units;

/// <summary>The admin adds a unit: an agency with its committee and team, an inspection team or a committee.</summary>
public sealed class CreateModel(AdminService admin) : UnitFormPage(admin)
{
    public Task OnGetAsync(CancellationToken ct) => LoadChoicesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid && ModelState.Accept(await Admin.CreateUnitAsync(Input.ToInput(), ct)))
        {
            Flash($"已新建单位“{Input.Name!.Trim()}”。");
            return Redirect("/Admin/Units");
        }
        await LoadChoicesAsync(ct);
        return Page();
    }
}
