using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Activities;
using Workflow.Activities.Calendar;
using Workflow.Activities.Cycles;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Inbox;
using Workflow.Host.Mail;
using Workflow.Host.Reminders;

namespace Workflow.Host.Cycles;

/// <summary>
/// 催办 on the report itself: a drafter of its unit, or the inspection team or committee covering it, urges whoever the report
/// waits for at its review step — one 【催办】 mail through the outbox each (the outbox mirror makes it a message too), at most
/// once a China day per report and step, shared with 报送情况 (the same <see cref="CycleUrge"/> key). Not journalled: the journal
/// is the sign-off record; the urges are listed as 催办记录.
/// </summary>
public sealed class ReportUrges(AppDbContext db, TimeProvider clock, IOptions<AppOptions> app, IAppLinks links, TodoService todo)
{
    public DateOnly Today => ChinaTime.Today(clock);

    /// <summary>Whose roles may urge a report at all: its drafters and the supervisors covering it, never its reviewers as such nor administrators.</summary>
    public static bool MayUrgeByRole(UserContext user) =>
        user.Actor.IsIn(RoleNames.Drafter) || user.Actor.IsIn(RoleNames.DisciplineInspector) || user.Actor.IsIn(RoleNames.Committee);

    /// <summary>What the report page shows: may the user press 催办 now, today's urge of the current step, every urge of the report.</summary>
    public sealed record State(bool MayUrge, CycleUrge? UrgedToday, IReadOnlyList<CycleUrge> History);

    /// <summary>The 催办 state of a report the user may read (the page has loaded it already).</summary>
    public async Task<State> StateAsync(UserContext user, Report report, CancellationToken ct = default)
    {
        var history = await db.CycleUrges.AsNoTracking().Where(u => u.ReportId == report.Id).ToListAsync(ct);
        history = history.OrderByDescending(u => u.At).ToList();
        var today = report.CurrentStep is { } step
            ? history.FirstOrDefault(u => u.Key == CycleUrge.ReportKeyOf(report.Id, step.Status.ToString(), Today))
            : null;
        var may = report.CurrentStep is not null && today is null && user.CanSee(report.UnitId) && MayUrgeByRole(user) && !AwaitsUser(user, report)
            && (await WaitingForAsync(report, ct)).All(p => p.UserId != user.User.Id);
        return new State(may, today, history);
    }

