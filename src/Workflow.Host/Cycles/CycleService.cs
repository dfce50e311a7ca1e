using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Activities.Calendar;
using Workflow.Activities;
using Workflow.Activities.Reminders;
using Workflow.Activities.Cycles;
using Workflow.Activities.Organization;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Reminders;

namespace Workflow.Host.Cycles;

/// <summary>A unit's standing in a cycle: its report (if any) and whether it is overdue.</summary>
public sealed record CycleUnitStatus(Guid UnitId, string UnitName, Guid? ReportId, ReportStatus? Status, bool Submitted, bool Overdue);

/// <summary>Opening reporting cycles and seeing who has reported.</summary>
public sealed class CycleService(AppDbContext db, TimeProvider clock, IOptions<ReminderOptions> reminders, Security.ISecurityAudit audit)
{
    /// <summary>The policy a new cycle starts with (from configuration "Reminders").</summary>
    public ReminderPolicy DefaultPolicy => reminders.Value.Policy;

    public async Task<ReportingCycle> OpenAsync(string name, int year, DateOnly dueDate, IReadOnlyCollection<Guid> unitIds, string openedById,
        ReminderPolicy? policy = null, CancellationToken ct = default)
    {
        try
        {
            (policy ?? DefaultPolicy).Validated();
        }
        catch (ArgumentException e)
        {
            throw new WorkflowRuleException(RuleViolation.Invalid, "policy-invalid", e.Message, "policy");
        }
        if (string.IsNullOrWhiteSpace(UserText.Check(name, "name")))
            throw new WorkflowRuleException(RuleViolation.Invalid, "name-required", "请填写周期名称，如“2025年度”。", "name");
        if (name.Trim().Length > ReportingCycle.MaxNameLength)
            throw new WorkflowRuleException(RuleViolation.Invalid, "name-too-long", $"周期名称不能超过{ReportingCycle.MaxNameLength}个字。", "name");
        if (year is < 2000 or > 2100)
            throw new WorkflowRuleException(RuleViolation.Invalid, "year-invalid", "年度应在2000至2100之间。", "year");
        if (unitIds.Count == 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "units-required", "请至少选择一个报告单位。", "unitIds");
        var agencies = await db.Units.Where(u => unitIds.Contains(u.Id) && u.Kind == UnitKind.Agency).CountAsync(ct);
        if (agencies != unitIds.Distinct().Count())
            throw new WorkflowRuleException(RuleViolation.Invalid, "units-invalid", "只能选择报告单位（不含纪检监察组和工委）。", "unitIds");
        if (await db.Cycles.AnyAsync(c => c.Year == year && c.Units.Any(u => unitIds.Contains(u.UnitId)), ct))
            throw new WorkflowRuleException(RuleViolation.Conflict, "cycle-exists", $"所选单位已有{year}年度的报告周期。", "unitIds");
        var cycle = new ReportingCycle(Guid.NewGuid(), name, year, dueDate, unitIds, policy ?? DefaultPolicy, openedById, clock.GetUtcNow());
        db.Cycles.Add(cycle);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new Security.SecurityEvent(Security.SecurityEventKind.CycleChanged, null, true,
            $"开启报告周期“{cycle.Name}”（{year}年度，截止{dueDate:yyyy-MM-dd}，{unitIds.Count}个单位）"), ct);
        return cycle;
    }

    public Task<List<ReportingCycle>> ListAsync(CancellationToken ct = default) =>
        db.Cycles.AsNoTracking().Include(c => c.Units).OrderByDescending(c => c.Year).ThenBy(c => c.Name).ToListAsync(ct);

    /// <summary>Each unit of the cycle with its report and whether it is overdue (not submitted after the due date, China time).</summary>
    public async Task<List<CycleUnitStatus>> StatusAsync(ReportingCycle cycle, CancellationToken ct = default)
    {
        var unitIds = cycle.Units.Select(u => u.UnitId).ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var reports = await db.Reports.AsNoTracking().Where(r => r.Year == cycle.Year && unitIds.Contains(r.UnitId))
            .Select(r => new { r.Id, r.UnitId, r.Status }).ToDictionaryAsync(r => r.UnitId, ct);
        var today = ChinaTime.Today(clock);
        return unitIds.Select(id =>
        {
            var report = reports.GetValueOrDefault(id);
            var submitted = report is not null && report.Status != ReportStatus.Draft;
            return new CycleUnitStatus(id, units.GetValueOrDefault(id, ""), report?.Id, report?.Status, submitted, !submitted && today > cycle.DueDate);
        }).OrderBy(s => s.UnitName).ToList();
    }
}
