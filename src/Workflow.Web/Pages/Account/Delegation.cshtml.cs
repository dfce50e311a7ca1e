using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Calendar;
using Workflow.Activities.Delegations;
using Workflow.Host.Delegations;

namespace Workflow.Web.Pages.Account;

/// <summary>委托代审: a reviewer names a colleague who decides his pending report steps "代 他 审核" for a range of days, or ends it.</summary>
public sealed class DelegationModel(CurrentUser me, DelegationService delegations, TimeProvider clock) : AppPageModel
{
    [BindProperty]
    public string? DelegateId { get; set; }

    [BindProperty]
    public DateOnly? From { get; set; }

    [BindProperty]
    public DateOnly? To { get; set; }

    public bool MayDelegate { get; private set; }
    public Delegation? Current { get; private set; }
    public List<DelegateCandidate> Candidates { get; private set; } = [];
    public List<Delegation> StandingInFor { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        From ??= Today;
        To ??= Today.AddDays(6);
        DelegateId ??= Current?.DelegateId;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var refused = await TryAsync(async () => await delegations.SetAsync(await me.GetAsync(ct), DelegateId, From, To, ct));
        if (refused is not null) return refused;
        if (ModelState.IsValid)
        {
            Flash("委托已保存。");
            return RedirectToPage();
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(CancellationToken ct)
    {
        var refused = await TryAsync(async () => await delegations.EndAsync(await me.GetAsync(ct), ct));
        if (refused is not null) return refused;
        Flash("委托已结束。");
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        Today = ChinaTime.Today(clock);
        MayDelegate = Delegation.MayDelegate(user.Actor.Roles);
        Current = await delegations.MineAsync(user, ct);
        Candidates = await delegations.CandidatesAsync(user, ct);
        StandingInFor = await delegations.ForMeAsync(user, ct);
    }
}