    /// <summary>
    /// Urges report <paramref name="reportId"/>: 404 outside the user's units, 403 for a role that may not urge or for whom the report
    /// waits himself, 409 when it is not at a review step, was urged at this step today (naming by whom), or nobody waiting has a mail address.
    /// </summary>
    public async Task<UrgeResult> UrgeAsync(UserContext user, Guid reportId, CancellationToken ct = default)
    {
        var report = await db.VisibleReports(user).AsNoTracking().FirstOrDefaultAsync(r => r.Id == reportId, ct) ?? throw UnitScope.ReportNotFound();
        // The one it waits for is told so first, whatever his role.
        var waiting = await WithStandInsAsync(await WaitingForAsync(report, ct), ct);
        if (AwaitsUser(user, report) || waiting.Any(p => p.UserId == user.User.Id))
            throw new WorkflowRuleException(RuleViolation.Forbidden, "urge-own-step", "报告正在等待您审核，不能催办自己。");
        if (!MayUrgeByRole(user))
            throw new WorkflowRuleException(RuleViolation.Forbidden, "urge-forbidden", "只有本单位起草人、派驻纪检监察组和市直机关工委可以催办。");
        if (report.CurrentStep is not { } step)
            throw new WorkflowRuleException(RuleViolation.Conflict, "urge-not-waiting", report.Status == ReportStatus.Approved
                ? "报告已审核通过，无需催办。"
                : "报告不在审核环节，无需催办。");
        var key = CycleUrge.ReportKeyOf(report.Id, step.Status.ToString(), Today);
        if (await db.CycleUrges.AsNoTracking().FirstOrDefaultAsync(u => u.Key == key, ct) is { } earlier)
            throw AlreadyUrged(earlier);
        var reachable = waiting.Where(p => !string.IsNullOrWhiteSpace(p.Email)).ToList();
        if (reachable.Count == 0)
            throw new WorkflowRuleException(RuleViolation.Conflict, "urge-no-recipient", waiting.Count == 0
                ? $"“{step.Name}”环节没有审核人账号，无人可催办。"
                : $"“{step.Name}”环节的审核人（{string.Join("、", waiting.Select(p => p.Name))}）未设置邮箱，无法发送催办邮件。");

        var cycleId = await db.Cycles.AsNoTracking().Where(c => c.Year == report.Year && c.Units.Any(u => u.UnitId == report.UnitId))
            .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        var urge = CycleUrge.OfReport(cycleId, report.UnitId, report.Id, step.Status.ToString(), Today, user.User.Id, user.Actor.DisplayName,
            string.Join("、", reachable.Select(p => p.Name)), now);
        db.CycleUrges.Add(urge);
        var unitName = await db.UnitNameAsync(report.UnitId, ct);
        var deadline = await todo.ReportDeadlineAsync(report, ct);
        var link = ReminderMail.Absolute(app.Value.BaseUrl, links.Report(report.Id));
        foreach (var person in reachable)
        {
            var mail = UrgeMail.ForReport(unitName, report.Title, step.Name, deadline, person.Name, user.Actor.DisplayName, link);
            // Keyed like the board's, the recipient's id last; the guard drops it once the report has left this step.
            db.Outbox.Add(new OutboxMessage($"{urge.Key}:{person.UserId}", person.Email!, person.Name, mail.Subject, mail.Html, mail.Text, now,
                Activities.Reminders.ReminderSubject.ReviewStep, report.Id, ReminderRelevance.ReviewState(report.Status, report.StatusSince)));
        }
        await CycleBoard.SaveUrgeAsync(db, urge, AlreadyUrged, ct);
        return new UrgeResult(urge, reachable.Count);
    }

    /// <summary>Every 催办 of a report the user may read, newest first.</summary>
    public async Task<List<CycleUrge>> HistoryAsync(UserContext user, Guid reportId, CancellationToken ct = default)
    {
        if (!await db.ReadableReports(user).AnyAsync(r => r.Id == reportId, ct)) throw UnitScope.ReportNotFound();
        var urges = await db.CycleUrges.AsNoTracking().Where(u => u.ReportId == reportId).ToListAsync(ct);
        return urges.OrderByDescending(u => u.At).ToList();
    }

    // Who the report waits for at its step (会签 members yet to decide, a 转办 receiver, 加签 reviewers, else the step's deciders).
    private Task<IReadOnlyList<Recipient>> WaitingForAsync(Report report, CancellationToken ct) => ReportWaiters.ForAsync(db, report, ct);

    // 委托: a waiting reviewer's delegate today is urged too, as 报送情况 does.
    private async Task<IReadOnlyList<Recipient>> WithStandInsAsync(IReadOnlyList<Recipient> holders, CancellationToken ct)
    {
        var ids = holders.Select(h => h.UserId).ToList();
        var day = Today;
        var delegates = await (from d in db.Delegations.AsNoTracking()
                               where d.EndedAt == null && d.From <= day && d.To >= day && ids.Contains(d.DelegatorId)
                               join u in db.Users.AsNoTracking() on d.DelegateId equals u.Id
                               select new { u.Id, u.DisplayName, u.UserName, u.Email }).ToListAsync(ct);
        return holders.Concat(delegates.Select(u => new Recipient(u.Id, AppUser.ShownNameOf(u.DisplayName, u.UserName), u.Email)))
            .DistinctBy(r => r.UserId).ToList();
    }

    // He could decide it now (himself or as a delegate): urging would be urging himself.
    private static bool AwaitsUser(UserContext user, Report report) =>
        user.AllowedCommands(report).Any(c => c is ReportCommand.Approve or ReportCommand.Return);

    private static WorkflowRuleException AlreadyUrged(CycleUrge earlier) =>
        new(RuleViolation.Conflict, "already-urged",
            $"今天已由{earlier.ByName}催办（{TimeZoneInfo.ConvertTime(earlier.At, ChinaTime.Zone):HH:mm}），每个环节每天只催办一次，本次未再发送。");
}
