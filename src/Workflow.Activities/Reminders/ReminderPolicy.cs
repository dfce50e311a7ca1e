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

    /// <summary>Checks the numbers make sense; returns this policy or throws with a message for the admin.</summary>
    public ReminderPolicy Validated()
    {
        static void Check(bool ok, string message)
        {
            if (!ok) throw new ArgumentException(message);
        }

        Check(Submission.DaysBefore.All(d => d is > 0 and <= 60), "报送提前提醒天数应在1至60之间。");
        Check(Submission.OverdueEveryWorkingDays is >= 0 and <= 30, "报送逾期提醒间隔应在0至30个工作日之间（0为不提醒）。");
        Check(Submission.EscalateAfterWorkingDaysOverdue is >= 0 and <= 60, "报送逾期抄送天数应在0至60个工作日之间（0为不抄送）。");
        Check(Review.WorkingDaysBefore.All(d => d is > 0 and <= 30), "审核提前提醒天数应在1至30个工作日之间。");
        Check(Review.OverdueEveryWorkingDays is >= 0 and <= 30, "审核逾期提醒间隔应在0至30个工作日之间（0为不提醒）。");
        Check(Review.EscalateAfterWorkingDaysOverdue is >= 0 and <= 60, "审核逾期抄送天数应在0至60个工作日之间（0为不抄送）。");
        Check(Rectification.DaysBefore.All(d => d is > 0 and <= 90), "整改提前提醒天数应在1至90之间。");
        Check(Rectification.OverdueEveryDays is >= 0 and <= 90, "整改逾期提醒间隔应在0至90天之间（0为不提醒）。");
        return this;
    }
}
