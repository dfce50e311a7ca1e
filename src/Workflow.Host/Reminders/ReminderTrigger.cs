using Hangfire;
using Microsoft.Extensions.Options;

namespace Workflow.Host.Reminders;

/// <summary>
/// Asks for a reminder sweep right away (e.g. after a report entered a review step), so a new 待办 mail goes out in
/// seconds instead of at the next scheduled sweep. Losing such a request (restart) is harmless: the schedule catches up.
/// </summary>
public sealed class ReminderTrigger(IBackgroundJobClient jobs, IOptions<ReminderOptions> options, SweepRequests requests)
{
    public void SweepSoon()
    {
        // A sweep over a large ledger costs a second or more: a burst of submissions shares one sweep, scheduled a moment
        // later so that it starts after every change it is asked to cover.
        if (options.Value.JobsEnabled && requests.TryClaim())
            jobs.Schedule<ReminderJobs>(j => j.SweepAsync(CancellationToken.None), SweepRequests.Window);
    }
}

/// <summary>
/// Per node: at most one requested sweep per <see cref="Window"/>. A request within the window of the last one needs no
/// sweep of its own: that sweep was scheduled to start a full window after it was asked for, so after this change too.
/// Real (monotonic) time on purpose: it paces Hangfire's job schedule, not a business deadline.
/// </summary>
public sealed class SweepRequests(Func<long>? milliseconds = null)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    private readonly Func<long> _now = milliseconds ?? (() => Environment.TickCount64);
    private long _last = long.MinValue;

    /// <summary>True when this request must schedule a sweep; false when one already scheduled covers it.</summary>
    public bool TryClaim()
    {
        var now = _now();
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            if (last != long.MinValue && now - last < (long)Window.TotalMilliseconds) return false;
            if (Interlocked.CompareExchange(ref _last, now, last) == last) return true;
        }
    }
}
