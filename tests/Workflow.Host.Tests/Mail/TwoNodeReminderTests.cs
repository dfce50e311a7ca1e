using Workflow.Activities.Reports;
using Workflow.Host.Mail;

namespace Workflow.Host.Tests.Mail;

/// <summary>
/// Two app nodes on one PostgreSQL database, each with its Hangfire server sweeping and dispatching every second and
/// each also swept by hand at the same moments: through a whole reminder cycle every mail reaches the SMTP server once.
/// </summary>
public sealed class TwoNodeReminderTests : IAsyncLifetime
{
    private sealed class Node(Node? first) : MailHostFixtureBase(first?.Smtp)
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

        public void JoinDatabaseOf(Node other) => PostgresConnectionString = other.PostgresConnectionString;

        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = base.Settings;
                settings["Reminders:JobsEnabled"] = "true";
                settings["Reminders:SchedulePollingInterval"] = "00:00:01";
                settings["Reminders:SweepCron"] = "* * * * * *";
                settings["Reminders:DispatchCron"] = "* * * * * *";
                settings["Reminders:DigestCron"] = "0 0 1 1 *";
                return settings;
            }
        }
    }

    private readonly Node _a = new(null);
    private Node _b = null!;

    public async Task InitializeAsync()
    {
        await _a.InitializeAsync();
        _b = new Node(_a);
        _b.JoinDatabaseOf(_a);
        await _b.InitializeAsync();
        await Task.WhenAll(_a.Host.StartAsync(), _b.Host.StartAsync());
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_a.Host.StopAsync(), _b.Host.StopAsync());
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    private void At(string chinaLocal)
    {
        _a.At(chinaLocal);
        _b.At(chinaLocal);
    }

    [Fact]
    public async Task Both_nodes_sweeping_a_whole_reminder_cycle_send_each_mail_exactly_once()
    {
        var kexie = await _a.UnitIdAsync("市科协");
        var shengtai = await _a.UnitIdAsync("生态环境局");
        At("2026-03-02 09:00");
        await _a.OpenCycleAsync("2025年度", 2025, new DateOnly(2026, 3, 4), kexie, shengtai);
        var drafter = await _a.UserAsync("drafter.kexie");
        var report = await _a.ReportsAsync(s => s.CreateAsync(drafter, "2025年度报告", 2025, "正文。"));

        foreach (var day in new[] { "2026-03-02 09:00", "2026-03-03 09:00", "2026-03-04 09:00", "2026-03-05 09:00", "2026-03-09 09:00", "2026-03-16 09:00" })
        {
            At(day);
            if (day == "2026-03-03 09:00") await _a.ReportsAsync(s => s.SubmitAsync(drafter, report.Id));
            if (day == "2026-03-09 09:00")
            {
                var secretary = await _b.UserAsync("secretary.kexie");
                await _b.ReportsAsync(s => s.ApproveAsync(secretary, report.Id, null));
            }
            await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { _a, _b })
                .Select(node => Task.Run(node.SweepAndDispatchAsync)));
            await SettledAsync();
        }

        var received = _a.Smtp.Received().Select(m => m.Headers["X-ApprovalFlow-Key"]).ToList();
        var outbox = await _a.OutboxAsync();
        Assert.Equal(received.Count, received.Distinct().Count());
        Assert.Equal(outbox.Where(m => m.Status == OutboxStatus.Sent).Select(m => m.Key).Order(), received.Order());
        Assert.DoesNotContain(outbox, m => m.Status is OutboxStatus.Pending or OutboxStatus.Failed);
        // Submission reminders for both units, escalations, and the review step's new-task and overdue mails.
        Assert.Contains(received, k => k!.StartsWith("mail:submission:", StringComparison.Ordinal));
        Assert.Contains(received, k => k!.StartsWith("mail:review:", StringComparison.Ordinal));
        Assert.True(received.Count >= 6, $"Only {received.Count} mails went out: {string.Join(", ", received)}");
    }

    /// <summary>Waits until nothing is pending and the SMTP server holds every mail marked sent.</summary>
    private async Task SettledAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var outbox = await _a.OutboxAsync();
            if (outbox.All(m => m.Status != OutboxStatus.Pending)
                && _a.Smtp.Received().Count == outbox.Count(m => m.Status == OutboxStatus.Sent))
                return;
            await Task.Delay(200);
        }
        throw new TimeoutException("The outbox did not settle within 30 s.");
    }
}
