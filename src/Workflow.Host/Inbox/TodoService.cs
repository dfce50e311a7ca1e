using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Activities;
using Workflow.Activities.Calendar;
using Workflow.Activities.Cycles;
using Workflow.Activities.Organization;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reminders;
using Workflow.Activities.Reports;
using Workflow.Host.Calendar;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Reminders;

namespace Workflow.Host.Inbox;

/// <summary>
/// The 待办 (everything that waits for the signed-in user, most urgent first) and the 已办 (the decisions he made, newest first).
/// Each kind of row is one query filtered in SQL to his units and roles, so the work stays flat as years of reports and items
/// accumulate; deadlines are counted as the reminders count them (<see cref="StepDeadline"/>, the cycle's policy or the configured one).
/// </summary>
public sealed class TodoService(AppDbContext db, TimeProvider clock, CalendarStore calendars, IOptions<ReminderOptions> options, IAppLinks links,
    CurrentDirectory directory)
{
    private static readonly ReportStatus[] AtDrafter = [ReportStatus.Draft, ReportStatus.Returned];

    /// <summary>Every row of the user's 待办: overdue first, then the nearest deadline, rows without one last; ties oldest first.</summary>
    public async Task<List<TodoRow>> ListAsync(UserContext user, CancellationToken ct = default) =>
        (await RowsAsync(user, counting: false, ct))
            .OrderBy(r => r.Deadline?.DueDate ?? DateOnly.MaxValue)
            .ThenBy(r => r.WaitingSince ?? DateTimeOffset.MaxValue)
            .ThenBy(r => r.Title, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// How many rows the 待办 has (the count in the navigation of every page): the same rows, found by the same code, without what
    /// only their display needs — the cycles' reminder policies behind the deadlines and the latest return comments.
    /// </summary>
    public async Task<int> CountAsync(UserContext user, CancellationToken ct = default) => (await RowsAsync(user, counting: true, ct)).Count;

    private async Task<List<TodoRow>> RowsAsync(UserContext user, bool counting, CancellationToken ct)
    {
        if (user.VisibleUnitIds.Count == 0) return [];
        var today = ChinaTime.Today(clock);
        var calendar = await calendars.LoadAsync(ct);
        var rows = new List<TodoRow>();
        var policies = new CyclePolicies(db, options.Value.Policy, counting);
        await ReportsToWriteAsync(user, rows, today, calendar, ct);
        await ReportsAsync(user, rows, policies, today, calendar, ct);
        await StandInReportsAsync(user, rows, policies, today, calendar, ct);
        await ItemsAsync(user, rows, policies, today, calendar, ct);
        return rows;
    }

    // Open cycles of the drafter's unit that have no report of the unit yet, with the cycle's due date.
    private async Task ReportsToWriteAsync(UserContext user, List<TodoRow> rows, DateOnly today, WorkingCalendar calendar, CancellationToken ct)
    {
        if (user.User.UnitId is not { } unitId || !user.CanSee(unitId) || !user.ActorAt(unitId).IsIn(RoleNames.Drafter)) return;
        var cycles = await db.Cycles.AsNoTracking()
            .Where(c => c.Units.Any(u => u.UnitId == unitId) && !db.Reports.Any(r => r.UnitId == unitId && r.Year == c.Year))
            .ToListAsync(ct);
        if (cycles.Count == 0) return;
        var unitName = user.UnitName ?? await db.UnitNameAsync(unitId, ct);
        rows.AddRange(cycles.Select(c => new TodoRow(TodoKind.ReportToWrite, c.Id, $"{unitName}{c.Name}主体责任报告", links.NewReport(), c.Year,
            unitName, null, "未起草", null, StepDeadline.ForSubmission(c.DueDate, today, calendar, c.Policy.Submission))));
    }

    // Drafts and returned reports of a drafter's unit; reports at a review step one of the user's roles decides.
    private async Task ReportsAsync(UserContext user, List<TodoRow> rows, CyclePolicies policies, DateOnly today, WorkingCalendar calendar,
        CancellationToken ct)
    {
        var routes = await directory.RoutesAsync(ct);
        var mine = routes.Values.SelectMany(route => route.StepsDecidedBy(user.Actor).Select(s => (route.Version, s.Status))).ToHashSet();
        var statuses = mine.Select(m => m.Status).Distinct().ToList();
        var drafter = user.Actor.IsIn(RoleNames.Drafter);
        if (drafter) statuses.AddRange(AtDrafter);
        await TaskReportsAsync(user, rows, routes, policies, today, calendar, ct);
        if (statuses.Count == 0) return;

        // A step with open tasks (会签, 转办, 加签) waits for their holders only, not for the role.
        var found = await (from r in db.VisibleReports(user).AsNoTracking()
                           where statuses.Contains(r.Status)
                                 && !db.ReviewTasks.Any(t => t.ReportId == r.Id && t.Step == r.Status && t.Round == r.StepRound
                                                             && t.State == ReviewTaskState.Open)
                           join u in db.Units on r.UnitId equals u.Id
                           select new { r.Id, r.Title, r.Year, r.UnitId, UnitName = u.Name, r.Status, r.StatusSince, r.RouteVersion })
            .ToListAsync(ct);
        // A drafter's rows come from the units he drafts in (a drafter of A who is secretary of B does not write B's report).
        found = found.Where(r => AtDrafter.Contains(r.Status) ? user.ActorAt(r.UnitId).IsIn(RoleNames.Drafter) : mine.Contains((r.RouteVersion, r.Status)))
            .ToList();
        // A step's role is not enough: the user must sit in the unit the step's decider names for the report's agency.
        var agencies = await UnitsAsync(found.Select(r => r.UnitId), ct);
        found = found.Where(r => AtDrafter.Contains(r.Status) || (routes[r.RouteVersion].StepFor(r.Status) is { } step
            && agencies.TryGetValue(r.UnitId, out var agency) && Routes.StepDeciders.Decides(user, step, agency))).ToList();
        if (found.Count == 0) return;
        await policies.LoadAsync(found.Select(r => (r.UnitId, r.Year)), ct);
        var returns = policies.Counting ? [] : await LastReturnsAsync(found.Where(r => r.Status == ReportStatus.Returned).Select(r => r.Id).ToList(), ct);
        foreach (var r in found)
        {
            var policy = policies.For(r.UnitId, r.Year);
            if (AtDrafter.Contains(r.Status))
            {
                // The cycle's due date holds until the report is submitted again: a returned report is not on file yet.
                var due = policies.CycleOf(r.UnitId, r.Year) is { } cycle
                    ? StepDeadline.ForSubmission(cycle.DueDate, today, calendar, policy.Submission)
                    : null;
                var kind = r.Status == ReportStatus.Returned ? TodoKind.ReportReturned : TodoKind.ReportDraft;
                rows.Add(new TodoRow(kind, r.Id, r.Title, links.Report(r.Id), r.Year, r.UnitName, r.Status, r.Status.Label(), r.StatusSince,
                    due, returns.GetValueOrDefault(r.Id)));
                continue;
            }
            var step = routes[r.RouteVersion].StepFor(r.Status)!;
            rows.Add(new TodoRow(TodoKind.ReportReview, r.Id, r.Title, links.Report(r.Id), r.Year, r.UnitName, r.Status, step.Name, r.StatusSince,
                StepDeadline.Of(r.StatusSince, step.TimeLimitWorkingDays, today, calendar, policy.Review)));
        }
    }

    // The reports whose current step waits for a task the user holds (会签 member, 转办 receiver, 加签 reviewer), whatever his role or
    // unit: open 前加签 tasks come first, the others wait behind them (Report.WaitingTasks).
    private async Task TaskReportsAsync(UserContext user, List<TodoRow> rows, IReadOnlyDictionary<int, Workflow.Activities.Routes.RouteDefinition> routes,
        CyclePolicies policies, DateOnly today, WorkingCalendar calendar, CancellationToken ct)
    {
        var me = user.Actor.UserId;
        var found = await (from t in db.ReviewTasks.AsNoTracking()
                           where t.UserId == me && t.State == ReviewTaskState.Open
                           join r in db.Reports on t.ReportId equals r.Id
                           where t.Step == r.Status && t.Round == r.StepRound
                                 && (t.Kind == ReviewTaskKind.AddedBefore
                                     || !db.ReviewTasks.Any(o => o.ReportId == r.Id && o.Step == r.Status && o.Round == r.StepRound
                                                                 && o.State == ReviewTaskState.Open && o.Kind == ReviewTaskKind.AddedBefore))
                           join u in db.Units on r.UnitId equals u.Id
                           select new { r.Id, r.Title, r.Year, r.UnitId, UnitName = u.Name, r.Status, r.StatusSince, r.RouteVersion, t.Kind })
            .ToListAsync(ct);
        if (found.Count == 0) return;
        await policies.LoadAsync(found.Select(r => (r.UnitId, r.Year)), ct);
        foreach (var r in found.DistinctBy(r => r.Id))
        {
            if (routes[r.RouteVersion].StepFor(r.Status) is not { } step) continue;
            rows.Add(new TodoRow(TodoKind.ReportReview, r.Id, r.Title, links.Report(r.Id), r.Year, r.UnitName, r.Status,
                $"{step.Name}（{r.Kind.Label()}）", r.StatusSince,
                StepDeadline.Of(r.StatusSince, step.TimeLimitWorkingDays, today, calendar, policies.For(r.UnitId, r.Year).Review)));
        }
    }

    // 委托: the review steps of each reviewer the user stands in for today, marked "代 X"; a report already his own is listed once.
    private async Task StandInReportsAsync(UserContext user, List<TodoRow> rows, CyclePolicies policies, DateOnly today, WorkingCalendar calendar,
        CancellationToken ct)
    {
        foreach (var principal in user.Principals)
        {
            var theirs = new List<TodoRow>();
            await ReportsAsync(principal, theirs, policies, today, calendar, ct);
            rows.AddRange(theirs.Where(t => t.Kind == TodoKind.ReportReview && rows.All(r => r.Kind != TodoKind.ReportReview || r.Id != t.Id))
                .Select(t => t with { OnBehalfOf = principal.Actor.DisplayName }));
        }
    }

    /// <summary>
    /// A report's deadline as its 待办 row shows it: a review step's limit, or the cycle's due date while it is at the drafter;
    /// null once approved or without a cycle.
    /// </summary>
    public async Task<StepDeadline?> ReportDeadlineAsync(Report report, CancellationToken ct = default)
    {
        if (report.Status == ReportStatus.Approved) return null;
        var policies = new CyclePolicies(db, options.Value.Policy);
        await policies.LoadAsync([(report.UnitId, report.Year)], ct);
        var today = ChinaTime.Today(clock);
        var calendar = await calendars.LoadAsync(ct);
        var policy = policies.For(report.UnitId, report.Year);
        if (report.CurrentStep is { } step) return StepDeadline.Of(report.StatusSince, step.TimeLimitWorkingDays, today, calendar, policy.Review);
        return policies.CycleOf(report.UnitId, report.Year) is { } cycle
            ? StepDeadline.ForSubmission(cycle.DueDate, today, calendar, policy.Submission)
            : null;
    }

    /// <summary>An open item's deadline as its 待办 row shows it; null when it has none or is closed or long-term.</summary>
    public async Task<StepDeadline?> ItemDeadlineAsync(RectificationItem item, CancellationToken ct = default)
    {
        if (!item.IsOpen || item.Deadline is not { } deadline) return null;
        var policies = new CyclePolicies(db, options.Value.Policy);
        await policies.LoadAsync([(item.UnitId, item.Year)], ct);
        return StepDeadline.ForRectification(deadline, ChinaTime.Today(clock), await calendars.LoadAsync(ct),
            policies.For(item.UnitId, item.Year).Rectification);
    }

    /// <summary>The latest return of each report: comment, reviewer, time.</summary>
    public async Task<Dictionary<Guid, ReturnNote>> LastReturnsAsync(IReadOnlyList<Guid> reportIds, CancellationToken ct = default)
    {
        if (reportIds.Count == 0) return [];
        var returns = await db.ReportJournal.AsNoTracking()
            .Where(j => reportIds.Contains(j.ReportId) && j.Action == ReportAction.Returned)
            .Select(j => new { j.ReportId, j.Sequence, j.Comment, j.ActorName, j.At })
            .ToListAsync(ct);
        return returns.GroupBy(j => j.ReportId)
            .Select(g => g.MaxBy(j => j.Sequence)!)
            .ToDictionary(j => j.ReportId, j => new ReturnNote(j.Comment ?? "", j.ActorName, j.At));
    }

    // Items I own and work on; rejected closures (二次整改) for the owner and the unit's drafters; closures and extensions my role
    // decides; for the secretary, items still to assign (the drafter does not assign, so they are not hers).
    private async Task ItemsAsync(UserContext user, List<TodoRow> rows, CyclePolicies policies, DateOnly today, WorkingCalendar calendar,
        CancellationToken ct)
    {
        var me = user.Actor.UserId;
        var drafter = user.Actor.IsIn(RoleNames.Drafter);
        var secretary = user.Actor.IsIn(RoleNames.PartySecretary);
        var roles = user.Actor.Roles.ToList();
        var candidates = await db.VisibleItems(user).AsNoTracking()
            .Where(RectificationItem.OpenExpression)
            .Where(i => (i.OwnerId == me && (i.Status == RectificationStatus.NotStarted || i.Status == RectificationStatus.InProgress))
                        || (drafter && i.Status == RectificationStatus.InProgress && i.ReworkCount > 0)
                        || (i.Status == RectificationStatus.ClosureRequested
                            && (roles.Contains(i.ReviewerRole!) || (i.ReviewerRole == null && secretary)))
                        || (secretary && (i.ExtensionRequestedTo != null || i.OwnerId == null || i.Deadline == null)))
            .ToListAsync(ct);
        if (candidates.Count == 0) return;
        await policies.LoadAsync(candidates.Select(i => (i.UnitId, i.Year)), ct);
        var units = await UnitsAsync(candidates.Select(i => i.UnitId), ct);
        foreach (var item in candidates)
        {
            var due = item.Deadline is { } deadline
                ? StepDeadline.ForRectification(deadline, today, calendar, policies.For(item.UnitId, item.Year).Rectification)
                : null;
            var title = $"{item.Code} {Short(item.Problem)}";
            void Add(TodoKind kind, string state) => rows.Add(new TodoRow(kind, item.Id, title, links.Rectification(item.Id), item.Year,
                units[item.UnitId].Name, null, state, item.UpdatedAt, due));

            // The domain's own rules decide, in the roles the user holds for the item's unit; the SQL above only narrows the candidates.
            var actor = user.ActorAt(item.UnitId);
            if (item.NeedsAssignment && actor.IsIn(RoleNames.PartySecretary) && item.Can(RectificationCommand.Update, actor))
                Add(TodoKind.ItemToAssign, Missing(item));
            else if (item.ReworkCount > 0 && item.Can(RectificationCommand.RequestClosure, actor))
                Add(TodoKind.ItemRework, $"二次整改（第{item.ReworkCount}次）");
            else if (item.OwnerId == me && (item.Can(RectificationCommand.RequestClosure, actor) || item.Can(RectificationCommand.Start, actor)))
                Add(TodoKind.ItemToWork, item.Status.Label());
            if (item.Can(RectificationCommand.ApproveClosure, actor))
                Add(TodoKind.ItemClosure, item.Status.Label());
            if (item.Can(RectificationCommand.ApproveExtension, actor))
                Add(TodoKind.ItemExtension, $"申请延期至 {item.ExtensionRequestedTo:yyyy-MM-dd}");
        }
    }

    // The units of the rows, from the node's directory (read once per change of the directory, not once per request).
    private async Task<Dictionary<Guid, Unit>> UnitsAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var units = new Dictionary<Guid, Unit>();
        var known = (await directory.SnapshotAsync(ct)).Units;
        foreach (var id in ids)
            if (!units.ContainsKey(id)) units[id] = known.TryGetValue(id, out var unit) ? unit : await directory.UnitAsync(id, ct);
        return units;
    }

    private static string Missing(RectificationItem item) => (item.OwnerId, item.Deadline) switch
    {
        (null, null) => "待指定负责人和期限",
        (null, _) => "待指定负责人",
        _ => "待指定完成时限",
    };

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;

    /// <summary>
    /// My decisions, newest first: approvals and returns of reports, closure and extension decisions and reopenings of items, in the
    /// units I cover now. A page reads at most page × size rows of each journal.
    /// </summary>
    public async Task<DonePage> DoneAsync(UserContext user, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var me = user.Actor.UserId;
        ReportAction[] decided = [ReportAction.Approved, ReportAction.Returned, ReportAction.Countersigned, ReportAction.Transferred,
            ReportAction.ReviewerAddedBefore, ReportAction.ReviewerAddedAfter];
        var reportDecisions = from j in db.ReportJournal.AsNoTracking()
                              where j.ActorId == me && decided.Contains(j.Action)
                              join r in db.ReadableReports(user) on j.ReportId equals r.Id
                              join u in db.Units on r.UnitId equals u.Id
                              select new { j.Id, j.ReportId, r.Title, UnitName = u.Name, j.Action, j.Comment, j.At };
        RectificationAction[] decisions = [RectificationAction.ClosureApproved, RectificationAction.ClosureRejected,
            RectificationAction.ExtensionApproved, RectificationAction.ExtensionRejected, RectificationAction.Reopened];
        var itemDecisions = from j in db.RectificationJournal.AsNoTracking()
                            where j.ActorId == me && decisions.Contains(j.Action)
                            join i in db.VisibleItems(user) on j.ItemId equals i.Id
                            join u in db.Units on i.UnitId equals u.Id
                            select new { j.Id, j.ItemId, i.Code, i.Problem, UnitName = u.Name, j.Action, j.Comment, j.At };
        var total = await reportDecisions.CountAsync(ct) + await itemDecisions.CountAsync(ct);
        var take = (int)Math.Min(int.MaxValue, (long)page * pageSize);
        var reports = await reportDecisions.OrderByDescending(d => d.At).ThenByDescending(d => d.Id).Take(take).ToListAsync(ct);
        var items = await itemDecisions.OrderByDescending(d => d.At).ThenByDescending(d => d.Id).Take(take).ToListAsync(ct);
        var rows = reports.Select(d => new DoneRow(DoneKind.Report, d.ReportId, d.Title, links.Report(d.ReportId), d.UnitName, d.Action.Label(),
                d.Comment, d.At))
            .Concat(items.Select(d => new DoneRow(DoneKind.Item, d.ItemId, $"{d.Code} {Short(d.Problem)}", links.Rectification(d.ItemId),
                d.UnitName, d.Action.Label(), d.Comment, d.At)))
            .OrderByDescending(d => d.At)
            .Skip((int)Math.Min(int.MaxValue, (page - 1L) * pageSize)).Take(pageSize)
            .ToList();
        return new DonePage(rows, total, page, pageSize);
    }

    /// <summary>The reminder policy of each (unit, year): its cycle's (the first that covers it, as the sweep picks), else the configured one.</summary>
    /// <remarks>When only rows are counted (<see cref="Counting"/>) no cycle is read: the rows' deadlines come out with the configured
    /// policy and are not shown; which rows there are does not depend on any policy.</remarks>
    private sealed class CyclePolicies(AppDbContext db, ReminderPolicy configured, bool counting = false)
    {
        private readonly Dictionary<(Guid Unit, int Year), ReportingCycle> _cycles = [];
        private readonly HashSet<int> _loadedYears = [];

        public bool Counting => counting;

        public async Task LoadAsync(IEnumerable<(Guid Unit, int Year)> keys, CancellationToken ct)
        {
            if (counting) return;
            var list = keys.ToList();
            var years = list.Select(k => k.Year).Distinct().Where(y => !_loadedYears.Contains(y)).ToList();
            if (years.Count == 0) return;
            var units = list.Select(k => k.Unit).Distinct().ToList();
            var cycles = await db.Cycles.AsNoTracking().Include(c => c.Units.Where(u => units.Contains(u.UnitId)))
                .Where(c => years.Contains(c.Year)).ToListAsync(ct);
            foreach (var cycle in cycles)
                foreach (var unit in cycle.Units)
                    _cycles.TryAdd((unit.UnitId, cycle.Year), cycle);
            _loadedYears.UnionWith(years);
        }

        public ReportingCycle? CycleOf(Guid unitId, int year) => _cycles.GetValueOrDefault((unitId, year));

        public ReminderPolicy For(Guid unitId, int year) => CycleOf(unitId, year)?.Policy ?? configured;
    }
}
