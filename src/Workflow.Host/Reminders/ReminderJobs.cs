using Hangfire;
using Workflow.Host.Mail;

namespace Workflow.Host.Reminders;

/// <summary>The recurring Hangfire jobs. Each is idempotent and derived from our own tables, so a rerun or a second node is harmless.</summary>
public sealed class ReminderJobs(ReminderSweep sweep, OutboxDispatcher dispatcher, DigestJob digest)
{
    public const string SweepJobId = "reminder-sweep";
    public const string DispatchJobId = "outbox-dispatch";
    public const string DigestJobId = "daily-digest";

    [DisableConcurrentExecution(300), AutomaticRetry(Attempts = 0)]
    public async Task SweepAsync(CancellationToken ct)
    {
        if (await sweep.SweepAsync(ct) > 0)
            await dispatcher.DispatchAsync(ct);
    }

    [DisableConcurrentExecution(300), AutomaticRetry(Attempts = 0)]
    public Task DispatchAsync(CancellationToken ct) => dispatcher.DispatchAsync(ct);

    [DisableConcurrentExecution(300), AutomaticRetry(Attempts = 0)]
    public async Task DigestAsync(CancellationToken ct)
    {
        if (await digest.SendDigestsAsync(ct) > 0)
            await dispatcher.DispatchAsync(ct);
    }
}
