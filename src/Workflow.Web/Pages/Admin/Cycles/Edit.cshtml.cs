using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Cycles;
using Workflow.Activities.Organization;
using Workflow.Host.Cycles;
using Workflow.Host.Data;

namespace Workflow.Web.Pages.Admin.Cycles;

/// <summary>修改报告周期: name, due date, units (add units created later, remove some) and policy; each change is journalled.</summary>
public sealed class EditModel(CycleService cycles, AppDbContext db, CurrentUser me) : AppPageModel
{
    [BindProperty]
    public CyclesModel.InputModel Input { get; set; } = new();

    public ReportingCycle Cycle { get; private set; } = null!;
    public List<Unit> Agencies { get; private set; } = [];
    public List<CycleChange> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = new CyclesModel.InputModel
        {
            Name = Cycle.Name, Year = Cycle.Year, DueDate = Cycle.DueDate, UnitIds = Cycle.Units.Select(u => u.UnitId).ToList(),
        };
        Input.Show(Cycle.Policy);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Input.DueDate is null) ModelState.AddModelError("Input.DueDate", "请填写报送截止日期。");
        var policy = CyclesModel.ReadPolicy(Input, ModelState);
        if (ModelState.IsValid)
        {
            var user = await me.GetAsync(ct);
            CycleEdit? edit = null;
            var refused = await TryAsync(async () => edit = await cycles.EditAsync(id, Input.Name ?? "", Input.DueDate!.Value, Input.UnitIds, policy,
                user.User.Id, user.Actor.DisplayName, ct), "Input.");
            if (refused is not null) return refused;
            if (ModelState.IsValid)
            {
                Flash(edit!.IsEmpty ? "没有修改任何内容。" : $"已修改“{Input.Name!.Trim()}”报告周期。");
                return Redirect("/Admin/Cycles");
            }
        }
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var cycle = await db.Cycles.AsNoTracking().Include(c => c.Units).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (cycle is null) return false;
        Cycle = cycle;
        Agencies = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Agency).OrderBy(u => u.Name).ToListAsync(ct);
        Changes = await cycles.ChangesAsync(id, ct);
        return true;
    }
}
