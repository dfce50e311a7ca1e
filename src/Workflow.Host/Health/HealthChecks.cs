using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workflow.Host.Data;

namespace Workflow.Host.Health;

/// <summary>Readiness checks a reverse proxy or orchestrator polls before it sends a node traffic.</summary>
public static class HealthChecks
{
    /// <summary>The tag of the checks behind /health/ready; /health/live runs none (the process answers).</summary>
    public const string Ready = "ready";

    public static IServiceCollection AddApprovalFlowHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<JobStorageHealthCheck>("hangfire", tags: [Ready]);
        return services;
    }
}

/// <summary>The database answers a query.</summary>
internal sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
            return HealthCheckResult.Healthy($"{db.Database.ProviderName} answers.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}

/// <summary>The Hangfire job storage answers (on PostgreSQL, the schema "hangfire" of the app's database).</summary>
internal sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers().Count;
            return Task.FromResult(HealthCheckResult.Healthy($"{servers} Hangfire server(s) registered."));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The Hangfire job storage does not answer.", e));
        }
    }
}
