using Hangfire;
using Microsoft.Extensions.Options;
using Workflow.Host.Jobs;

namespace Workflow.Host.Reminders;

/// <summary>
/// Asks for a reminder sweep right away (e.g. after a report entered a review step), so a new 待办 mail goes out in
/// seconds instead of at the next scheduled sweep. Losing such a request (restart) is harmless: the schedule catches up.
/// </summary>
public sealed class ReminderTrigger(IBackgroundJobClient jobs, IOptions<ReminderOptions> options)
{
    public void SweepSoon()
    {
        if (options.Value.JobsEnabled)
            jobs.Enqueue<ReminderJobs>(j => j.SweepAsync(CancellationToken.None));
    }
}
