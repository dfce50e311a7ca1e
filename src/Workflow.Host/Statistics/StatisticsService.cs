using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Calendar;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Activities.Statistics;
using Workflow.Host.Calendar;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Rectification;

namespace Workflow.Host.Statistics;

/// <summary>One review step of a year: how long its decided stays took (working days) and how many it returned.</summary>
public sealed record StepFigure(ReportStatus Step, string StepName, int Decided, double? AverageDays, int? P90Days, int Returned, double? ReturnShare);

/// <summary>One unit of a year: its submission against the due date, working days overdue, and how often its report came back.</summary>
public sealed record UnitFigure(Guid UnitId, string UnitName, DateOnly? DueDate, DateOnly? FirstSubmitted, Timeliness Timeliness,
    int OverdueWorkingDays, int Returns, ReportStatus? Status);

/// <summary>How many items of one source are in one state.</summary>
public sealed record SourceStateFigure(RectificationSource Source, RectificationStatus Status, int Count);

/// <summary>
/// The rectification items of a year: totals, 销号 and overdue rates, days to 销号, 二次整改 and 回头看, and 问题反弹 (items similar to
/// an item of the same unit in the five years before, and their share).
/// </summary>
public sealed record RectificationFigures(int Total, int Closed, int Overdue, double? ClosureRate, double? OverdueRate,
    double? AverageDaysToClose, int RejectedClosures, int Reopened, IReadOnlyList<SourceStateFigure> BySourceAndState,
    int Recurring = 0, double? RecurrenceRate = null);

/// <summary>The figures of one year (the reports of that year and its reporting cycle), for the units the user covers.</summary>
public sealed record YearStatistics(int Year, int Reports, int Approved, int ApprovedFirstPass, double? FirstPassRate,
    int OnTime, int Late, int Missing, int Pending, double? OnTimeRate, IReadOnlyList<StepFigure> Steps, IReadOnlyList<UnitFigure> Units,
    RectificationFigures Rectification);

/// <summary>
/// 统计分析 for the committee (every unit) and an inspection team (its units). Each year is read with a few aggregate queries
/// over projections of a few columns (journal transitions without comments, item counts grouped in SQL), never a report's
/// text, so a year costs the same however many years lie beside it.
/// </summary>
public sealed class StatisticsService(AppDbContext db, CalendarStore calendars, TimeProvider clock, RecurringProblems recurrences)
{
    /// <summary>The longest year-over-year range one request may ask for.</summary>
    public const int MaxYears = 10;

    private static readonly ReportStatus[] ReviewSteps = [ReportStatus.SecretaryReview, ReportStatus.DisciplineReview, ReportStatus.CommitteeReview];

    /// <summary>Only the committee and the inspection teams read statistics; the others get 403.</summary>
    public static void EnsureMayRead(UserContext user)
    {
        if (!user.Actor.IsIn(RoleNames.Committee) && !user.Actor.IsIn(RoleNames.DisciplineInspector))
            throw new WorkflowRuleException(RuleViolation.Forbidden, "forbidden", "只有市直机关工委和纪检监察组可以查看统计分析。");
    }

    /// <summary>Refuses a range outside the supported years, backwards, or longer than <see cref="MaxYears"/> (400 on "from"/"to").</summary>
    public static void CheckRange(int from, int to)
    {
        if (!SupportedYears.Contains(from))
            throw new WorkflowRuleException(RuleViolation.Invalid, "year-invalid", $"起始年度应在{SupportedYears.Min}至{SupportedYears.Max}之间。", "from");
        if (!SupportedYears.Contains(to))
            throw new WorkflowRuleException(RuleViolation.Invalid, "year-invalid", $"截止年度应在{SupportedYears.Min}至{SupportedYears.Max}之间。", "to");
        if (to < from || to - from + 1 > MaxYears)
            throw new WorkflowRuleException(RuleViolation.Invalid, "year-range-invalid",
                $"年度范围应从起始年度到截止年度，最多{MaxYears}年。", "to");
    }

