using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Activities.Calendar;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using Workflow.Host.Data;
using Workflow.Host.Identity;

namespace Workflow.Host.Reports;

/// <summary>
/// Use cases on reports, always scoped to the units the user covers: a report outside them is "not found".
/// Each change is one SaveChanges, i.e. one transaction holding the report row and its new journal row.
/// </summary>
public sealed partial class ReportService(AppDbContext db, TimeProvider clock, IOptions<ChecksOptions> checks, Reminders.ReminderTrigger reminders,
    Rectification.RectificationIntake intake, IOptions<LimitsOptions> limits, Documents.PdfFont pdfFont, ReportMessages messages,
    ReportCopying copying, ReviewTaskCandidates candidates, CurrentDirectory directory, CheckMemo checkMemo,
    Reminders.RecipientsCache people)
{
    // The configured lengths of title and body, the same for typed text and imported files.
    private ReportTextLimits TextLimits => limits.Value.ReportText;

    private static WorkflowRuleException NotFound() => UnitScope.ReportNotFound();

    private static WorkflowRuleException ReportExists(int year) =>
        new(RuleViolation.Conflict, "report-exists", $"本单位{year}年度报告已存在，请在原报告上修改。", "year");

    public async Task<List<ReportSummary>> ListAsync(UserContext user, ReportStatus? status = null, CancellationToken ct = default)
    {
        var query = db.VisibleReports(user).AsNoTracking();
        if (status is { } s) query = query.Where(r => r.Status == s);
        return await (from r in query
                      join u in db.Units on r.UnitId equals u.Id
                      orderby r.Year descending, u.Name
                      select new ReportSummary(r.Id, r.Title, r.Year, r.UnitId, u.Name, r.Status, r.StatusSince, r.UpdatedAt,
                          r.Revision, r.RouteVersion)).ToListAsync(ct);
    }

    public async Task<Report> GetAsync(UserContext user, Guid id, CancellationToken ct = default)
    {
        var report = await Visible(user).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NotFound();
        _seen.Add(user, id);
        return report;
    }

    public Task<string> UnitNameAsync(Guid unitId, CancellationToken ct = default) => directory.UnitNameAsync(unitId, ct);

    /// <summary>
    /// Refuses, as <see cref="CreateAsync"/> would, a user who may not start his unit's report of <paramref name="year"/>;
    /// creates nothing. An upload is read only after this, so a user who may not import never gets his file parsed.
    /// </summary>
    public async Task EnsureMayCreateAsync(UserContext user, int year, CancellationToken ct = default) =>
        await UnitToCreateForAsync(user, year, ct);

    private async Task<Unit> UnitToCreateForAsync(UserContext user, int year, CancellationToken ct)
    {
        // A report is written for the home unit, as a drafter there (a drafter's post elsewhere does not start reports).
        Report.EnsureMayCreate(user.User.UnitId is { } home ? user.ActorAt(home) : user.Actor);
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
        // The newest published version that applies to the unit (a version may be limited to some agencies).
        var route = RouteDefinition.LatestFor(await db.Routes.ToListAsync(ct), unit.Id)
                    ?? throw new WorkflowRuleException(RuleViolation.Conflict, "no-route", "没有适用于本单位的审核流程，请联系管理员。");
        var report = Report.Create(unit.Id, year, title, body, route, user.ActorAt(unit.Id), clock.GetUtcNow(), TextLimits);
        db.Reports.Add(report);
        // Two drafters creating the same year at once: the unique (unit, year) index refuses the second.
        await db.SaveOrConflictAsync(ReportExists(year), ct);
        return report;
    }

    /// <summary>
    /// Refuses, as <see cref="EditAsync"/> would, a user who may not change report <paramref name="id"/> now (another unit's
    /// report: not found); changes nothing and returns the report as it is.
    /// </summary>
    public async Task<Report> EnsureMayEditAsync(UserContext user, Guid id, CancellationToken ct = default)
    {
        var report = await Visible(user).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NotFound();
        if (!user.CanSee(report.UnitId)) throw CopyOnly();
        report.Ensure(ReportCommand.Edit, user.ActorAt(report.UnitId));
        return report;
    }

    public Task<Report> EditAsync(UserContext user, Guid id, string title, string body, CancellationToken ct = default) =>
        ChangeAsync(user, id, r => r.Edit(user.ActorAt(r.UnitId), title, body, clock.GetUtcNow(), TextLimits), ct);

    /// <summary>Sends a draft, or a returned report, on its way; a text with check errors does not reach the committee step.</summary>
    public Task<Report> SubmitAsync(UserContext user, Guid id, CancellationToken ct = default, IReadOnlyList<string>? copyTo = null) =>
        SubmitWithAnswersAsync(user, id, null, ct, copyTo);

    /// <summary>Takes a submission back to the draft while the reviewer it went to has not acted.</summary>
    public Task<Report> WithdrawAsync(UserContext user, Guid id, CancellationToken ct = default) =>
        ChangeAsync(user, id, r => r.Withdraw(user.ActorAt(r.UnitId), clock.GetUtcNow()), ct);

    /// <summary>Passes the report to the next step (or approves it at the last); a text with check errors does not reach the committee step.</summary>
    public Task<Report> ApproveAsync(UserContext user, Guid id, string? comment, IReadOnlyList<string>? requirements = null,
        CancellationToken ct = default, IReadOnlyList<string>? copyTo = null) =>
        ApproveWithVerdictsAsync(user, id, comment, null, requirements, ct, copyTo);

    /// <summary>Returns the report to the drafter; the resubmission comes back to this step unless <paramref name="restartFromFirstStep"/>.</summary>
    public Task<Report> ReturnAsync(UserContext user, Guid id, string? comment, bool restartFromFirstStep = false,
        IReadOnlyList<string>? requirements = null, CancellationToken ct = default, IReadOnlyList<string>? copyTo = null) =>
        ReturnWithPointsAsync(user, id, comment, null, false, null, restartFromFirstStep, requirements, ct, copyTo);

    /// <summary>
    /// A reviewer's decision. He may add rectification requirements (审核意见); they become items of the report's unit, closed by
    /// his role, and commit together with the decision. A delegate (委托) decides "代 X 审核" as <see cref="UserContext.ActorFor"/> finds.
    /// </summary>
    private Task<Report> DecideAsync(UserContext user, Guid id, ReportCommand command, IReadOnlyList<string>? requirements,
        IReadOnlyList<string>? copyTo, Func<Report, Actor, Task> decide, CancellationToken ct)
    {
        if (requirements is { Count: > RectificationItem.MaxRequirementsPerDecision })
            throw new WorkflowRuleException(RuleViolation.Invalid, "requirements-too-many",
                $"一次最多提出{RectificationItem.MaxRequirementsPerDecision}条整改要求。", "requirements");
        return ChangeAsync(user, id, async report =>
        {
            var actor = user.ActorFor(report, command) ?? throw CopyOnly();
            var agency = await directory.UnitAsync(report.UnitId, ct);
            // A stand-in (委托) decides where his principal does: the principal's unit must be the one the step names.
            var deciding = actor.OnBehalfOf is { } principal ? user.Principals.First(p => p.Actor.UserId == principal.UserId) : user;
            // A task holder (会签 member, 转办 receiver, 加签 reviewer) decides by his task, whatever his role or unit.
            if (report.WaitingTaskOf(actor) is null) Routes.StepDeciders.EnsureDecides(deciding, report, agency);
            var reviewerRole = report.CurrentStep?.Role;
            await decide(report, actor);
            await messages.DecidedAsync(report, ct);
            await copying.CopyAsync(report, actor, copyTo, ct);
            if (requirements is { Count: > 0 } && reviewerRole is not null)
                await intake.AddRequirementsAsync(report, reviewerRole, requirements, actor, ct);
        }, ct, decision: true);
    }

    /// <summary>
    /// Runs a decision; when it loses the race to another decision on the same report and the user still holds his own open task
    /// after reloading (two 会签 members approving at once), it is run again on the fresh report, at most three times. Any other
    /// lost race stays the 409 it was.
    /// </summary>
    private async Task<Report> RetryingTaskDecisionAsync(UserContext user, Guid id, Func<Task<Report>> decide, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await decide();
            }
            catch (WorkflowRuleException e) when (e.Code == "concurrent-update" && attempt < 3)
            {
                if (!await StillHoldsOpenTaskAsync(user, id, ct)) throw;
            }
        }
    }

    private async Task<bool> StillHoldsOpenTaskAsync(UserContext user, Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var holders = user.Principals.Select(p => p.Actor.UserId).Append(user.Actor.UserId).ToList();
        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        return report is not null && report.WaitingTasks().Any(t => holders.Contains(t.UserId));
    }

    /// <summary>转办: hands the user's part of the current step to <paramref name="toUserId"/>, who could decide it too.</summary>
    public Task<Report> TransferAsync(UserContext user, Guid id, string? toUserId, string? comment, CancellationToken ct = default) =>
        TaskChangeAsync(user, id, ReportCommand.Transfer, async (report, actor) =>
        {
            var allowed = await candidates.TransferCandidatesAsync(report, actor, ct);
            var to = await TargetAsync(report, actor, toUserId, allowed, "toUserId", "转办对象须是本环节可审核的在用账号。", ct);
            report.Transfer(actor, to, comment, clock.GetUtcNow());
        }, ct);

    /// <summary>加签: adds <paramref name="userId"/> before or after the user's own decision on the current step.</summary>
    public Task<Report> AddReviewerAsync(UserContext user, Guid id, string? userId, AddPosition position, string? comment,
        CancellationToken ct = default) =>
        TaskChangeAsync(user, id, ReportCommand.AddReviewer, async (report, actor) =>
        {
            var allowed = await candidates.ReviewerCandidatesAsync(report, actor, ct);
            var who = await TargetAsync(report, actor, userId, allowed, "userId",
                "加签对象须是本单位、派驻纪检监察组、主管机关工委或本环节审核单位的在用审核人员。", ct);
            report.AddReviewer(actor, who, position, comment, clock.GetUtcNow());
        }, ct);

    /// <summary>Who the user may transfer the current step to (empty when he may not transfer).</summary>
    public async Task<List<TaskCandidate>> TransferCandidatesAsync(UserContext user, Guid id, CancellationToken ct = default)
    {
        var report = await GetAsync(user, id, ct);
        return user.ActorFor(report, ReportCommand.Transfer) is { } actor && report.Can(ReportCommand.Transfer, actor)
            ? await candidates.TransferCandidatesAsync(report, actor, ct)
            : [];
    }

    /// <summary>Who the user may add to the current step (empty when he may not add anyone).</summary>
    public async Task<List<TaskCandidate>> ReviewerCandidatesAsync(UserContext user, Guid id, CancellationToken ct = default)
    {
        var report = await GetAsync(user, id, ct);
        return user.ActorFor(report, ReportCommand.AddReviewer) is { } actor && report.Can(ReportCommand.AddReviewer, actor)
            ? await candidates.ReviewerCandidatesAsync(report, actor, ct)
            : [];
    }

    /// <summary>Who the report the caller holds waits for now (<see cref="Reminders.ReportWaiters.For(Reminders.Recipients, Report)"/>).</summary>
    public async Task<IReadOnlyList<Reminders.Recipient>> WaitersAsync(Report report, CancellationToken ct = default) =>
        Reminders.ReportWaiters.For(await people.ForAsync(directory, db, ct), report);

    /// <summary>Every 会签/转办/加签 task of the report, in the order they opened.</summary>
    public async Task<List<ReviewTask>> TasksAsync(UserContext user, Guid id, CancellationToken ct = default)
    {
        await EnsureVisibleAsync(user, id, ct);
        return await db.ReviewTasks.AsNoTracking().Where(t => t.ReportId == id).OrderBy(t => t.Number).ToListAsync(ct);
    }

    private Task<Report> TaskChangeAsync(UserContext user, Guid id, ReportCommand command, Func<Report, Actor, Task> change, CancellationToken ct) =>
        ChangeAsync(user, id, async report =>
        {
            var actor = user.ActorFor(report, command) ?? throw CopyOnly();
            report.Ensure(command, actor);
            if (report.WaitingTaskOf(actor) is null)
            {
                var agency = await directory.UnitAsync(report.UnitId, ct);
                var deciding = actor.OnBehalfOf is { } principal ? user.Principals.First(p => p.Actor.UserId == principal.UserId) : user;
                Routes.StepDeciders.EnsureDecides(deciding, report, agency);
            }
            await change(report, actor);
        }, ct, decision: true);

    // The person a transfer or 加签 names: one of the allowed candidates; the actor himself or someone already on the step is left
    // to the domain, which says so.
    private async Task<Reviewer> TargetAsync(Report report, Actor actor, string? userId, List<TaskCandidate> allowed, string field, string refusal,
        CancellationToken ct)
    {
        var id = (userId ?? "").Trim();
        if (allowed.FirstOrDefault(c => c.Id == id) is { } found) return new Reviewer(found.Id, found.Name);
        var onStep = report.TasksOfRound().Any(t => t.IsOpen && t.UserId == id) || id == actor.UserId || id == actor.OnBehalfOf?.UserId;
        if (onStep && await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) is { } known)
            return new Reviewer(known.Id, known.ShownName);
        throw new WorkflowRuleException(RuleViolation.Invalid, "reviewer-not-allowed", refusal, field);
    }

    public async Task<List<ReportJournalEntry>> JournalAsync(UserContext user, Guid id, CancellationToken ct = default)
    {
        await EnsureVisibleAsync(user, id, ct);
        return await db.ReportJournal.AsNoTracking().Where(j => j.ReportId == id).OrderBy(j => j.Sequence).ToListAsync(ct);
    }

    /// <summary>Who the report was copied to (抄送), by whom and at which journal row.</summary>
    public async Task<List<CopyView>> CopiesAsync(UserContext user, Guid id, CancellationToken ct = default)
    {
        await EnsureVisibleAsync(user, id, ct);
        return await copying.OfReportAsync(id, ct);
    }

    /// <summary>Whom the user may copy on a step of <paramref name="report"/> (the report's readers but himself).</summary>
    public Task<List<CopyCandidate>> CopyCandidatesAsync(UserContext user, Report report, CancellationToken ct = default) =>
        copying.CandidatesAsync(report.UnitId, user.User.Id, ct);

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

    // Read access includes reports waiting on a reviewer the user stands in for (委托) and those copied to him (抄送).
    private IQueryable<Report> Visible(UserContext user) => db.ReadableReports(user);

    private static WorkflowRuleException CopyOnly() =>
        new(RuleViolation.Forbidden, "copy-read-only", "抄送给您的报告只能查看，不能处理。");

    private async Task EnsureVisibleAsync(UserContext user, Guid id, CancellationToken ct)
    {
        if (_seen.Has(user, id)) return;
        if (!await Visible(user).AnyAsync(r => r.Id == id, ct)) throw NotFound();
        _seen.Add(user, id);
    }

    private readonly SeenReports _seen = new(db);

    /// <summary>
    /// The reports this request (this scope) has found visible to a user: a page that shows a report in several sections checks it
    /// once, not once per section. Any save forgets them all, since a decision can move a report out of a stand-in's or a task
    /// holder's sight.
    /// </summary>
    private sealed class SeenReports
    {
        private readonly HashSet<Guid> _ids = [];
        private UserContext? _user;

        public SeenReports(AppDbContext db) => db.SavedChanges += (_, _) => Forget();

        public bool Has(UserContext user, Guid id) => ReferenceEquals(user, _user) && _ids.Contains(id);

        public void Add(UserContext user, Guid id)
        {
            if (!ReferenceEquals(user, _user))
            {
                Forget();
                _user = user;
            }
            _ids.Add(id);
        }

        private void Forget()
        {
            _user = null;
            _ids.Clear();
        }
    }

    private Task<Report> ChangeAsync(UserContext user, Guid id, Action<Report> change, CancellationToken ct) =>
        ChangeAsync(user, id, report =>
        {
            change(report);
            return Task.CompletedTask;
        }, ct);

    // One change is one SaveChanges: the report row and its new journal row (and any requirements) in one transaction.
    private async Task<Report> ChangeAsync(UserContext user, Guid id, Func<Report, Task> change, CancellationToken ct, bool decision = false)
    {
        var report = await Visible(user).FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NotFound();
        // Outside his own units only a stand-in's decision is possible; a copied reader reads.
        if (!decision && !user.CanSee(report.UnitId)) throw CopyOnly();
        await change(report);
        await db.SaveOrConflictAsync("报告刚刚已被他人处理，请刷新页面后重试。", ct);
        // A new 待办: tell the reviewers now rather than at the next scheduled sweep.
        if (report.Status.IsReview()) reminders.SweepSoon();
        return report;
    }
}
