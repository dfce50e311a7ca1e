using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Organization;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using Workflow.Host.Data;
using Workflow.Host.Reminders;

namespace Workflow.Host.Routes;

/// <summary>
/// The route being designed (流程设计): one stored draft, copied from the latest version, edited step by step, validated and
/// published as the next version. A published version never changes; a draft may hold anything until it is validated.
/// </summary>
public sealed class RouteDraft
{
    /// <summary>The one draft of the installation.</summary>
    public const int TheDraft = 1;

    private RouteDraft() { }

    public RouteDraft(int basedOnVersion, string name, IReadOnlyList<RouteStep> steps, IReadOnlyCollection<Guid> appliesTo, DateTimeOffset at)
    {
        Id = TheDraft;
        Change(basedOnVersion, name, steps, appliesTo, at);
    }

    public int Id { get; private set; }
    public int BasedOnVersion { get; private set; }
    public string Name { get; private set; } = "";
    public List<RouteStep> Steps { get; private set; } = [];
    public List<Guid> AppliesTo { get; private set; } = [];
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Change(int basedOnVersion, string name, IReadOnlyList<RouteStep> steps, IReadOnlyCollection<Guid> appliesTo, DateTimeOffset at)
    {
        BasedOnVersion = basedOnVersion;
        Name = name.Trim();
        Steps = steps.ToList();
        AppliesTo = appliesTo.Distinct().ToList();
        UpdatedAt = at;
    }
}

/// <summary>One thing that stops a draft from being published; <see cref="Step"/> is its 0-based step, null for the route.</summary>
public sealed record RouteProblem(int? Step, string Field, string Message, IReadOnlyList<string> UnitsWithoutDecider);

public sealed class RouteDesigner(AppDbContext db, RouteService routes, TimeProvider clock)
{
    public const int MaxNameLength = 60;
    public const int MaxTimeLimitWorkingDays = 60;

