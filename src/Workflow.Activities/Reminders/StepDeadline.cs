using Workflow.Activities.Calendar;

namespace Workflow.Activities.Reminders;

/// <summary>How close a deadline is: overdue (red), due within one working day (amber), or on time.</summary>
public enum DeadlineUrgency
{
    OnTime,
    DueSoon,
    Overdue,
}

/// <summary>
/// A review step's deadline as people read it: the due date the reminders use (<see cref="ReminderPlanner.StepDueDate"/>) and the
/// working days left (positive) or overdue (negative) today.
/// </summary>
public sealed record StepDeadline(DateOnly DueDate, int WorkingDaysLeft)
{
    /// <summary>The deadline of a step entered at <paramref name="enteredAt"/> (its China day counts, as in the reminder sweep).</summary>
    public static StepDeadline Of(DateTimeOffset enteredAt, int limitWorkingDays, DateOnly today, WorkingCalendar calendar)
    {
        var due = ReminderPlanner.StepDueDate(ChinaTime.DateOf(enteredAt), limitWorkingDays, calendar);
        return new StepDeadline(due, calendar.WorkingDaysBetween(today, due));
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

    public DeadlineUrgency Urgency => WorkingDaysLeft switch
    {
        < 0 => DeadlineUrgency.Overdue,
        <= 1 => DeadlineUrgency.DueSoon,
        _ => DeadlineUrgency.OnTime,
    };

    /// <summary>"剩余 N 个工作日", "今日到期" or "逾期 N 个工作日".</summary>
    public string Text => WorkingDaysLeft switch
    {
        < 0 => $"逾期 {-WorkingDaysLeft} 个工作日",
        0 => "今日到期",
        _ => $"剩余 {WorkingDaysLeft} 个工作日",
    };
}
