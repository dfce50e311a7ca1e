using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Activities.Calendar;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;

namespace Workflow.Host.Reports;

/// <summary>
/// Use cases on reports, always scoped to the units the user covers: a report outside them is "not found".
/// Each change is one SaveChanges, i.e. one transaction holding the report row and its new journal row.
/// </summary>
public sealed partial class ReportService(AppDbContext db, TimeProvider clock, IOptions<ChecksOptions> checks, Reminders.ReminderTrigger reminders,
    Rectification.RectificationIntake intake, IOptions<LimitsOptions> limits)
{
    // The configured lengths of title and body, the same for typed text and imported files.
    private ReportTextLimits TextLimits => limits.Value.ReportText;

    private static WorkflowRuleException NotFound() => UnitScope.ReportNotFound();

    private static WorkflowRuleException ReportExists(int year) =>
        new(RuleViolation.Conflict, "report-exists", $"本单位{year}年度报告已存在，请在原报告上修改。", "year");

    public async Task<List<ReportSummary>> ListAsync(UserContext user, ReportStatus? status = null, CancellationToken ct = default)
    {
        var query = Visible(user).AsNoTracking();
        if (status is { } s) query = query.Where(r => r.Status == s);
        return await (from r in query
                      join u in db.Units on r.UnitId equals u.Id
                      orderby r.Year descending, u.Name
                      select new ReportSummary(r.Id, r.Title, r.Year, r.UnitId, u.Name, r.Status, r.StatusSince, r.UpdatedAt,
                          r.Revision, r.RouteVersion)).ToListAsync(ct);
    }

    public async Task<Report> GetAsync(UserContext user, Guid id, CancellationToken ct = default) =>
        await Visible(user).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NotFound();

    public Task<string> UnitNameAsync(Guid unitId, CancellationToken ct = default) => db.UnitNameAsync(unitId, ct);

    /// <summary>
    /// Refuses, as <see cref="CreateAsync"/> would, a user who may not start his unit's report of <paramref name="year"/>;
    /// creates nothing. An upload is read only after this, so a user who may not import never gets his file parsed.
    /// </summary>
    public async Task EnsureMayCreateAsync(UserContext user, int year, CancellationToken ct = default) =>
        await UnitToCreateForAsync(user, year, ct);

    private async Task<Unit> UnitToCreateForAsync(UserContext user, int year, CancellationToken ct)
    {
        if (!user.Actor.IsIn(RoleNames.Drafter))
            throw new WorkflowRuleException(RuleViolation.Forbidden, "forbidden", "只有起草人可以新建报告。");
        var unit = user.User.UnitId is { } unitId ? await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct) : null;
        if (unit is null || unit.Kind != UnitKind.Agency)
            throw new WorkflowRuleException(RuleViolation.Forbidden, "no-unit", "您的账号未分配报告单位，请联系管理员。");
        if (await db.Reports.AnyAsync(r => r.UnitId == unit.Id && r.Year == year, ct))
            throw ReportExists(year);
        return unit;
    }

    public async Task<Report> CreateAsync(UserContext user, string title, int year, string body, CancellationToken ct = default)
    {
        var unit = await UnitToCreateForAsync(user, year, ct);
        var route = await db.Routes.OrderByDescending(r => r.Version).FirstAsync(ct);
        var report = Report.Create(unit.Id, year, title, body, route, user.Actor, clock.GetUtcNow(), TextLimits);
        db.Reports.Add(report);
        // Two drafters creating the same year at once: the unique (unit, year) index refuses the second.
        await SaveAsync(ct, ReportExists(year));
        return report;
    }

    /// <summary>
    /// Refuses, as <see cref="EditAsync"/> would, a user who may not change report <paramref name="id"/> now (another unit's
    /// report: not found); changes nothing and returns the report as it is.
    /// </summary>
    public async Task<Report> EnsureMayEditAsync(UserContext user, Guid id, CancellationToken ct = default)
    {
        var report = await Visible(user).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NotFound();
        report.Ensure(ReportCommand.Edit, user.Actor);
        return report;
    }

    public Task<Report> EditAsync(UserContext user, Guid id, string title, string body, CancellationToken ct = default) =>
        ChangeAsync(user, id, r => r.Edit(user.Actor, title, body, clock.GetUtcNow(), TextLimits), ct);

    /// <summary>
    /// Runs a route command. A reviewer approving or returning may add rectification requirements (审核意见); they become items of
    /// the report's unit, closed by his role, and commit together with the decision.
    /// </summary>
    public async Task<Report> ExecuteAsync(UserContext user, Guid id, ReportCommand command, string? comment = null,
        bool restartFromFirstStep = false, CancellationToken ct = default, IReadOnlyList<string>? requirements = null)
    {
        if (requirements is { Count: > RectificationItem.MaxRequirementsPerDecision })
            throw new WorkflowRuleException(RuleViolation.Invalid, "requirements-too-many",
                $"一次最多提出{RectificationItem.MaxRequirementsPerDecision}条整改要求。", "requirements");
        var report = await Visible(user).FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NotFound();
        var now = clock.GetUtcNow();
        var before = report.Status;
        var reviewerRole = report.CurrentStep?.Role;
        switch (command)
        {
            case ReportCommand.Submit: report.Submit(user.Actor, now); break;
            case ReportCommand.Withdraw: report.Withdraw(user.Actor, now); break;
            case ReportCommand.Approve: report.Approve(user.Actor, comment, now); break;
            case ReportCommand.Return: report.Return(user.Actor, comment ?? "", restartFromFirstStep, now); break;
            default: throw new ArgumentOutOfRangeException(nameof(command), command, "Use EditAsync to edit.");
        }
        if (report.Status == ReportStatus.CommitteeReview && before != ReportStatus.CommitteeReview)
            EnsureChecksPass(report, ct);
        if (requirements is { Count: > 0 } && command is ReportCommand.Approve or ReportCommand.Return && reviewerRole is not null)
            await intake.AddRequirementsAsync(report, reviewerRole, requirements, user.Actor, ct);
        await SaveAsync(ct);
        // A new 待办: tell the reviewers now rather than at the next scheduled sweep.
        if (report.Status.IsReview()) reminders.SweepSoon();
        return report;
    }

    public async Task<List<InboxItem>> InboxAsync(UserContext user, CancellationToken ct = default)
    {
        var routes = await db.Routes.AsNoTracking().ToListAsync(ct);
        // (version, status) pairs where one of my roles decides; drafters wait on returned reports.
        var mine = routes.SelectMany(route => route.Steps.Where(s => user.Actor.IsIn(s.Role)).Select(s => (route.Version, s.Status)))
            .ToList();
        var statuses = mine.Select(m => m.Status).Distinct().ToList();
        if (user.Actor.IsIn(RoleNames.Drafter)) statuses.Add(ReportStatus.Returned);
        if (statuses.Count == 0 || user.VisibleUnitIds.Count == 0) return [];

        var units = user.VisibleUnitIds.ToList();
        var rows = await (from r in db.Reports.AsNoTracking()
                          where units.Contains(r.UnitId) && statuses.Contains(r.Status)
                          join u in db.Units on r.UnitId equals u.Id
                          orderby r.StatusSince
                          select new { r.Id, r.Title, r.Year, UnitName = u.Name, r.Status, r.StatusSince, r.RouteVersion })
            .ToListAsync(ct);
        // Days as people in China count them: entered yesterday evening is 1 day this morning.
        var today = ChinaTime.Today(clock);
        return rows
            .Where(r => r.Status == ReportStatus.Returned || mine.Contains((r.RouteVersion, r.Status)))
            .Select(r => new InboxItem(r.Id, r.Title, r.Year, r.UnitName, r.Status, r.StatusSince,
                Math.Max(0, today.DayNumber - ChinaTime.DateOf(r.StatusSince).DayNumber)))
            .ToList();
    }

    public async Task<List<ReportJournalEntry>> JournalAsync(UserContext user, Guid id, CancellationToken ct = default)
    {
        await EnsureVisibleAsync(user, id, ct);
        return await db.ReportJournal.AsNoTracking().Where(j => j.ReportId == id).OrderBy(j => j.Sequence).ToListAsync(ct);
    }

    public async Task<List<RevisionSummary>> RevisionsAsync(UserContext user, Guid id, CancellationToken ct = default)
    {
        await EnsureVisibleAsync(user, id, ct);
        return await db.ReportRevisions.AsNoTracking().Where(v => v.ReportId == id).OrderBy(v => v.Number)
            .Select(v => new RevisionSummary(v.Number, v.Title, v.AuthorName, v.At, v.Body.Length)).ToListAsync(ct);
    }

    public async Task<ReportRevision> RevisionAsync(UserContext user, Guid id, int number, CancellationToken ct = default)
    {
        await EnsureVisibleAsync(user, id, ct);
        return await db.ReportRevisions.AsNoTracking().FirstOrDefaultAsync(v => v.ReportId == id && v.Number == number, ct)
               ?? throw new WorkflowRuleException(RuleViolation.NotFound, "revision-not-found", $"第{number}版不存在。");
    }

    private IQueryable<Report> Visible(UserContext user) => db.VisibleReports(user);

    private async Task EnsureVisibleAsync(UserContext user, Guid id, CancellationToken ct)
    {
        if (!await Visible(user).AnyAsync(r => r.Id == id, ct)) throw NotFound();
    }

    private async Task<Report> ChangeAsync(UserContext user, Guid id, Action<Report> change, CancellationToken ct)
    {
        var report = await Visible(user).FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NotFound();
        var before = report.Status;
        change(report);
        if (report.Status == ReportStatus.CommitteeReview && before != ReportStatus.CommitteeReview)
            EnsureChecksPass(report, ct);
        await SaveAsync(ct);
        return report;
    }

    /// <summary>Commits; a lost race (stale concurrency stamp or duplicate key) becomes <paramref name="conflict"/> or concurrent-update.</summary>
    private async Task SaveAsync(CancellationToken ct, WorkflowRuleException? conflict = null)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(e))
        {
            throw conflict ?? new WorkflowRuleException(RuleViolation.Conflict, "concurrent-update", "报告刚刚已被他人处理，请刷新页面后重试。");
        }
    }
}
