namespace Workflow.Activities.Reminders;

/// <summary>When to remind about a report that has not been submitted by the cycle's due date.</summary>
/// <param name="DaysBefore">Calendar days before the due date (T-7, T-3, T-1).</param>
/// <param name="OnDueDay">Remind on the due date itself.</param>
/// <param name="OverdueEveryWorkingDays">While overdue, remind every N working days.</param>
/// <param name="EscalateAfterWorkingDaysOverdue">From this many working days overdue, also tell the escalation audience.</param>
public sealed record SubmissionPolicy(int[] DaysBefore, bool OnDueDay, int OverdueEveryWorkingDays, int EscalateAfterWorkingDaysOverdue);

/// <summary>When to remind a reviewer about a report waiting at his step.</summary>
public sealed record ReviewPolicy(bool OnEntry, int[] WorkingDaysBefore, bool OnDueDay, int OverdueEveryWorkingDays,
    int EscalateAfterWorkingDaysOverdue);

/// <summary>When to remind the owner (and, when overdue, the responsible leader) of a rectification item.</summary>
public sealed record RectificationPolicy(int[] DaysBefore, int OverdueEveryDays);

/// <summary>The whole reminder policy; configurable, with the defaults users asked for.</summary>
public sealed record ReminderPolicy(SubmissionPolicy Submission, ReviewPolicy Review, RectificationPolicy Rectification)
{
    public static ReminderPolicy Default { get; } = new(
        new SubmissionPolicy([7, 3, 1], OnDueDay: true, OverdueEveryWorkingDays: 2, EscalateAfterWorkingDaysOverdue: 5),
        new ReviewPolicy(OnEntry: true, WorkingDaysBefore: [1], OnDueDay: true, OverdueEveryWorkingDays: 1, EscalateAfterWorkingDaysOverdue: 3),
        new RectificationPolicy([7, 1], OverdueEveryDays: 7));
}
