using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Rectification;
using Workflow.Host.Rectification;

namespace Workflow.Web.Pages.Rectifications;

/// <summary>Manual entry of an item (巡视巡察, 专项检查, …) for the user's unit or, for reviewers, a unit they cover.</summary>
public sealed class CreateModel(CurrentUser me, RectificationIntake intake, RectificationLedger ledger, RecurringProblems recurring) : AppPageModel
{
    /// <summary>The form.</summary>
    public sealed class InputModel
    {
        public Guid? UnitId { get; set; }
        public RectificationSource Source { get; set; } = RectificationSource.Inspection;
        public string? Category { get; set; }
        public string? Problem { get; set; }
        public string? Measures { get; set; }
        public string? ResponsibleLeader { get; set; }
        public string? ResponsibleDepartment { get; set; }
        public string? OwnerUserName { get; set; }
        public DateOnly? Deadline { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public List<(Guid Id, string Name)> Units { get; private set; } = [];
    public List<UnitMember> Members { get; private set; } = [];

    /// <summary>问题反弹: the unit's items of earlier years the typed problem resembles.</summary>
    public IReadOnlyList<SimilarItem> Similar { get; private set; } = [];

    /// <summary>
    /// The hint beside 问题描述 while the user types (similar-hint.js posts the form here): the unit's earlier items the problem
    /// resembles, as the _SimilarHint partial. Nothing is stored.
    /// </summary>
    public async Task<IActionResult> OnPostSimilarAsync(CancellationToken ct)
    {
        await FindSimilarAsync(ct);
        return Partial("_SimilarHint", Similar);
    }

    private async Task FindSimilarAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        var unitId = Input.UnitId ?? user.User.UnitId;
        if (unitId is { } id && user.CanSee(id) && !string.IsNullOrWhiteSpace(Input.Problem)
            && Input.Problem.Length <= RectificationItem.MaxProblemLength)
            Similar = (await recurring.SimilarAsync(user, id, ledger.Today.Year, [Input.Problem], ct))[0];
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        if (!RectificationFiling.MayCreate(user.Actor)) return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Guid id = default;
        var refused = await TryAsync(async () =>
        {
            var i = Input;
            var item = await intake.CreateAsync(await me.GetAsync(ct), i.UnitId, i.Source, new ItemInput(i.Category, i.Problem, i.Measures,
                i.ResponsibleLeader, i.ResponsibleDepartment, i.OwnerUserName, i.Deadline), ct);
            id = item.Id;
        }, "Input.");
        if (refused is not null) return refused;
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            await FindSimilarAsync(ct);
            return Page();
        }
        Flash("整改事项已创建。");
        return Redirect($"/Rectifications/Details/{id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        Units = await ledger.UnitsAsync(user, ct);
        foreach (var unit in Units) Members.AddRange(await ledger.MembersAsync(user, unit.Id, ct));
    }
}
