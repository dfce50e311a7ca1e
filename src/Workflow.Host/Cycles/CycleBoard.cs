using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Activities;
using Workflow.Activities.Calendar;
using Workflow.Activities.Cycles;
using Workflow.Activities.Reports;
using Workflow.Host.Calendar;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Mail;
using Workflow.Host.Reminders;

namespace Workflow.Host.Cycles;

/// <summary>One unit's row of 报送情况: its standing, who holds it, since when, how often it was returned, whether urged today.</summary>
public sealed record BoardRow(Guid UnitId, string UnitName, string UnitCode, Guid? ReportId, string? ReportTitle, UnitStanding Standing,
    IReadOnlyList<string> Holders, DateTimeOffset? Since, int TimesReturned, string? LastReturnedBy, DateOnly? ApprovedOn, CycleUrge? UrgedToday)
{
    /// <summary>"未起草", "草稿", the review step's name, "已退回" or "已通过".</summary>
    public string Where => Standing.Step?.Name ?? Standing.State.Label();
}

/// <summary>A cycle as one user sees it: the rows of the units he covers, and the cycle's change journal.</summary>
public sealed record Board(ReportingCycle Cycle, IReadOnlyList<BoardRow> Rows, IReadOnlyList<CycleChange> Changes, DateOnly Today)
{
    public int Count(UnitState state) => Rows.Count(r => r.Standing.State == state);
    public int Overdue => Rows.Count(r => r.Standing.Overdue);
}

/// <summary>A 催办 that was sent: to whom (names), and how many mails went to the outbox.</summary>
public sealed record UrgeResult(CycleUrge Urge, int Mails);

/// <summary>
/// 报送情况 of a reporting cycle for the committee and the inspection teams (each sees the units it covers), and 催办: one
/// 【催办】 mail through the outbox to whoever a unit's report waits for, at most once a day per report and step.
/// </summary>
public sealed class CycleBoard(AppDbContext db, TimeProvider clock, CalendarStore calendars, IOptions<AppOptions> app, IAppLinks links)
{
    /// <summary>Only the committee and the inspection teams follow the cycle; drafters and secretaries see their own report.</summary>
    public static bool MayView(UserContext user) =>
        user.Actor.IsIn(RoleNames.Committee) || user.Actor.IsIn(RoleNames.DisciplineInspector);

    public static WorkflowRuleException CycleNotFound() => new(RuleViolation.NotFound, "cycle-not-found", "报告周期不存在或您无权查看。");

    public DateOnly Today => ChinaTime.Today(clock);

