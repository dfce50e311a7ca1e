using Workflow.Activities.Calendar;
using Workflow.Activities.Reports;

namespace Workflow.Activities.Statistics;

/// <summary>One journal row of a report as the statistics read it: the transition only, never a comment or text.</summary>
public sealed record JournalStep(Guid ReportId, int Sequence, DateTimeOffset At, ReportAction Action, ReportStatus FromStatus, ReportStatus ToStatus);

/// <summary>One stay of a report at a review step, from the day it entered to the day it was decided (China dates).</summary>
public sealed record StepVisit(ReportStatus Step, DateOnly Entered, DateOnly Decided, ReportAction Decision, int WorkingDays);

/// <summary>A report's course in one line: when it was first submitted, how often it was returned, whether it passed.</summary>
public sealed record ReportCourse(DateOnly? FirstSubmitted, int Returns, bool Approved)
{
    /// <summary>一次通过: approved without a single return on the way.</summary>
    public bool ApprovedFirstPass => Approved && Returns == 0;
}

/// <summary>How a unit's submission stands against its cycle's due date.</summary>
public enum Timeliness
{
    /// <summary>按时报送: first submitted on or before the due date.</summary>
    OnTime,

    /// <summary>逾期报送: first submitted after the due date.</summary>
    Late,

    /// <summary>逾期未报: the due date has passed and nothing was submitted.</summary>
    Missing,

    /// <summary>未到期: not submitted, and the due date is still ahead.</summary>
    Pending,

    /// <summary>无报送周期: the unit is in no cycle of the year, so there is no due date to judge by.</summary>
    NoCycle,
}

/// <summary>
/// The pure arithmetic of 统计分析: step durations from the journal in working days, the 90th percentile, rates, a submission
/// judged against its due date. The Host feeds it projections of a few columns; nothing here reads a database.
/// </summary>
public static class ReviewStatistics
{
    /// <summary>
    /// The decided stays at review steps in one report's journal. A stay starts when a row enters a review step and ends at the
    /// approval or return that leaves it; a withdrawn stay was never decided and is left out, as is a step still waiting.
    /// Working days follow the calendar: entered Friday and decided Monday is 1, decided the day it came is 0.
    /// </summary>
    public static IEnumerable<StepVisit> Visits(IEnumerable<JournalStep> journal, WorkingCalendar calendar)
    {
        ReportStatus? step = null;
        var entered = default(DateOnly);
        foreach (var row in journal.OrderBy(r => r.Sequence))
        {
            if (step is { } current && row.FromStatus == current && row.Action is ReportAction.Approved or ReportAction.Returned)
            {
                var decided = ChinaTime.DateOf(row.At);
                yield return new StepVisit(current, entered, decided, row.Action, Math.Max(0, calendar.WorkingDaysBetween(entered, decided)));
            }
            if (row.ToStatus.IsReview() && row.ToStatus != row.FromStatus)
            {
                step = row.ToStatus;
                entered = ChinaTime.DateOf(row.At);
            }
            else if (!row.ToStatus.IsReview())
            {
                step = null;
            }
        }
    }

    /// <summary>The course of one report from its journal rows.</summary>
    public static ReportCourse Course(IEnumerable<JournalStep> journal)
    {
        var rows = journal.OrderBy(r => r.Sequence).ToList();
        var firstSubmitted = rows.FirstOrDefault(r => r.Action == ReportAction.Submitted);
        return new ReportCourse(
            firstSubmitted is null ? null : ChinaTime.DateOf(firstSubmitted.At),
            rows.Count(r => r.Action == ReportAction.Returned),
            rows.Any(r => r.ToStatus == ReportStatus.Approved));
    }

    /// <summary>
    /// A submission against its due date (China dates), with the working days it is or was overdue: a late one counts to the
    /// day it came, a missing one to <paramref name="today"/>.
    /// </summary>
    public static (Timeliness Timeliness, int OverdueWorkingDays) Judge(DateOnly? due, DateOnly? submitted, DateOnly today, WorkingCalendar calendar)
    {
        if (due is not { } dueDate) return (Timeliness.NoCycle, 0);
        if (submitted is { } on)
            return on <= dueDate ? (Timeliness.OnTime, 0) : (Timeliness.Late, Math.Max(0, calendar.WorkingDaysBetween(dueDate, on)));
        return today > dueDate ? (Timeliness.Missing, Math.Max(0, calendar.WorkingDaysBetween(dueDate, today))) : (Timeliness.Pending, 0);
    }

    /// <summary>The mean, rounded to one decimal; null for no values (shown as "—", never as 0).</summary>
    public static double? Average(IReadOnlyCollection<int> values) =>
        values.Count == 0 ? null : Math.Round(values.Average(), 1, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The 90th percentile by nearest rank: the smallest value at least 90 % of the values are not above (of 10 values the 9th
    /// smallest, of 1 value that value). An observed duration, never an interpolated one; null for no values.
    /// </summary>
    public static int? Percentile90(IReadOnlyCollection<int> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(0.9 * sorted.Count);
        return sorted[rank - 1];
    }

    /// <summary><paramref name="part"/> of <paramref name="whole"/> in per cent, one decimal; null when the whole is 0.</summary>
    public static double? Rate(int part, int whole) =>
        whole == 0 ? null : Math.Round(100.0 * part / whole, 1, MidpointRounding.AwayFromZero);

    /// <summary>Chinese label of a timeliness.</summary>
    public static string Label(this Timeliness timeliness) => timeliness switch
    {
        Timeliness.OnTime => "按时报送",
        Timeliness.Late => "逾期报送",
        Timeliness.Missing => "逾期未报",
        Timeliness.Pending => "未到期",
        Timeliness.NoCycle => "无报送周期",
        _ => timeliness.ToString(),
    };
}
