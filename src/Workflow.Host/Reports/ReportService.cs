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
    ReportCopying copying)
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
        IReadOnlyList<string>? copyTo, Action<Report, Actor> decide, CancellationToken ct)
    {
        if (requirements is { Count: > RectificationItem.MaxRequirementsPerDecision })
            throw new WorkflowRuleException(RuleViolation.Invalid, "requirements-too-many",
                $"一次最多提出{RectificationItem.MaxRequirementsPerDecision}条整改要求。", "requirements");
        return ChangeAsync(user, id, async report =>
        {
            var actor = user.ActorFor(report, command) ?? throw CopyOnly();
            var agency = await db.Units.AsNoTracking().FirstAsync(u => u.Id == report.UnitId, ct);
            // A stand-in (委托) decides where his principal does: the principal's unit must be the one the step names.
            var deciding = actor.OnBehalfOf is { } principal ? user.Principals.First(p => p.Actor.UserId == principal.UserId) : user;
            Routes.StepDeciders.EnsureDecides(deciding, report, agency);
            var reviewerRole = report.CurrentStep?.Role;
            decide(report, actor);
            await messages.DecidedAsync(report, ct);
            await copying.CopyAsync(report, actor, copyTo, ct);
            if (requirements is { Count: > 0 } && reviewerRole is not null)
                await intake.AddRequirementsAsync(report, reviewerRole, requirements, actor, ct);
        }, ct, decision: true);
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
        if (!await Visible(user).AnyAsync(r => r.Id == id, ct)) throw NotFound();
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