    /// <summary>The years with a report or a cycle among the user's units, newest first: the choices of the page.</summary>
    public async Task<List<int>> YearsAsync(UserContext user, CancellationToken ct = default)
    {
        EnsureMayRead(user);
        var units = user.VisibleUnitIds.ToList();
        var reportYears = await db.Reports.Where(r => units.Contains(r.UnitId)).Select(r => r.Year).Distinct().ToListAsync(ct);
        var cycleYears = await db.Cycles.Where(c => c.Units.Any(u => units.Contains(u.UnitId))).Select(c => c.Year).Distinct().ToListAsync(ct);
        return reportYears.Union(cycleYears).OrderDescending().ToList();
    }

    public async Task<YearStatistics> YearAsync(UserContext user, int year, CancellationToken ct = default)
    {
        EnsureMayRead(user);
        SupportedYears.CheckYear(year);
        return await ComputeAsync(user, year, await calendars.LoadAsync(ct), ct);
    }

    /// <summary>The figures of every year from <paramref name="from"/> to <paramref name="to"/>, oldest first (year over year).</summary>
    public async Task<List<YearStatistics>> RangeAsync(UserContext user, int from, int to, CancellationToken ct = default)
    {
        EnsureMayRead(user);
        CheckRange(from, to);
        var calendar = await calendars.LoadAsync(ct);
        var years = new List<YearStatistics>();
        for (var year = from; year <= to; year++) years.Add(await ComputeAsync(user, year, calendar, ct));
        return years;
    }

