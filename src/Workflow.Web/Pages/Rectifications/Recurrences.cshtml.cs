using Microsoft.AspNetCore.Mvc;
using Workflow.Activities;
using Workflow.Host.Rectification;

namespace Workflow.Web.Pages.Rectifications;

/// <summary>问题反弹: per unit, the problems that come back across years, for the committee (all units) and an inspection team (its units).</summary>
public sealed class RecurrencesModel(CurrentUser me, RecurringProblems recurring, RectificationLedger ledger) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }

    public List<(Guid Id, string Name)> Units { get; private set; } = [];
    public List<int> Years { get; private set; } = [];
    public List<RecurrenceGroup> Groups { get; private set; } = [];

    /// <summary>The groups by unit, in the order of the unit picker.</summary>
    public IEnumerable<IGrouping<string, RecurrenceGroup>> ByUnit => Groups.GroupBy(g => g.UnitName);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        if (!RecurringProblems.MayReadRecurrences(user.Actor)) return Forbid();
        Units = await ledger.UnitsAsync(user, ct);
        Years = await recurring.YearsAsync(user, ct);
        if (Year is { } y && !SupportedYears.Contains(y))
        {
            ModelState.AddModelError(nameof(Year), $"年度应在{SupportedYears.Min}至{SupportedYears.Max}之间。");
            return Page();
        }
        if (Year is { } chosen && !Years.Contains(chosen)) Years = Years.Append(chosen).OrderDescending().ToList();
        if (Unit is { } u && Units.All(x => x.Id != u))
        {
            ModelState.AddModelError(nameof(Unit), "单位不存在或您无权查看。");
            return Page();
        }
        return await TryAsync(async () => Groups = await recurring.GroupsAsync(user, Year, Unit, ct)) ?? Page();
    }
}
