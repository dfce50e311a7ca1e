using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Mail;
using Workflow.Host.Reminders;

namespace Workflow.Host.Tests.Mail;

/// <summary>The outbox against a real SMTP server that goes down, refuses an address, or loses a "mark sent".</summary>
public abstract class OutboxDeliveryTestsCases(MailHostFixtureBase host) : IAsyncLifetime
{
    private readonly MailHostFixtureBase _host = host;

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private async Task<Guid> OverdueCycleAsync()
    {
        // Two agencies overdue: drafters of 市科协 and 生态环境局 each get a reminder.
        _host.At("2026-03-02 09:00");
        var kexie = await _host.UnitIdAsync("市科协");
        var shengtai = await _host.UnitIdAsync("生态环境局");
        await _host.OpenCycleAsync("2025年度", 2025, new DateOnly(2026, 3, 2), kexie, shengtai);
        return kexie;
    }

    [Fact]
    public async Task Mails_wait_while_the_server_is_down_and_each_goes_out_exactly_once_when_it_is_back()
    {
        await OverdueCycleAsync();
        _host.Smtp.Stop();
        Assert.Equal(0, await _host.SweepAndDispatchAsync());
        var pending = await _host.OutboxAsync();
        Assert.Equal(2, pending.Count);
        Assert.All(pending, m =>
        {
            Assert.Equal(OutboxStatus.Pending, m.Status);
            Assert.Equal(1, m.Attempts);
            Assert.Contains("SMTP", m.LastError);
        });

        // Not before the backoff has passed.
        _host.Smtp.Start();
        Assert.Equal(0, await _host.DispatchAsync());
        _host.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(2, await _host.DispatchAsync());
        await _host.SweepAndDispatchAsync();
        await _host.DispatchAsync();

        var received = _host.Smtp.Received();
        Assert.Equal(2, received.Count);
        Assert.Equal(new[] { "drafter.kexie@example.gov.cn", "drafter.shengtai@example.gov.cn" },
            received.Select(m => m.To.Mailboxes.Single().Address).Order().ToArray());
        Assert.All(await _host.OutboxAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task A_permanent_550_fails_that_mail_only_and_the_others_are_delivered()
    {
        await OverdueCycleAsync();
        await _host.WithAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var drafter = (await users.FindByNameAsync("drafter.kexie"))!;
            drafter.Email = "reject.kexie@example.gov.cn";
            return await users.UpdateAsync(drafter);
        });

        await _host.SweepAndDispatchAsync();

        var rows = await _host.OutboxAsync();
        var failed = Assert.Single(rows, m => m.Status == OutboxStatus.Failed);
        Assert.Equal("reject.kexie@example.gov.cn", failed.ToAddress);
        Assert.Contains("550", failed.LastError);
        Assert.Single(rows, m => m.Status == OutboxStatus.Sent);
        Assert.Equal("drafter.shengtai@example.gov.cn", Assert.Single(_host.Smtp.Received()).To.Mailboxes.Single().Address);

        _host.Clock.Advance(TimeSpan.FromHours(2));
        await _host.DispatchAsync();
        Assert.Single(_host.Smtp.Received());
    }

    [Fact]
    public async Task A_crash_between_send_and_mark_sent_repeats_at_most_that_one_mail()
    {
        await OverdueCycleAsync();
        await _host.WithAsync(sp => sp.GetRequiredService<ReminderSweep>().SweepAsync());

        // The "process" hands the first mail to the server and dies before recording it.
        await _host.WithAsync<int>(async sp =>
        {
            var crashing = new CrashAfterSend(sp.GetRequiredService<IMailTransport>());
            var dispatcher = new OutboxDispatcher(sp.GetRequiredService<AppDbContext>(), crashing, sp.GetRequiredService<IOutboxGuard>(),
                _host.Clock, sp.GetRequiredService<IOptions<MailOptions>>(), sp.GetRequiredService<OutboxDispatcher.Gate>(),
                NullLogger<OutboxDispatcher>.Instance);
            await Assert.ThrowsAsync<ProcessKilled>(() => dispatcher.DispatchAsync());
            return 0;
        });

        // After the "restart" a fresh dispatcher finishes the job.
        await _host.DispatchAsync();
        await _host.DispatchAsync();

        var received = _host.Smtp.Received();
        Assert.True(received.Count == 3, string.Join("\n", (await _host.OutboxAsync()).Select(m => $"{m.Id} {m.Status} {m.Attempts} {m.LastError}")));
        var copies = received.GroupBy(m => m.MessageId).Select(g => g.Count()).OrderBy(c => c).ToArray();
        Assert.Equal(new[] { 1, 2 }, copies);
        Assert.All(await _host.OutboxAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    private sealed class ProcessKilled : Exception;

    private sealed class CrashAfterSend(IMailTransport inner) : IMailTransport
    {
        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            await inner.SendAsync(message, ct);
            throw new ProcessKilled();
        }
    }
}

/// <summary>The cases on SQLite, the embedded default.</summary>
public sealed class OutboxDeliveryTests() : OutboxDeliveryTestsCases(new MailHostFixture());

/// <summary>The same cases on PostgreSQL.</summary>
public sealed class OutboxDeliveryTestsOnPostgreSql() : OutboxDeliveryTestsCases(new PostgresMailHostFixture());
