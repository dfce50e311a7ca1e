using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using Workflow.Host.Data;
using Workflow.Host.Identity;

namespace Workflow.Host.Reminders;

/// <summary>
/// The people a report waits for at its current step — the one rule the reminders, the 报送情况 board, 催办 and the report page
/// share: the holders of the open tasks the report waits for (<see cref="Report.WaitingTasks"/>: 会签 members who have not
/// approved, a 转办 receiver, 加签 reviewers), else the holders of the step's role in its deciding unit.
/// </summary>
public static class ReportWaiters
{
    /// <summary>An open task at its report's current step and round, as SQL reads it for many reports at once.</summary>
    public sealed record OpenTask(Guid ReportId, string UserId, string UserName, ReviewTaskKind Kind);

    /// <summary>For one report (a page view, 催办): who it waits for now; empty when it waits for nobody (draft, returned, approved).</summary>
    public static async Task<IReadOnlyList<Recipient>> ForAsync(AppDbContext db, Report report, CancellationToken ct = default)
    {
        if (report.CurrentStep is not { } step) return [];
        var waiting = report.WaitingTasks();
        if (waiting.Count == 0) return await Recipients.DecidingAsync(db, report.UnitId, step, ct);
        var ids = waiting.Select(t => t.UserId).ToList();
        var emails = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        return waiting.Select(t => new Recipient(t.UserId, t.UserName, emails.GetValueOrDefault(t.UserId))).ToList();
    }

    /// <summary>The same for one report, from the people already loaded (<see cref="RecipientsCache"/>).</summary>
    public static IReadOnlyList<Recipient> For(Recipients people, Report report)
    {
        if (report.CurrentStep is not { } step) return [];
        var open = report.WaitingTasks().Select(t => new OpenTask(report.Id, t.UserId, t.UserName, t.Kind));
        return For(people, report.UnitId, step, open).DistinctBy(r => r.UserId).ToList();
    }

    /// <summary>For a sweep or a board that loaded the users once: the waiters of one report from its open tasks (<see cref="OpenTasksAsync"/>).</summary>
    public static IReadOnlyList<Recipient> For(Recipients people, Guid unitId, RouteStep step, IEnumerable<OpenTask> open)
    {
        var waiting = Waiting(open);
        return waiting.Count == 0
            ? people.Deciding(unitId, step)
            : waiting.Select(t => people.ById(t.UserId) is { } known ? known with { Name = t.UserName } : new Recipient(t.UserId, t.UserName, null)).ToList();
    }

    /// <summary>The open tasks at the current step and round of the reports in review (all of them, or <paramref name="reportIds"/>), by report.</summary>
    public static async Task<ILookup<Guid, OpenTask>> OpenTasksAsync(AppDbContext db, IReadOnlyCollection<Guid>? reportIds, CancellationToken ct)
    {
        var tasks = db.ReviewTasks.AsNoTracking().Where(t => t.State == ReviewTaskState.Open);
        if (reportIds is not null)
        {
            var ids = reportIds.ToList();
            tasks = tasks.Where(t => ids.Contains(t.ReportId));
        }
        var query = from t in tasks
                    join r in db.Reports on t.ReportId equals r.Id
                    where t.Step == r.Status && t.Round == r.StepRound
                    select new OpenTask(t.ReportId, t.UserId, t.UserName, t.Kind);
        return (await query.ToListAsync(ct)).ToLookup(t => t.ReportId);
    }

    // The rule of Report.WaitingTasks over rows read by SQL: open 前加签 tasks first, else every open task.
    private static List<OpenTask> Waiting(IEnumerable<OpenTask> open)
    {
        var all = open.ToList();
        var before = all.Where(t => t.Kind == ReviewTaskKind.AddedBefore).ToList();
        return before.Count > 0 ? before : all;
    }
}
