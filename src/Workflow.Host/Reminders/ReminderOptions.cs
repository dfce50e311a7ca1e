using Microsoft.Extensions.Options;
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

    // Copies: binding sets the records' properties in place, which must never reach the shared ReminderPolicy.Default.
    public SubmissionPolicy Submission { get; set; } = ReminderPolicy.Default.Submission with { };
    public ReviewPolicy Review { get; set; } = ReminderPolicy.Default.Review with { };
    public RectificationPolicy Rectification { get; set; } = ReminderPolicy.Default.Rectification with { };

    public ReminderPolicy Policy => new(Submission, Review, Rectification);
}

/// <summary>
/// Checks the reminder settings on start: a policy the planner accepts (otherwise it fails only when an admin opens a cycle
/// with it) and a positive polling interval.
/// </summary>
public sealed class ReminderOptionsValidation : IValidateOptions<ReminderOptions>
{
    public ValidateOptionsResult Validate(string? name, ReminderOptions options)
    {
        var failures = new List<string>();
        if (options.Submission is null || options.Review is null || options.Rectification is null)
            failures.Add("Reminders: Submission, Review and Rectification must each be a policy.");
        else
            try
            {
                options.Policy.Validated();
            }
            catch (ArgumentException e)
            {
                failures.Add($"Reminders: the default reminder policy is refused: {e.Message}");
            }
        if (options.SchedulePollingInterval <= TimeSpan.Zero)
            failures.Add("Reminders:SchedulePollingInterval must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
