using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Organization;
using Workflow.Host.Admin;
using Workflow.Host.Cycles;
using Workflow.Host.Data;

namespace Workflow.Web.Pages.Admin.Units;

/// <summary>The admin adds a unit: an agency with its committee and team, an inspection team or a committee.</summary>
public sealed class CreateModel(AdminService admin, CycleService cycles, AppDbContext db, CurrentUser me) : UnitFormPage(admin)
{
    /// <summary>加入当前报送周期: a new agency joins the latest reporting cycle at once (it must report for it too).</summary>
    [BindProperty]
    public bool JoinCurrentCycle { get; set; } = true;

    /// <summary>The cycle a new agency would join; null when none is open.</summary>
    public string? CurrentCycleName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        CurrentCycleName = (await cycles.CurrentAsync(ct))?.Name;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid && ModelState.Accept(await Admin.CreateUnitAsync(Input.ToInput(), ct)))
        {
            var joined = JoinCurrentCycle && Input.Kind == UnitKind.Agency ? await JoinAsync(ct) : null;
            Flash($"已新建单位“{Input.Name!.Trim()}”{(joined is null ? "" : $"，并加入“{joined}”报告周期")}。");
            return Redirect("/Admin/Units");
        }
        await LoadChoicesAsync(ct);
        CurrentCycleName = (await cycles.CurrentAsync(ct))?.Name;
        return Page();
    }

    private async Task<string?> JoinAsync(CancellationToken ct)
    {
        var code = Input.Code!.Trim().ToUpperInvariant();
        var unitId = await db.Units.Where(u => u.Code == code).Select(u => u.Id).FirstAsync(ct);
        var user = await me.GetAsync(ct);
        return (await cycles.AddToCurrentAsync(unitId, user.User.Id, user.Actor.DisplayName, ct))?.Name;
    }
}
