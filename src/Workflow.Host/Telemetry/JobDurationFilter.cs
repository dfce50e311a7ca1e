using System.Diagnostics;
using Hangfire.Server;

namespace Workflow.Host.Telemetry;

/// <summary>A Hangfire server filter that times every job run and records it on <see cref="AppMetrics"/>.</summary>
internal sealed class JobDurationFilter(AppMetrics metrics) : IServerFilter
{
    private const string StartedKey = "ApprovalFlow.StartedAt";

    public void OnPerforming(PerformingContext context) => context.Items[StartedKey] = Stopwatch.GetTimestamp();

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.TryGetValue(StartedKey, out var started) && started is long at)
        {
            var job = context.BackgroundJob.Job;
            metrics.JobRan($"{job.Type.Name}.{job.Method.Name}", Stopwatch.GetElapsedTime(at), context.Exception is null || context.ExceptionHandled);
        }
    }
}
