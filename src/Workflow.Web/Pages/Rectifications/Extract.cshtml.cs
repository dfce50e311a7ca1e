using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Rectification;
using Workflow.Host.Rectification;
using Workflow.Host.Reports;

namespace Workflow.Web.Pages.Rectifications;

/// <summary>
/// Problems a report enumerates (under 存在的问题 or in a self-criticism paragraph), proposed as items with the measure of the
/// same number when the next steps pair with them, and the unit's earlier items each resembles (问题反弹); the user ticks,
/// edits and confirms them.
/// </summary>
public sealed class ExtractModel(CurrentUser me, RectificationIntake intake, RectificationLedger ledger, ReportService reports,
    RecurringProblems recurring) : AppPageModel
{
    /// <summary>One proposed item as the form shows and posts it.</summary>
    public sealed class ProposalInput
    {
        public bool Selected { get; set; } = true;
        public string? Problem { get; set; }
        public string? Measures { get; set; }
        public string? OwnerUserName { get; set; }
        public DateOnly? Deadline { get; set; }
    }

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public List<ProposalInput> Proposals { get; set; } = [];

    public string ReportTitle { get; private set; } = "";
    /// <summary>Where the problems were found, how the measures pair, and the admissions that list nothing.</summary>
    public ProblemExtraction Found { get; private set; } = ProblemExtraction.Empty;
    public List<UnitMember> Members { get; private set; } = [];

    /// <summary>问题反弹: per proposal, the unit's items of earlier years it resembles.</summary>
    private IReadOnlyList<IReadOnlyList<SimilarItem>> _similar = [];

    public IReadOnlyList<SimilarItem> SimilarTo(int k) => k < _similar.Count ? _similar[k] : [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await TryAsync(async () =>
        {
            await LoadAsync(ct);
            Proposals = Found.Proposals.Select(p => new ProposalInput { Problem = p.Problem, Measures = p.Measures }).ToList();
            await FindSimilarAsync(ct);
        }) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var chosen = Proposals.Select((p, k) => (p, k)).Where(x => x.p.Selected).ToList();
        foreach (var (p, k) in chosen.Where(x => string.IsNullOrWhiteSpace(x.p.Problem)))
            ModelState.AddModelError($"Proposals[{k}].Problem", "请填写问题描述，或取消勾选此项。");
        if (ModelState.IsValid)
        {
            var refused = await TryAsync(async () => await intake.CreateFromReportAsync(await me.GetAsync(ct), Id,
                chosen.Select(x => new ItemInput(null, x.p.Problem, x.p.Measures, null, null, x.p.OwnerUserName, x.p.Deadline)).ToList(), ct));
            if (refused is not null) return refused;
            if (ModelState.IsValid)
            {
                Flash($"已从报告生成{chosen.Count}项整改事项。");
                return Redirect("/Rectifications");
            }
        }
        return await TryAsync(async () =>
        {
            await LoadAsync(ct);
            await FindSimilarAsync(ct);
        }) ?? Page();
    }

    private async Task FindSimilarAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        var report = await reports.GetAsync(user, Id, ct);
        _similar = await recurring.SimilarAsync(user, report.UnitId, report.Year, Proposals.Select(p => p.Problem).ToList(), ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        var report = await reports.GetAsync(user, Id, ct);
        ReportTitle = report.Title;
        Members = await ledger.MembersAsync(user, report.UnitId, ct);
        Found = await intake.ReadProblemsAsync(user, Id, ct);
    }
}
