using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using Workflow.Host.Data;
using Workflow.Host.Routes;

namespace Workflow.Web.Pages.Admin.Routes;

/// <summary>
/// 流程设计: the stored draft (a copy of the latest version until first saved), edited step by step on the server — add, remove,
/// move up and down, edit — with its diagram, the problems that stop it (units without a decider, per step) and publishing.
/// Every button saves what the form holds first, so nothing typed is lost.
/// </summary>
public sealed class DesignModel(RouteDesigner designer, AppDbContext db) : AppPageModel
{
    public sealed class StepForm
    {
        public string? Key { get; set; }
        public string? Name { get; set; }
        public DeciderKind DeciderKind { get; set; }
        public string? Role { get; set; }
        public Guid? UnitId { get; set; }
        public int TimeLimitWorkingDays { get; set; } = 3;
        public bool ChecksGate { get; set; }
        public StepMode Mode { get; set; }
    }

    public sealed class DraftForm
    {
        public string? Name { get; set; }
        public List<StepForm> Steps { get; set; } = [];
        public List<Guid> AppliesTo { get; set; } = [];
    }

    [BindProperty] public DraftForm Input { get; set; } = new();

    public RouteDraft Draft { get; private set; } = null!;
    public IReadOnlyList<RouteProblem>? Problems { get; private set; }
    public string? Diagram { get; private set; }
    public IReadOnlyList<Unit> Units { get; private set; } = [];
    public IReadOnlyList<string> Roles { get; private set; } = [];

    public static readonly IReadOnlyList<(DeciderKind Kind, string Label)> DeciderKinds =
    [
        (DeciderKind.OwnUnit, "本单位（按角色）"), (DeciderKind.InspectionTeam, "派驻纪检监察组"),
        (DeciderKind.Supervisor, "主管机关工委"), (DeciderKind.NamedUnit, "指定单位（按角色）"),
    ];

    /// <summary>审批方式: how the holders of a step's role decide it, with the hint the form shows.</summary>
    public static readonly IReadOnlyList<(StepMode Mode, string Label, string Hint)> Modes =
    [
        (StepMode.Single, "单人审批", "审核角色中任一人审核即完成本环节。"),
        (StepMode.All, "会签（全部同意）", "报告进入本环节时，审核角色的每个在用账号都须同意；任一人退回即退回。"),
        (StepMode.Any, "或签（任一人）", "审核角色的每个人都会收到待办，第一人的决定即完成本环节。"),
    ];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(await designer.DraftAsync(ct), ct);

    public Task<IActionResult> OnPostSaveAsync(CancellationToken ct) => SaveThenAsync(_ => { }, "草稿已保存。", ct);

    public Task<IActionResult> OnPostAddAsync(CancellationToken ct) => SaveThenAsync(steps => steps.Add(new RouteStep(
        $"Step{steps.Count + 1}", "新环节", StepDecider.OwnUnit(RoleNames.PartySecretary), 3)), "已添加环节，请填写标识、名称和审核人。", ct);

    public Task<IActionResult> OnPostRemoveAsync(int index, CancellationToken ct) =>
        SaveThenAsync(steps => { if (index >= 0 && index < steps.Count) steps.RemoveAt(index); }, "已删除环节。", ct);

    public Task<IActionResult> OnPostUpAsync(int index, CancellationToken ct) => SaveThenAsync(steps => Swap(steps, index - 1, index), "已上移。", ct);

    public Task<IActionResult> OnPostDownAsync(int index, CancellationToken ct) => SaveThenAsync(steps => Swap(steps, index, index + 1), "已下移。", ct);

    public async Task<IActionResult> OnPostValidateAsync(CancellationToken ct)
    {
        var draft = await SaveAsync(_ => { }, ct);
        Problems = await designer.ValidateAsync(draft, ct);
        await LoadAsync(draft, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        var draft = await SaveAsync(_ => { }, ct);
        Problems = await designer.ValidateAsync(draft, ct);
        if (Problems.Count > 0)
        {
            await LoadAsync(draft, ct);
            return Page();
        }
        RouteDefinition? published = null;
        await TryAsync(async () => published = await designer.PublishAsync(ct));
        if (published is null)
        {
            await LoadAsync(draft, ct);
            return Page();
        }
        Flash($"已发布流程版本 v{published.Version}。适用单位新建的报告将使用该版本，已创建的报告保持原版本。");
        return Redirect("/Admin/Routes");
    }

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken ct)
    {
        await designer.DiscardAsync(ct);
        Flash("已放弃草稿，重新从最新版本开始。");
        return Redirect("/Admin/Routes/Design");
    }

    private static void Swap(List<RouteStep> steps, int a, int b)
    {
        if (a < 0 || b >= steps.Count) return;
        (steps[a], steps[b]) = (steps[b], steps[a]);
    }

    private async Task<IActionResult> SaveThenAsync(Action<List<RouteStep>> change, string message, CancellationToken ct)
    {
        await SaveAsync(change, ct);
        Flash(message);
        return Redirect("/Admin/Routes/Design");
    }

    private async Task<RouteDraft> SaveAsync(Action<List<RouteStep>> change, CancellationToken ct)
    {
        var steps = Input.Steps.Select(s => new RouteStep((s.Key ?? "").Trim(), (s.Name ?? "").Trim(),
            new StepDecider(s.DeciderKind, (s.Role ?? "").Trim(), s.DeciderKind == DeciderKind.NamedUnit ? s.UnitId : null),
            s.TimeLimitWorkingDays, s.ChecksGate, Enum.IsDefined(s.Mode) ? s.Mode : StepMode.Single)).ToList();
        change(steps);
        return await designer.SaveAsync(Input.Name ?? "", steps.Take(RouteDefinition.MaxSteps + 1).ToList(), Input.AppliesTo, ct);
    }

    private async Task LoadAsync(RouteDraft draft, CancellationToken ct)
    {
        Draft = draft;
        Units = await db.Units.AsNoTracking().OrderBy(u => u.Kind).ThenBy(u => u.Name).ToListAsync(ct);
        Roles = (await db.Roles.AsNoTracking().Select(r => r.Name!).ToListAsync(ct))
            .Where(r => !RoleNames.IsAdministrator(r) && r != RoleNames.Drafter).Order().ToList();
        Input = new DraftForm
        {
            Name = draft.Name,
            AppliesTo = draft.AppliesTo,
            Steps = draft.Steps.Select(s => new StepForm
            {
                Key = s.Key, Name = s.Name, DeciderKind = s.Decider.Kind, Role = s.Role, UnitId = s.Decider.UnitId,
                TimeLimitWorkingDays = s.TimeLimitWorkingDays, ChecksGate = s.ChecksGate, Mode = s.Mode,
            }).ToList(),
        };
        ModelState.Clear();
        try
        {
            Diagram = Display.RouteDiagram(new RouteDefinition(draft.BasedOnVersion + 1, draft.Name, draft.Steps, draft.UpdatedAt), ReportStatus.Draft);
        }
        catch (ArgumentException)
        {
            Diagram = null;
        }
    }

    public IReadOnlyList<RouteProblem> ProblemsOf(int? step) => Problems?.Where(p => p.Step == step).ToList() ?? [];
}
