using Workflow.Activities.Calendar;

namespace Workflow.Activities.Reminders;

/// <summary>How close a deadline is: overdue (red), due within the reminders' "due soon" window (amber), or on time.</summary>
public enum DeadlineUrgency
{
    OnTime,
    DueSoon,
    Overdue,
}

/// <summary>
/// A deadline as people read it: the due date the reminders use and the working days left (positive) or overdue (negative)
/// today. Amber (<see cref="DeadlineUrgency.DueSoon"/>) from the first "due soon" reminder of the same policy on: a review step's
/// working days before, a submission's or a rectification item's calendar days before.
/// </summary>
public sealed record StepDeadline(DateOnly DueDate, int WorkingDaysLeft, bool WithinDueSoonWindow)
{
    /// <summary>
    /// The deadline of a review step entered at <paramref name="enteredAt"/> (its China day counts, as in the reminder sweep); due
    /// soon within the policy's earliest working-days-before reminder (the default policy when none is given).
    /// </summary>
    public static StepDeadline Of(DateTimeOffset enteredAt, int limitWorkingDays, DateOnly today, WorkingCalendar calendar,
        ReviewPolicy? policy = null)
    {
        var due = ReminderPlanner.StepDueDate(ChinaTime.DateOf(enteredAt), limitWorkingDays, calendar);
        var left = calendar.WorkingDaysBetween(today, due);
        return new StepDeadline(due, left, left <= Window((policy ?? ReminderPolicy.Default.Review).WorkingDaysBefore));
    }

    /// <summary>
    /// The first day a step of <paramref name="limitWorkingDays"/> may have been entered and not be overdue
    /// <paramref name="today"/>: a step entered before it is overdue by <see cref="Of"/>, one entered on or after it is not.
    /// The deadline only moves later with the day entered, so lists can filter "overdue" as "entered before this day" in SQL.
    /// </summary>
    public static DateOnly FirstEntryDayNotOverdue(int limitWorkingDays, DateOnly today, WorkingCalendar calendar)
    {
        var day = today;
        // A limit of N working days reaches back N working days plus the weekends and holidays between: a year is far enough.
        for (var steps = 0; steps < 366; steps++)
        {
            var earlier = day.AddDays(-1);
            if (calendar.WorkingDaysBetween(today, ReminderPlanner.StepDueDate(earlier, limitWorkingDays, calendar)) < 0) break;
            day = earlier;
        }
        return day;
    }

    /// <summary>A reporting cycle's due date for a report not yet submitted; due soon from the first T-N reminder on.</summary>
    public static StepDeadline ForSubmission(DateOnly due, DateOnly today, WorkingCalendar calendar, SubmissionPolicy policy) =>
        OnDate(due, today, calendar, Window(policy.DaysBefore));

    /// <summary>A rectification item's deadline; due soon from the first T-N reminder to its owner on.</summary>
    public static StepDeadline ForRectification(DateOnly due, DateOnly today, WorkingCalendar calendar, RectificationPolicy policy) =>
        OnDate(due, today, calendar, Window(policy.DaysBefore));

    private static StepDeadline OnDate(DateOnly due, DateOnly today, WorkingCalendar calendar, int calendarDaysBefore) =>
        new(due, calendar.WorkingDaysBetween(today, due), due.DayNumber - today.DayNumber <= calendarDaysBefore);

    // No reminder before the day: amber only on the day itself.
    private static int Window(int[] daysBefore) => daysBefore.Where(d => d > 0).DefaultIfEmpty(0).Max();

    public DeadlineUrgency Urgency => WorkingDaysLeft < 0 ? DeadlineUrgency.Overdue
        : WithinDueSoonWindow || WorkingDaysLeft == 0 ? DeadlineUrgency.DueSoon
        : DeadlineUrgency.OnTime;

    /// <summary>"剩余 N 个工作日", "今日到期" or "逾期 N 个工作日".</summary>
    public string Text => WorkingDaysLeft switch
    {
        < 0 => $"逾期 {-WorkingDaysLeft} 个工作日",
        0 => "今日到期",
        _ => $"剩余 {WorkingDaysLeft} 个工作日",
    };
}
