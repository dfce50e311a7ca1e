using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Activities.Calendar;
using Workflow.Activities;
using Workflow.Activities.Reminders;
using Workflow.Activities.Cycles;
using Workflow.Activities.Organization;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Reminders;

namespace Workflow.Host.Cycles;

/// <summary>Opening reporting cycles, editing them (journalled) and adding units created later.</summary>
public sealed class CycleService(AppDbContext db, TimeProvider clock, IOptions<ReminderOptions> reminders, Security.ISecurityAudit audit)
{
    /// <summary>The policy a new cycle starts with (from configuration "Reminders").</summary>
    public ReminderPolicy DefaultPolicy => reminders.Value.Policy;

    public async Task<ReportingCycle> OpenAsync(string name, int year, DateOnly dueDate, IReadOnlyCollection<Guid> unitIds, string openedById,
        ReminderPolicy? policy = null, CancellationToken ct = default)
    {
        ValidatePolicy(policy ?? DefaultPolicy);
        ValidateName(name);
        if (year is < 2000 or > 2100)
            throw new WorkflowRuleException(RuleViolation.Invalid, "year-invalid", "年度应在2000至2100之间。", "year");
        if (unitIds.Count == 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "units-required", "请至少选择一个报告单位。", "unitIds");
        await ValidateUnitsAsync(unitIds, year, null, ct);
        var cycle = new ReportingCycle(Guid.NewGuid(), name, year, dueDate, unitIds, policy ?? DefaultPolicy, openedById, clock.GetUtcNow());
        db.Cycles.Add(cycle);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new Security.SecurityEvent(Security.SecurityEventKind.CycleChanged, null, true,
            $"开启报告周期“{cycle.Name}”（{year}年度，截止{dueDate:yyyy-MM-dd}，{unitIds.Count}个单位）"), ct);
        return cycle;
    }

    public Task<List<ReportingCycle>> ListAsync(CancellationToken ct = default) =>
        db.Cycles.AsNoTracking().Include(c => c.Units).OrderByDescending(c => c.Year).ThenBy(c => c.Name).ToListAsync(ct);

    /// <summary>The cycle a unit created now joins (加入当前报送周期): the latest one, by year and then by opening.</summary>
    public Task<ReportingCycle?> CurrentAsync(CancellationToken ct = default) =>
        db.Cycles.AsNoTracking().Include(c => c.Units).OrderByDescending(c => c.Year).ThenByDescending(c => c.OpenedAt).FirstOrDefaultAsync(ct);

    public Task<List<CycleChange>> ChangesAsync(Guid cycleId, CancellationToken ct = default) =>
        db.CycleChanges.AsNoTracking().Where(c => c.CycleId == cycleId).OrderByDescending(c => c.At).ToListAsync(ct);

    /// <summary>
    /// Edits a cycle (name, due date, units, policy) and journals what changed, in words, in the same transaction
    /// (<see cref="CycleChange"/>; also in the security audit log). An edit that changes nothing journals nothing.
    /// </summary>
    public async Task<CycleEdit> EditAsync(Guid cycleId, string name, DateOnly dueDate, IReadOnlyCollection<Guid> unitIds, ReminderPolicy policy,
        string byId, string byName, CancellationToken ct = default)
    {
        var cycle = await db.Cycles.Include(c => c.Units).FirstOrDefaultAsync(c => c.Id == cycleId, ct)
            ?? throw new WorkflowRuleException(RuleViolation.NotFound, "cycle-not-found", "报告周期不存在。");
        ValidatePolicy(policy);
        ValidateName(name);
        if (unitIds.Count == 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "units-required", "请至少选择一个报告单位。", "unitIds");
        await ValidateUnitsAsync(unitIds, cycle.Year, cycle.Id, ct);
        var edit = cycle.Edit(name, dueDate, unitIds, policy);
        if (edit.IsEmpty) return edit;
        var text = await DescribeAsync(edit, ct);
        db.CycleChanges.Add(new CycleChange(cycle.Id, byId, byName, text, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new Security.SecurityEvent(Security.SecurityEventKind.CycleChanged, null, true, $"修改报告周期“{cycle.Name}”：{text}"), ct);
        return edit;
    }

    /// <summary>Adds a unit created after the cycle opened to the current cycle (journalled); null when there is none or it already takes part.</summary>
    public async Task<ReportingCycle?> AddToCurrentAsync(Guid unitId, string byId, string byName, CancellationToken ct = default)
    {
        if (await CurrentAsync(ct) is not { } current) return null;
        var cycle = await db.Cycles.Include(c => c.Units).FirstAsync(c => c.Id == current.Id, ct);
        await ValidateUnitsAsync([unitId], cycle.Year, cycle.Id, ct);
        if (!cycle.AddUnit(unitId)) return null;
        var text = $"加入单位：{await db.UnitNameAsync(unitId, ct)}";
        db.CycleChanges.Add(new CycleChange(cycle.Id, byId, byName, text, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new Security.SecurityEvent(Security.SecurityEventKind.CycleChanged, null, true, $"修改报告周期“{cycle.Name}”：{text}"), ct);
        return cycle;
    }

    private async Task<string> DescribeAsync(CycleEdit edit, CancellationToken ct)
    {
        var ids = edit.AddedUnits.Concat(edit.RemovedUnits).ToList();
        var names = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        string Names(IEnumerable<Guid> units) => string.Join("、", units.Select(u => names.GetValueOrDefault(u, u.ToString())).Order(StringComparer.Ordinal));
        var parts = new List<string>();
        if (edit.Name is { } n) parts.Add($"名称由“{n.From}”改为“{n.To}”");
        if (edit.DueDate is { } d) parts.Add($"截止日期由{d.From:yyyy-MM-dd}改为{d.To:yyyy-MM-dd}");
        if (edit.AddedUnits.Count > 0) parts.Add($"加入单位：{Names(edit.AddedUnits)}");
        if (edit.RemovedUnits.Count > 0) parts.Add($"移出单位：{Names(edit.RemovedUnits)}");
        if (edit.PolicyChanged) parts.Add("修改了提醒策略");
        return string.Join("；", parts);
    }

    private static void ValidatePolicy(ReminderPolicy policy)
    {
        try
        {
            policy.Validated();
        }
        catch (ArgumentException e)
        {
            throw new WorkflowRuleException(RuleViolation.Invalid, "policy-invalid", e.Message, "policy");
        }
    }

    private static void ValidateName(string name)
    {
        if (string.IsNullOrWhiteSpace(UserText.Check(name, "name")))
            throw new WorkflowRuleException(RuleViolation.Invalid, "name-required", "请填写周期名称，如“2025年度”。", "name");
        if (name.Trim().Length > ReportingCycle.MaxNameLength)
            throw new WorkflowRuleException(RuleViolation.Invalid, "name-too-long", $"周期名称不能超过{ReportingCycle.MaxNameLength}个字。", "name");
    }

    /// <summary>Agencies only, and none already in another cycle of the same year (<paramref name="exceptCycle"/> is the one edited).</summary>
    private async Task ValidateUnitsAsync(IReadOnlyCollection<Guid> unitIds, int year, Guid? exceptCycle, CancellationToken ct)
    {
        var agencies = await db.Units.Where(u => unitIds.Contains(u.Id) && u.Kind == UnitKind.Agency).CountAsync(ct);
        if (agencies != unitIds.Distinct().Count())
            throw new WorkflowRuleException(RuleViolation.Invalid, "units-invalid", "只能选择报告单位（不含纪检监察组和工委）。", "unitIds");
        if (await db.Cycles.AnyAsync(c => c.Id != exceptCycle && c.Year == year && c.Units.Any(u => unitIds.Contains(u.UnitId)), ct))
            throw new WorkflowRuleException(RuleViolation.Conflict, "cycle-exists", $"所选单位已有{year}年度的报告周期。", "unitIds");
    }
}
