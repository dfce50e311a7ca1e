namespace Workflow.Activities.Reminders;

/// <summary>What a reminder is about; decides how the dispatcher checks that it still matters.</summary>
public enum ReminderSubject
{
    /// <summary>A report waiting at a review step (id = report, state = status@ticks entered).</summary>
    ReviewStep,

    /// <summary>A unit that has not submitted its report of a cycle (id = cycle, state = unit id).</summary>
    Submission,

    /// <summary>An open rectification item with a deadline (id = item, state = deadline yyyy-MM-dd).</summary>
    Rectification,
}
