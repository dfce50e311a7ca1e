using Workflow.Activities.Reminders;

namespace Workflow.Host.Reminders;

/// <summary>Settings under "Reminders": job schedules and the reminder policy.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Run the Hangfire server and the recurring jobs in this process.</summary>
    public bool JobsEnabled { get; set; } = true;

    /// <summary>Cron of the reminder sweep (UTC).</summary>
    public string SweepCron { get; set; } = "*/5 * * * *";

    /// <summary>Cron of the outbox dispatcher (UTC).</summary>
    public string DispatchCron { get; set; } = "* * * * *";

    /// <summary>Cron of the daily digest in China Standard Time; the job skips days that are not working days.</summary>
    public string DigestCron { get; set; } = "30 8 * * *";

    /// <summary>How often the Hangfire server looks for scheduled work.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    public SubmissionPolicy Submission { get; set; } = ReminderPolicy.Default.Submission;
    public ReviewPolicy Review { get; set; } = ReminderPolicy.Default.Review;
    public RectificationPolicy Rectification { get; set; } = ReminderPolicy.Default.Rectification;

    public ReminderPolicy Policy => new(Submission, Review, Rectification);
}