    private async Task<YearStatistics> ComputeAsync(UserContext user, int year, WorkingCalendar calendar, CancellationToken ct)
    {
        var units = user.VisibleUnitIds.ToList();
        var today = ChinaTime.Today(clock);

        var reports = await db.Reports.AsNoTracking().Where(r => r.Year == year && units.Contains(r.UnitId))
            .Select(r => new { r.Id, r.UnitId, r.Status }).ToListAsync(ct);
        // Only the transitions: an edit changes no step, and no comment or text is read.
        var journal = await (from j in db.ReportJournal.AsNoTracking()
                             join r in db.Reports on j.ReportId equals r.Id
                             where r.Year == year && units.Contains(r.UnitId)
                                   && j.Action != ReportAction.Edited && j.Action != ReportAction.Created
                             select new JournalStep(j.ReportId, j.Sequence, j.At, j.Action, j.FromStatus, j.ToStatus)).ToListAsync(ct);
        var dueDates = (await db.Cycles.AsNoTracking().Where(c => c.Year == year)
                .SelectMany(c => c.Units, (c, u) => new { u.UnitId, c.DueDate }).ToListAsync(ct))
            .Where(d => units.Contains(d.UnitId)).GroupBy(d => d.UnitId).ToDictionary(g => g.Key, g => g.Min(d => d.DueDate));

        var byReport = journal.GroupBy(j => j.ReportId).ToDictionary(g => g.Key, g => g.ToList());
        var visits = byReport.Values.SelectMany(rows => ReviewStatistics.Visits(rows, calendar)).ToList();
        // The standard steps always; any other route's step once a report has passed it, named as its newest route names it.
        var others = visits.Select(v => v.Step).Where(s => !ReviewSteps.Contains(s)).Distinct().ToList();
        var routes = others.Count == 0 ? [] : await db.Routes.AsNoTracking().OrderByDescending(r => r.Version).ToListAsync(ct);
        string NameOf(ReportStatus step) => ReviewSteps.Contains(step) ? step.Label()
            : routes.Select(r => r.StepFor(step)?.Name).FirstOrDefault(n => n is not null) ?? step.Label();
        var steps = ReviewSteps.Concat(others).Select(step =>
        {
            var mine = visits.Where(v => v.Step == step).ToList();
            var days = mine.Select(v => v.WorkingDays).ToList();
            var returned = mine.Count(v => v.Decision == ReportAction.Returned);
            return new StepFigure(step, NameOf(step), mine.Count, ReviewStatistics.Average(days), ReviewStatistics.Percentile90(days),
                returned, ReviewStatistics.Rate(returned, mine.Count));
        }).ToList();

        var courses = reports.ToDictionary(r => r.UnitId, r => (r.Status, Course: ReviewStatistics.Course(byReport.GetValueOrDefault(r.Id) ?? [])));
        var unitIds = dueDates.Keys.Union(courses.Keys).ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.Name })
            .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var unitFigures = unitIds.Select(id =>
        {
            var course = courses.TryGetValue(id, out var c) ? c.Course : null;
            DateOnly? due = dueDates.TryGetValue(id, out var d) ? d : null;
            var (timeliness, overdue) = ReviewStatistics.Judge(due, course?.FirstSubmitted, today, calendar);
            return new UnitFigure(id, names.GetValueOrDefault(id, ""), due, course?.FirstSubmitted, timeliness, overdue, course?.Returns ?? 0,
                course is null ? null : c.Status);
        }).OrderByDescending(u => u.OverdueWorkingDays).ThenByDescending(u => u.Returns).ThenBy(u => u.UnitName, StringComparer.Ordinal).ToList();

        var approved = courses.Values.Count(c => c.Course.Approved);
        var firstPass = courses.Values.Count(c => c.Course.ApprovedFirstPass);
        int Count(Timeliness t) => unitFigures.Count(u => u.Timeliness == t);
        var judged = Count(Timeliness.OnTime) + Count(Timeliness.Late) + Count(Timeliness.Missing);
        return new YearStatistics(year, reports.Count, approved, firstPass, ReviewStatistics.Rate(firstPass, approved),
            Count(Timeliness.OnTime), Count(Timeliness.Late), Count(Timeliness.Missing), Count(Timeliness.Pending),
            ReviewStatistics.Rate(Count(Timeliness.OnTime), judged), steps, unitFigures,
            await RectificationAsync(units, year, today, calendar, ct));
    }

    private async Task<RectificationFigures> RectificationAsync(List<Guid> units, int year, DateOnly today, WorkingCalendar calendar,
        CancellationToken ct)
    {
        var items = db.RectificationItems.AsNoTracking().Where(i => i.Year == year && units.Contains(i.UnitId));
        var groups = await items.GroupBy(i => new { i.Source, i.Status })
            .Select(g => new { g.Key.Source, g.Key.Status, Count = g.Count(), Rework = g.Sum(i => i.ReworkCount) }).ToListAsync(ct);
        var overdue = await items.Where(RectificationItem.OverdueOn(today)).CountAsync(ct);
        var closings = await items.Where(i => i.Status == RectificationStatus.Closed && i.ClosedAt != null)
            .Select(i => new { i.CreatedAt, i.ClosedAt }).ToListAsync(ct);
        var reopened = await (from e in db.RectificationJournal
                              join i in items on e.ItemId equals i.Id
                              where e.Action == RectificationAction.Reopened
                              select e.Id).CountAsync(ct);
        var total = groups.Sum(g => g.Count);
        var closed = groups.Where(g => g.Status == RectificationStatus.Closed).Sum(g => g.Count);
        var daysToClose = closings.Select(c => Math.Max(0, calendar.WorkingDaysBetween(ChinaTime.DateOf(c.CreatedAt), ChinaTime.DateOf(c.ClosedAt!.Value))))
            .ToList();
        var bySourceAndState = groups.Select(g => new SourceStateFigure(g.Source, g.Status, g.Count))
            .OrderBy(g => g.Source).ThenBy(g => g.Status).ToList();
        var recurrence = await recurrences.RateAsync(units, year, ct);
        return new RectificationFigures(total, closed, overdue, ReviewStatistics.Rate(closed, total), ReviewStatistics.Rate(overdue, total),
            ReviewStatistics.Average(daysToClose), groups.Sum(g => g.Rework), reopened, bySourceAndState, recurrence.Recurring, recurrence.Rate);
    }
}
