using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Data;
using Workflow.Host.Mail;

namespace Workflow.Host.Telemetry;

/// <summary>
/// The app's own instruments on the meter "ApprovalFlow": how long each background job ran, and how many mails wait in the
/// outbox. They cost nothing until an exporter (Prometheus, OTLP) listens.
/// </summary>
public sealed class AppMetrics : IDisposable
{
    public const string MeterName = "ApprovalFlow";

    /// <summary>How long a counted backlog is reused: a scrape must not become a query each time several scrapers ask.</summary>
    public static readonly TimeSpan BacklogCacheFor = TimeSpan.FromSeconds(5);

    private readonly Meter _meter;
    private readonly Histogram<double> _jobDuration;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly Lock _backlogLock = new();
    private (long Count, long At)? _backlog;

    public AppMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider time)
    {
        _scopes = scopes;
        _time = time;
        _meter = meters.Create(MeterName);
        _jobDuration = _meter.CreateHistogram<double>("approvalflow.job.duration", "s",
            "Run time of a background job (reminder sweep, outbox dispatch, digest), by job and outcome.");
        _meter.CreateObservableGauge("approvalflow.outbox.backlog", ObserveBacklog, "{message}",
            "Mails in the outbox still waiting to be sent (status Pending).");
    }

    /// <summary>Records one run of a background job.</summary>
    public void JobRan(string job, TimeSpan elapsed, bool succeeded) =>
        _jobDuration.Record(elapsed.TotalSeconds, new TagList { { "job", job }, { "outcome", succeeded ? "succeeded" : "failed" } });

    private IEnumerable<Measurement<long>> ObserveBacklog()
    {
        lock (_backlogLock)
        {
            var now = _time.GetTimestamp();
            if (_backlog is not { } cached || _time.GetElapsedTime(cached.At, now) >= BacklogCacheFor)
            {
                using var scope = _scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                // The gauge's callback is synchronous; the query is one indexed count, at most once per BacklogCacheFor.
                _backlog = (db.Outbox.Count(m => m.Status == OutboxStatus.Pending), now);
            }
            return [new Measurement<long>(_backlog.Value.Count)];
        }
    }

    public void Dispose() => _meter.Dispose();
}
