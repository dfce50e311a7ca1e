using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Cycles;
using Workflow.Activities.Organization;
using Workflow.Host.Cycles;
using Workflow.Host.Data;

namespace Workflow.Web.Pages.Admin;

/// <summary>报告周期: open a cycle (year, due date, units) and see who has reported.</summary>
public sealed class CyclesModel(CycleService cycles, AppDbContext db, CurrentUser me, TimeProvider clock) : AppPageModel
{
    public sealed class InputModel
    {
        public string? Name { get; set; }
        public int? Year { get; set; }
        public DateOnly? DueDate { get; set; }
        public List<Guid> UnitIds { get; set; } = [];
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<Unit> Agencies { get; private set; } = [];
    public List<(ReportingCycle Cycle, List<CycleUnitStatus> Units)> Cycles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var year = Workflow.Host.Reminders.ChinaTime.Today(clock).Year - 1;
        Input = new InputModel { Name = $"{year}年度", Year = year, DueDate = new DateOnly(year + 1, 1, 31) };
        await LoadAsync(ct);
        Input.UnitIds = Agencies.Select(a => a.Id).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.Year is null) ModelState.AddModelError("Input.Year", "请填写报告年度。");
        if (Input.DueDate is null) ModelState.AddModelError("Input.DueDate", "请填写报送截止日期。");
        if (ModelState.IsValid)
        {
            var user = await me.GetAsync(ct);
            var refused = await TryAsync(() => cycles.OpenAsync(Input.Name ?? "", Input.Year!.Value, Input.DueDate!.Value, Input.UnitIds,
                user.User.Id, ct), "Input.");
            if (refused is not null) return refused;
            if (ModelState.IsValid)
            {
                Flash($"已开启“{Input.Name}”报告周期。");
                return RedirectToPage();
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Agencies = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Agency).OrderBy(u => u.Name).ToListAsync(ct);
        Cycles = [];
        foreach (var cycle in await cycles.ListAsync(ct))
            Cycles.Add((cycle, await cycles.StatusAsync(cycle, ct)));
    }
}
