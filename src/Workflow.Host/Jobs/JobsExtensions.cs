using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Activities.Calendar;
using Workflow.Host.Calendar;
using Workflow.Host.Mail;
using Workflow.Host.Reminders;

namespace Workflow.Host.Jobs;

/// <summary>Wiring of reminders, mail and the Hangfire jobs that drive them.</summary>
public static class JobsExtensions
{
    public static IHostApplicationBuilder AddApprovalFlowJobs(this IHostApplicationBuilder builder, DatabaseProvider provider,
        string? connectionString)
    {
        var services = builder.Services;
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReminderOptions>, ReminderOptionsValidation>();
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<CalendarStore>();
        services.AddScoped<ReminderRelevance>();
        services.AddScoped<IOutboxGuard>(sp => sp.GetRequiredService<ReminderRelevance>());
        services.AddScoped<ReminderSweep>();
        services.AddScoped<DigestJob>();
        services.AddScoped<OutboxDispatcher>();
        services.AddSingleton<OutboxDispatcher.Gate>();
        services.AddScoped<ReminderJobs>();
        services.AddScoped<ReminderTrigger>();
        services.AddSingleton<SweepRequests>(_ => new SweepRequests());
        services.AddSingleton<SweepWatermark>();
        var contentRoot = builder.Environment.ContentRootPath;
        services.AddScoped<IMailTransport>(sp =>
        {
            var mail = sp.GetRequiredService<IOptions<MailOptions>>();
            return string.IsNullOrWhiteSpace(mail.Value.Smtp.Host)
                ? new PickupDirectoryMailTransport(mail.Value.PickupPath(sp.GetRequiredService<IOptions<AppOptions>>().Value, contentRoot))
                : new SmtpMailTransport(mail);
        });

        // Embedded default: in-memory job storage. Nothing is lost on restart because the jobs derive their work from our tables.
        // Scale-out: the nodes share Hangfire.PostgreSql in the app's database (schema "hangfire"), so a recurring job runs on
        // one node at a time and DisableConcurrentExecution takes a lock every node sees.
        // Storage, activator and log provider are this host's own, not Hangfire's process-wide statics. The PostgreSQL storage
        // is built on first use, after the migrations have created the database.
        services.AddSingleton<JobStorage>(_ => provider == DatabaseProvider.PostgreSql
            ? new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString!, PostgresJobOptions), PostgresJobOptions)
            : new InMemoryStorage(new InMemoryStorageOptions()));
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new ResilientLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .UseStorage(sp.GetRequiredService<JobStorage>())
            .UseFilter(new Telemetry.JobDurationFilter(sp.GetRequiredService<Telemetry.AppMetrics>())));
        var reminders = builder.Configuration.GetSection(ReminderOptions.Section).Get<ReminderOptions>() ?? new ReminderOptions();
        if (reminders.JobsEnabled)
            services.AddHangfireServer((sp, o) =>
            {
                o.Activator = new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
                o.SchedulePollingInterval = sp.GetRequiredService<IOptions<ReminderOptions>>().Value.SchedulePollingInterval;
                o.WorkerCount = 2;
            });
        return builder;
    }

    private static PostgreSqlStorageOptions PostgresJobOptions => new()
    {
        SchemaName = "hangfire",
        PrepareSchemaIfNecessary = true,
        QueuePollInterval = TimeSpan.FromSeconds(1),
        DistributedLockTimeout = TimeSpan.FromMinutes(5),
    };

    /// <summary>Registers (or updates) the recurring jobs with their configured schedules.</summary>
    public static void ScheduleRecurringJobs(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ReminderOptions>>().Value;
        if (!options.JobsEnabled) return;
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate<ReminderJobs>(ReminderJobs.SweepJobId, j => j.SweepAsync(CancellationToken.None), options.SweepCron);
        jobs.AddOrUpdate<ReminderJobs>(ReminderJobs.DispatchJobId, j => j.DispatchAsync(CancellationToken.None), options.DispatchCron);
        jobs.AddOrUpdate<ReminderJobs>(ReminderJobs.DigestJobId, j => j.DigestAsync(CancellationToken.None), options.DigestCron,
            new RecurringJobOptions { TimeZone = ChinaTime.Zone });
        jobs.AddOrUpdate<Security.AuditLogPurge>(Security.AuditLogPurge.JobId, j => j.PurgeAsync(CancellationToken.None),
            services.GetRequiredService<IOptions<Security.AuditOptions>>().Value.PurgeCron, new RecurringJobOptions { TimeZone = ChinaTime.Zone });
    }
}
