using Workflow.Activities.Calendar;

namespace Workflow.Activities.Reminders;

/// <summary>What a reminder says.</summary>
public enum ReminderKind
{
    /// <summary>A new task arrived (新待办).</summary>
    NewTask,

    /// <summary>The deadline is near.</summary>
    DueSoon,

    /// <summary>The deadline is today.</summary>
    DueToday,

    /// <summary>The deadline has passed (逾期).</summary>
    Overdue,
}

/// <summary>Who a reminder is for: the person who must act, or the one above him (escalation).</summary>
public enum ReminderAudience
{
    Responsible,
    Escalation,
}

/// <summary>
/// One reminder that is due: <see cref="Slot"/> names the scheduled point, so the same point is never sent twice
/// however often the sweep runs.
/// </summary>
public sealed record Reminder(ReminderKind Kind, ReminderAudience Audience, DateOnly ScheduledOn, DateOnly DueDate,
    int CalendarDaysLeft, int WorkingDaysOverdue)
{
    public string Slot => $"{Kind}:{Audience}:{ScheduledOn:yyyyMMdd}";
}

/// <summary>
/// Pure decisions: given a deadline, today and the calendar, which reminders are due now. For each audience only the
/// latest scheduled point on or before today is returned; a missed point is caught up once, never repeated.
/// </summary>
public static class ReminderPlanner
{
    public static IReadOnlyList<Reminder> ForSubmission(DateOnly due, DateOnly today, WorkingCalendar calendar, SubmissionPolicy policy)
    {
        var points = new List<(ReminderKind, DateOnly)>();
        points.AddRange(policy.DaysBefore.Where(d => d > 0).Select(d => (ReminderKind.DueSoon, due.AddDays(-d))));
        if (policy.OnDueDay) points.Add((ReminderKind.DueToday, due));
        points.AddRange(LatestOverduePoint(due, today, calendar, policy.OverdueEveryWorkingDays, 0));
        var escalation = Escalation(due, today, calendar, policy.OverdueEveryWorkingDays, policy.EscalateAfterWorkingDaysOverdue);
        return Pick(due, today, calendar, points, escalation);
    }

    /// <summary>Reminders for a review step entered on <paramref name="entered"/> with a limit in working days.</summary>
    public static IReadOnlyList<Reminder> ForReviewStep(DateOnly entered, int limitWorkingDays, DateOnly today, WorkingCalendar calendar,
        ReviewPolicy policy)
    {
        var due = StepDueDate(entered, limitWorkingDays, calendar);
        var points = new List<(ReminderKind, DateOnly)>();
        if (policy.OnEntry) points.Add((ReminderKind.NewTask, entered));
        points.AddRange(policy.WorkingDaysBefore.Where(d => d > 0).Select(d => (ReminderKind.DueSoon, calendar.AddWorkingDays(due, -d)))
            .Where(p => p.Item2 > entered));
        if (policy.OnDueDay) points.Add((ReminderKind.DueToday, due));
        points.AddRange(LatestOverduePoint(due, today, calendar, policy.OverdueEveryWorkingDays, 0));
        var escalation = Escalation(due, today, calendar, policy.OverdueEveryWorkingDays, policy.EscalateAfterWorkingDaysOverdue);
        return Pick(due, today, calendar, points, escalation);
    }

    public static IReadOnlyList<Reminder> ForRectification(DateOnly due, DateOnly today, WorkingCalendar calendar, RectificationPolicy policy)
    {
        var points = new List<(ReminderKind, DateOnly)>();
        points.AddRange(policy.DaysBefore.Where(d => d > 0).Select(d => (ReminderKind.DueSoon, due.AddDays(-d))));
        // Overdue points fall on due+1, due+1+every, …; only the latest one on or before today can be picked.
        List<(ReminderKind, DateOnly)> overdue = [];
        if (policy.OverdueEveryDays > 0 && today > due)
            overdue.Add((ReminderKind.Overdue, due.AddDays(1 + (today.DayNumber - due.DayNumber - 1) / policy.OverdueEveryDays * policy.OverdueEveryDays)));
        points.AddRange(overdue);
        // Overdue items go to the owner and to the responsible leader alike.
        return Pick(due, today, calendar, points, overdue);
    }

    /// <summary>The due date of a step: its limit in working days counted from the day it was entered.</summary>
    public static DateOnly StepDueDate(DateOnly entered, int limitWorkingDays, WorkingCalendar calendar) =>
        calendar.AddWorkingDays(entered, limitWorkingDays);

    private static IEnumerable<(ReminderKind, DateOnly)> LatestOverduePoint(DateOnly due, DateOnly today, WorkingCalendar calendar,
        int everyWorkingDays, int startAfterWorkingDays)
    {
        // The points are first, first+every, … working days after the due date; only the latest one on or before today can be picked.
        if (everyWorkingDays <= 0) yield break;
        var overdue = calendar.WorkingDaysBetween(due, today);
        var first = startAfterWorkingDays > 0 ? startAfterWorkingDays : everyWorkingDays;
        if (overdue < first) yield break;
        yield return (ReminderKind.Overdue, calendar.AddWorkingDays(due, first + (overdue - first) / everyWorkingDays * everyWorkingDays));
    }

    /// <summary>Escalation from the given working day overdue on, at the overdue cadence (once, when overdue reminders are off); 0 = never.</summary>
    private static IEnumerable<(ReminderKind, DateOnly)> Escalation(DateOnly due, DateOnly today, WorkingCalendar calendar,
        int everyWorkingDays, int afterWorkingDays)
    {
        if (afterWorkingDays <= 0) return [];
        if (everyWorkingDays > 0) return LatestOverduePoint(due, today, calendar, everyWorkingDays, afterWorkingDays);
        return calendar.WorkingDaysBetween(due, today) >= afterWorkingDays
            ? [(ReminderKind.Overdue, calendar.AddWorkingDays(due, afterWorkingDays))]
            : [];
    }

    private static IReadOnlyList<Reminder> Pick(DateOnly due, DateOnly today, WorkingCalendar calendar,
        IEnumerable<(ReminderKind Kind, DateOnly On)> responsible, IEnumerable<(ReminderKind Kind, DateOnly On)> escalation)
    {
        var result = new List<Reminder>(2);
        Add(responsible, ReminderAudience.Responsible);
        Add(escalation, ReminderAudience.Escalation);
        return result;

        void Add(IEnumerable<(ReminderKind Kind, DateOnly On)> points, ReminderAudience audience)
        {
            // The latest point on or before today; on the same day the later kind (e.g. overdue over due-today) wins.
            (ReminderKind Kind, DateOnly On) latest = default;
            foreach (var p in points)
                if (p.On <= today && (latest == default || p.On > latest.On || (p.On == latest.On && p.Kind > latest.Kind)))
                    latest = p;
            if (latest == default) return;
            result.Add(new Reminder(latest.Kind, audience, latest.On, due, due.DayNumber - today.DayNumber,
                Math.Max(0, calendar.WorkingDaysBetween(due, today))));
        }
    }
}