    /// <summary>The cycles with at least one unit the user covers, the latest first.</summary>
    public async Task<List<ReportingCycle>> CyclesAsync(UserContext user, CancellationToken ct = default)
    {
        EnsureMayView(user);
        var visible = user.VisibleUnitIds.ToList();
        return await db.Cycles.AsNoTracking().Where(c => c.Units.Any(u => visible.Contains(u.UnitId)))
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.DueDate).ThenBy(c => c.Name).ToListAsync(ct);
    }

    /// <summary>The board of cycle <paramref name="cycleId"/> (null: the latest the user follows; null when there is none).</summary>
    public async Task<Board?> BoardAsync(UserContext user, Guid? cycleId, CancellationToken ct = default)
    {
        EnsureMayView(user);
        var cycle = cycleId is { } id ? await VisibleCycleAsync(user, id, ct) : (await CyclesAsync(user, ct)).FirstOrDefault() is { } latest
            ? await VisibleCycleAsync(user, latest.Id, ct) : null;
        if (cycle is null) return null;
        var units = cycle.Units.Select(u => u.UnitId).Where(user.CanSee).ToList();
        var changes = await db.CycleChanges.AsNoTracking().Where(c => c.CycleId == cycle.Id).OrderByDescending(c => c.At).ToListAsync(ct);
        return new Board(cycle, await RowsAsync(cycle, units, ct), changes, Today);
    }

    /// <summary>
    /// The rows of <paramref name="unitIds"/> in <paramref name="cycle"/>, by unit name. A fixed number of queries whatever the
    /// years: the cycle year's reports of these units, their returns, the route versions, the users, today's urges.
    /// </summary>
    public async Task<List<BoardRow>> RowsAsync(ReportingCycle cycle, IReadOnlyCollection<Guid> unitIds, CancellationToken ct = default)
    {
        var ids = unitIds.ToList();
        var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        var reports = await db.Reports.AsNoTracking().Where(r => r.Year == cycle.Year && ids.Contains(r.UnitId))
            .Select(r => new { r.Id, r.UnitId, r.Title, r.Status, r.StatusSince, r.RouteVersion }).ToListAsync(ct);
        var reportIds = reports.Select(r => r.Id).ToList();
        var returns = await db.ReportJournal.AsNoTracking().Where(e => reportIds.Contains(e.ReportId) && e.Action == ReportAction.Returned)
            .Select(e => new { e.ReportId, e.Sequence, e.ActorName }).ToListAsync(ct);
        var returnsByReport = returns.GroupBy(e => e.ReportId).ToDictionary(g => g.Key, g => (Count: g.Count(), Last: g.MaxBy(e => e.Sequence)!.ActorName));
        var versions = reports.Select(r => r.RouteVersion).Distinct().ToList();
        var routes = await db.Routes.AsNoTracking().Where(r => versions.Contains(r.Version)).ToDictionaryAsync(r => r.Version, ct);
        var today = Today;
        // A report urged from its own page counts too: the board and the page share one limit a day.
        var urges = await db.CycleUrges.AsNoTracking()
            .Where(u => u.Day == today && (u.CycleId == cycle.Id || (u.ReportId != null && reportIds.Contains(u.ReportId.Value)))).ToListAsync(ct);
        var calendar = await calendars.LoadAsync(ct);
        var people = await Recipients.LoadAsync(db, ct);
        var tasks = await ReportWaiters.OpenTasksAsync(db, reportIds, ct);
        return units.Select(unit =>
        {
            // A unit has one report a year; should an old database hold two, the one furthest along counts.
            var report = reports.Where(r => r.UnitId == unit.Id).OrderByDescending(r => r.Status == ReportStatus.Approved)
                .ThenByDescending(r => r.StatusSince).FirstOrDefault();
            var standing = UnitStanding.Of(report?.Status, report?.StatusSince ?? default, report is null ? null : routes.GetValueOrDefault(report.RouteVersion),
                cycle.DueDate, today, calendar, cycle.Policy);
            var holders = (standing.State switch
            {
                UnitState.InReview => ReportWaiters.For(people, unit.Id, standing.Step!, tasks[report!.Id]),
                UnitState.Approved => [],
                _ => people.Covering(unit.Id, RoleNames.Drafter),
            }).Select(p => p.Name).ToList();
            var returned = report is null ? default : returnsByReport.GetValueOrDefault(report.Id);
            var key = CycleUrge.KeyOf(cycle.Id, unit.Id, report?.Id, standing.UrgeStep, today);
            return new BoardRow(unit.Id, unit.Name, unit.Code, report?.Id, report?.Title, standing, holders,
                report is null || standing.State == UnitState.Approved ? null : report.StatusSince,
                returned.Count, returned.Last, standing.State == UnitState.Approved ? ChinaTime.DateOf(report!.StatusSince) : null,
                urges.FirstOrDefault(u => u.Key == key));
        }).OrderBy(r => r.UnitName, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// 催办 unit <paramref name="unitId"/> of the cycle: one 【催办】 mail per person the unit's report waits for (the step's
    /// reviewers, or the drafters of a report not submitted by the due date), written to the outbox with the urge in one
    /// transaction. A second urge of the same report and step on the same day is refused (already-urged) and sends nothing.
    /// </summary>
    public async Task<UrgeResult> UrgeAsync(UserContext user, Guid cycleId, Guid unitId, CancellationToken ct = default)
    {
        EnsureMayView(user);
        var cycle = await VisibleCycleAsync(user, cycleId, ct) ?? throw CycleNotFound();
        if (!user.CanSee(unitId) || cycle.Units.All(u => u.UnitId != unitId))
            throw new WorkflowRuleException(RuleViolation.NotFound, "unit-not-found", "该单位不在本报告周期内或您无权查看。", "unitId");
        var row = (await RowsAsync(cycle, [unitId], ct)).Single();
        if (!row.Standing.MayUrge)
            throw new WorkflowRuleException(RuleViolation.Conflict, "urge-not-waiting", row.Standing.State == UnitState.Approved
                ? "该单位报告已通过，无需催办。"
                : $"报送截止日期（{cycle.DueDate:yyyy年M月d日}）未到，暂不能催办起草人。");
        if (row.UrgedToday is { } earlier)
            throw AlreadyUrged(earlier);
        var role = row.Standing.Step?.Role ?? RoleNames.Drafter;
        var directory = await Recipients.LoadAsync(db, ct, standInsOn: Today);
        // A waiting reviewer's delegate (委托) is urged too; the drafters have none.
        var tasks = row.ReportId is { } urgedReport ? await ReportWaiters.OpenTasksAsync(db, [urgedReport], ct) : null;
        var people = directory.WithStandIns(row.Standing.Step is { } step && row.ReportId is { } waitingId
            ? ReportWaiters.For(directory, unitId, step, tasks![waitingId])
            : directory.Covering(unitId, role));
        var reachable = people.Where(p => !string.IsNullOrWhiteSpace(p.Email)).ToList();
        if (reachable.Count == 0)
            throw new WorkflowRuleException(RuleViolation.Conflict, "urge-no-recipient", people.Count == 0
                ? $"{row.UnitName}没有{RoleLabel(role)}账号，无人可催办。"
                : $"{row.UnitName}的{RoleLabel(role)}（{string.Join("、", people.Select(p => p.Name))}）未设置邮箱，无法发送催办邮件。");

        var now = clock.GetUtcNow();
        var urge = new CycleUrge(cycle.Id, unitId, row.ReportId, row.Standing.UrgeStep, Today, user.User.Id, user.Actor.DisplayName,
            string.Join("、", reachable.Select(p => p.Name)), now);
        db.CycleUrges.Add(urge);
        var link = row.ReportId is { } reportId ? links.Report(reportId) : links.NewReport();
        var (guard, guardId, guardState) = row.Standing.State == UnitState.InReview
            ? (Activities.Reminders.ReminderSubject.ReviewStep, row.ReportId!.Value, ReminderRelevance.ReviewState(row.Standing.Step!.Status, row.Since!.Value))
            : (Activities.Reminders.ReminderSubject.Submission, cycle.Id, unitId.ToString());
        foreach (var person in reachable)
        {
            var mail = UrgeMail.Compose(cycle, row, person.Name, user.Actor.DisplayName, ReminderMail.Absolute(app.Value.BaseUrl, link));
            // The recipient's user id ends the key, so the in-app message centre can tell whose mail it is.
            db.Outbox.Add(new OutboxMessage($"{urge.Key}:{person.UserId}", person.Email!, person.Name, mail.Subject, mail.Html, mail.Text, now,
                guard, guardId, guardState));
        }
        await SaveUrgeAsync(db, urge, AlreadyUrged, ct);
        return new UrgeResult(urge, reachable.Count);
    }

    /// <summary>
    /// Saves a 催办 with its mails. Pressed twice at once (here, on the report page or on two nodes): the unique key lets one
    /// through; the other sent nothing and is refused as <paramref name="alreadyUrged"/> says.
    /// </summary>
    internal static async Task SaveUrgeAsync(AppDbContext db, CycleUrge urge, Func<CycleUrge, WorkflowRuleException> alreadyUrged,
        CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.CycleUrges.AsNoTracking().FirstOrDefaultAsync(u => u.Key == urge.Key, ct) is { } other) throw alreadyUrged(other);
            throw;
        }
    }

    /// <summary>The cycle holding report <paramref name="reportId"/> (its year and unit) that the user follows.</summary>
    public async Task<(Guid CycleId, Guid UnitId)> UnitOfReportAsync(UserContext user, Guid reportId, CancellationToken ct = default)
    {
        EnsureMayView(user);
        var report = await db.VisibleReports(user).AsNoTracking().Where(r => r.Id == reportId).Select(r => new { r.UnitId, r.Year })
            .FirstOrDefaultAsync(ct) ?? throw UnitScope.ReportNotFound();
        var cycle = await db.Cycles.AsNoTracking().Where(c => c.Year == report.Year && c.Units.Any(u => u.UnitId == report.UnitId))
            .Select(c => c.Id).FirstOrDefaultAsync(ct);
        return cycle == Guid.Empty ? throw CycleNotFound() : (cycle, report.UnitId);
    }

    private static WorkflowRuleException AlreadyUrged(CycleUrge earlier) =>
        new(RuleViolation.Conflict, "already-urged",
            $"今天已催办（{earlier.ByName} {TimeZoneInfo.ConvertTime(earlier.At, ChinaTime.Zone):HH:mm}），每个环节每天只催办一次，本次未再发送。");

    private static string RoleLabel(string role) => role switch
    {
        RoleNames.Drafter => "起草人",
        RoleNames.PartySecretary => "党组书记",
        RoleNames.DisciplineInspector => "纪检监察组审核人",
        RoleNames.Committee => "工委审核人",
        _ => role,
    };

    private async Task<ReportingCycle?> VisibleCycleAsync(UserContext user, Guid id, CancellationToken ct)
    {
        var cycle = await db.Cycles.AsNoTracking().Include(c => c.Units).FirstOrDefaultAsync(c => c.Id == id, ct);
        return cycle is not null && cycle.Units.Any(u => user.CanSee(u.UnitId)) ? cycle : null;
    }

    private static void EnsureMayView(UserContext user)
    {
        if (!MayView(user))
            throw new WorkflowRuleException(RuleViolation.Forbidden, "forbidden", "只有市直机关工委和纪检监察组可以查看报送情况。");
    }
}