    /// <summary>The stored draft, or a copy of the latest version when there is none (not stored until saved).</summary>
    public async Task<RouteDraft> DraftAsync(CancellationToken ct = default)
    {
        if (await db.RouteDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == RouteDraft.TheDraft, ct) is { } draft) return draft;
        var latest = await db.Routes.AsNoTracking().OrderByDescending(r => r.Version).FirstAsync(ct);
        return new RouteDraft(latest.Version, latest.Name, latest.Steps, latest.AppliesTo, clock.GetUtcNow());
    }

    /// <summary>Stores the draft as given (any content: it is checked by <see cref="ValidateAsync"/> and on publishing).</summary>
    public async Task<RouteDraft> SaveAsync(string name, IReadOnlyList<RouteStep> steps, IReadOnlyCollection<Guid>? appliesTo, CancellationToken ct = default)
    {
        if (steps.Count > RouteDefinition.MaxSteps * 2)
            throw new WorkflowRuleException(RuleViolation.Invalid, "route-too-long", $"流程最多{RouteDefinition.MaxSteps}个审核环节。", "steps");
        var latest = await db.Routes.MaxAsync(r => r.Version, ct);
        var draft = await db.RouteDrafts.FirstOrDefaultAsync(d => d.Id == RouteDraft.TheDraft, ct);
        if (draft is null) db.RouteDrafts.Add(draft = new RouteDraft(latest, name, steps, appliesTo ?? [], clock.GetUtcNow()));
        else draft.Change(latest, name, steps, appliesTo ?? [], clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return draft;
    }

    /// <summary>Throws the draft away; the next read copies the latest version again.</summary>
    public async Task DiscardAsync(CancellationToken ct = default) =>
        await db.RouteDrafts.Where(d => d.Id == RouteDraft.TheDraft).ExecuteDeleteAsync(ct);

    /// <summary>
    /// What stops the draft: 1–10 steps, valid unique keys, names, time limits, a named unit that exists, and for every step
    /// and every agency the route applies to, at least one active user who decides it (the agencies without one, by name).
    /// </summary>
    public async Task<List<RouteProblem>> ValidateAsync(RouteDraft draft, CancellationToken ct = default)
    {
        var problems = new List<RouteProblem>();
        void Add(int? step, string field, string message, IReadOnlyList<string>? units = null) =>
            problems.Add(new RouteProblem(step, field, message, units ?? []));

        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Length > MaxNameLength)
            Add(null, "name", $"请填写流程名称（不超过{MaxNameLength}字）。");
        if (draft.Steps.Count is 0 or > RouteDefinition.MaxSteps)
            Add(null, "steps", $"流程须有1至{RouteDefinition.MaxSteps}个审核环节。");

        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var agencies = units.Values.Where(u => u.Kind == UnitKind.Agency).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        foreach (var id in draft.AppliesTo.Where(id => !units.TryGetValue(id, out var u) || u.Kind != UnitKind.Agency))
            Add(null, "appliesTo", $"适用单位 {id} 不是报告单位。");
        var applies = draft.AppliesTo.Count == 0 ? agencies : agencies.Where(a => draft.AppliesTo.Contains(a.Id)).ToList();
        var roles = await db.Roles.AsNoTracking().Select(r => r.Name!).ToListAsync(ct);
        var people = await Recipients.LoadAsync(db, ct);
        // A disabled (停用) or locked account decides nothing; posts (兼职) count like home roles (Recipients).
        var active = await db.Users.AsNoTracking().Where(u => u.DisabledAt == null && (u.LockoutEnd == null || u.LockoutEnd < clock.GetUtcNow()))
            .Select(u => u.Id).ToListAsync(ct);

        for (var i = 0; i < draft.Steps.Count; i++)
        {
            var step = draft.Steps[i];
            var name = string.IsNullOrWhiteSpace(step.Name) ? $"第{i + 1}个环节" : $"“{step.Name}”";
            if (!ReportStatus.IsStepKey(step.Key))
                Add(i, "key", $"{name}的环节标识须以英文字母开头、由2至40个英文字母或数字组成，且不能是 Draft、Returned、Approved。");
            else if (draft.Steps.Take(i).Any(s => string.Equals(s.Key, step.Key, StringComparison.OrdinalIgnoreCase)))
                Add(i, "key", $"{name}的环节标识“{step.Key}”与前面的环节重复。");
            if (string.IsNullOrWhiteSpace(step.Name) || step.Name.Length > MaxNameLength)
                Add(i, "name", $"第{i + 1}个环节须有名称（不超过{MaxNameLength}字）。");
            if (step.TimeLimitWorkingDays is < 1 or > MaxTimeLimitWorkingDays)
                Add(i, "timeLimitWorkingDays", $"{name}的时限须为1至{MaxTimeLimitWorkingDays}个工作日。");
            if (!roles.Contains(step.Role) || Activities.RoleNames.IsAdministrator(step.Role) || step.Role == Activities.RoleNames.Drafter)
            {
                Add(i, "role", $"{name}的审核角色“{step.Role}”不存在或不能审核报告。");
                continue;
            }
            if (step.Decider.Kind == DeciderKind.NamedUnit && (step.Decider.UnitId is not { } named || !units.ContainsKey(named)))
            {
                Add(i, "unitId", $"{name}须指定审核单位。");
                continue;
            }
            var nobody = applies.Where(a => !people.Deciding(a.Id, step).Any(p => active.Contains(p.UserId))).Select(a => a.Name).ToList();
            if (nobody.Count > 0)
                Add(i, "decider", $"{name}在以下单位无人审核：{string.Join("、", nobody)}。", nobody);
        }
        return problems;
    }

    /// <summary>Publishes the stored draft as the next version, if it validates, and removes the draft.</summary>
    public async Task<RouteDefinition> PublishAsync(CancellationToken ct = default)
    {
        var draft = await db.RouteDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == RouteDraft.TheDraft, ct)
                    ?? throw new WorkflowRuleException(RuleViolation.Conflict, "route-draft-missing", "尚无流程草稿，请先保存草稿。");
        var problems = await ValidateAsync(draft, ct);
        if (problems.Count > 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "route-invalid",
                $"流程草稿有{problems.Count}处问题，不能发布：{problems[0].Message}", problems[0].Field);
        var route = await routes.PublishAsync(draft.Name, draft.Steps, draft.AppliesTo, ct);
        await DiscardAsync(ct);
        return route;
    }
}
