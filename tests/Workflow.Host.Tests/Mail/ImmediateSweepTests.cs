using Microsoft.Extensions.Hosting;
using Workflow.Activities.Reports;

namespace Workflow.Host.Tests.Mail;

/// <summary>With the Hangfire server running, a report entering a review step mails its reviewer within seconds.</summary>
public abstract class ImmediateSweepTestsCases(DatabaseProvider provider) : IAsyncLifetime
{
    private sealed class RunningJobsHost(DatabaseProvider provider) : MailHostFixtureBase
    {
        protected override DatabaseProvider Provider => provider;

        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = base.Settings;
                settings["Reminders:JobsEnabled"] = "true";
                settings["Reminders:SchedulePollingInterval"] = "00:00:01";
                // Only the triggered sweep may send: the scheduled ones are pushed far away.
                settings["Reminders:SweepCron"] = "0 0 1 1 *";
                settings["Reminders:DispatchCron"] = "0 0 1 1 *";
                settings["Reminders:DigestCron"] = "0 0 1 1 *";
                return settings;
            }
        }
    }

    private readonly RunningJobsHost _host = new(provider);

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        await _host.Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.Host.StopAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Submitting_a_report_sends_the_new_task_mail_without_waiting_for_the_schedule()
    {
        _host.At("2026-03-02 09:00");
        var drafter = await _host.UserAsync("drafter.kexie");
        var report = await _host.ReportsAsync(s => s.CreateAsync(drafter, "2025年度报告", 2025, "正文。"));
        await _host.ReportsAsync(s => s.SubmitAsync(drafter, report.Id));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_host.Smtp.Received().Count == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(200);

        var mail = Assert.Single(_host.Smtp.Received());
        Assert.Equal("secretary.kexie@example.gov.cn", mail.To.Mailboxes.Single().Address);
        Assert.StartsWith("【待办】", mail.Subject);
    }
}

/// <summary>The cases on SQLite, the embedded default (Hangfire in memory).</summary>
public sealed class ImmediateSweepTests() : ImmediateSweepTestsCases(DatabaseProvider.Sqlite);

/// <summary>The same cases on PostgreSQL (Hangfire storage in the database).</summary>
public sealed class ImmediateSweepTestsOnPostgreSql() : ImmediateSweepTestsCases(DatabaseProvider.PostgreSql);
