using Workflow.Activities.Calendar;
using Workflow.Activities.Reminders;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;

namespace Workflow.Activities.Cycles;

/// <summary>Where a unit of a cycle stands, as the 报送情况 page groups and counts them.</summary>
public enum UnitState
{
    NotStarted,
    Draft,
    InReview,
    Returned,
    Approved,
}

/// <summary>Chinese labels of <see cref="UnitState"/>.</summary>
public static class UnitStateLabels
{
    public static string Label(this UnitState state) => state switch
    {
        UnitState.NotStarted => "未起草",
        UnitState.Draft => "草稿",
        UnitState.InReview => "审核中",
        UnitState.Returned => "已退回",
        UnitState.Approved => "已通过",
        _ => state.ToString(),
    };
}

/// <summary>
/// One unit's standing in a cycle: its state, the step it waits at (a review step, or the drafters for a report not yet
/// submitted), the deadline counted as the reminders count it, and whether it may be urged (催办) today.
/// </summary>
public sealed record UnitStanding(UnitState State, RouteStep? Step, StepDeadline? Deadline, bool MayUrge)
{
    /// <summary>The urge "step" of a report not yet submitted (none, a draft, or returned): it waits for the unit's drafters.</summary>
    public const string SubmissionStep = "Submission";

    /// <summary>
    /// A unit with <paramref name="status"/> (null: no report) since <paramref name="since"/>. A review step is due its time
    /// limit in working days after the day it was entered (<see cref="StepDeadline.Of"/>); a report not submitted, or returned
    /// to the drafters, is due on the cycle's due date. A review step may always be urged; the drafters once the due date has come.
    /// </summary>
    public static UnitStanding Of(ReportStatus? status, DateTimeOffset since, RouteDefinition? route, DateOnly cycleDueDate, DateOnly today,
        WorkingCalendar calendar, ReminderPolicy? policy = null)
    {
        policy ??= ReminderPolicy.Default;
        if (status == ReportStatus.Approved) return new(UnitState.Approved, null, null, false);
        if (status is { } s && s.IsReview() && route?.StepFor(s) is { } step)
            return new(UnitState.InReview, step, StepDeadline.Of(since, step.TimeLimitWorkingDays, today, calendar, policy.Review), true);
        var state = status is null ? UnitState.NotStarted : status == ReportStatus.Returned ? UnitState.Returned : UnitState.Draft;
        return new(state, null, StepDeadline.ForSubmission(cycleDueDate, today, calendar, policy.Submission), today >= cycleDueDate);
    }

    /// <summary>The step a 催办 is about: the review step's status, or <see cref="SubmissionStep"/>.</summary>
    public string UrgeStep => Step?.Status.ToString() ?? SubmissionStep;

    public bool Overdue => Deadline?.Urgency == DeadlineUrgency.Overdue;
}
