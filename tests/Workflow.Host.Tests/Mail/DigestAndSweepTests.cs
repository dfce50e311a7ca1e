using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Reminders;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Mail;
using Workflow.Host.Reminders;

namespace Workflow.Host.Tests.Mail;

/// <summary>Digest users get one mail a working morning; sweeps racing each other record every reminder once.</summary>
public abstract class DigestAndSweepTestsCases(MailHostFixtureBase host) : IAsyncLifetime
{
    private readonly MailHostFixtureBase _host = host;

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private Task UseDigestAsync(string userName) => _host.WithAsync(async sp =>
    {
        var user = (await sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName))!;
        await sp.GetRequiredService<Workflow.Host.Messages.UserMessages>().SetPreferencesAsync(user.Id,
            Workflow.Activities.Messages.MessageKinds.Reminders.ToDictionary(k => k, _ => Workflow.Activities.Messages.MessageDelivery.Digest),
            CancellationToken.None);
        return user;
    });

    private Task<int> DigestAsync() => _host.WithAsync(sp => sp.GetRequiredService<DigestJob>().SendDigestsAsync());

    [Fact]
    public async Task A_digest_user_gets_one_mail_per_working_morning_listing_only_what_still_waits()
    {
        await UseDigestAsync("secretary.kexie");
        var kexie = await _host.UnitIdAsync("市科协");
        _host.At("2026-03-02 09:00");
        // Two tasks for the secretary: an overdue submission escalation and a report waiting at her step.
        await _host.OpenCycleAsync("2025年度", 2025, new DateOnly(2026, 2, 20), kexie);
        var drafter = await _host.UserAsync("drafter.kexie");
        var other = await _host.ReportsAsync(s => s.CreateAsync(drafter, "2024年度报告（补报）", 2024, "正文。"));
        await _host.ReportsAsync(s => s.SubmitAsync(drafter, other.Id));
        await _host.SweepAndDispatchAsync();
        Assert.DoesNotContain(_host.Smtp.Received(), m => m.To.Mailboxes.Single().Address.StartsWith("secretary"));

        _host.At("2026-03-03 08:30");
        Assert.Equal(1, await DigestAsync());
        Assert.Equal(0, await DigestAsync());
        await _host.DispatchAsync();
        var digest = Assert.Single(_host.Smtp.Received(), m => m.To.Mailboxes.Single().Address == "secretary.kexie@example.gov.cn");
        Assert.StartsWith("【逾期】每日待办汇总：2项待办，其中1项已逾期", digest.Subject);
        Assert.Contains("党组书记审核", digest.TextBody);
        Assert.Contains("主体责任报告报送", digest.TextBody);

        // The secretary decides; the next morning's digest has nothing about that report.
        var secretary = await _host.UserAsync("secretary.kexie");
        await _host.ReportsAsync(s => s.ApproveAsync(secretary, other.Id, null));
        _host.At("2026-03-04 08:30");
        await _host.SweepAndDispatchAsync();
        await DigestAsync();
        await _host.DispatchAsync();
        var second = _host.Smtp.Received().Where(m => m.To.Mailboxes.Single().Address == "secretary.kexie@example.gov.cn")
            .OrderBy(m => m.Date).Last();
        Assert.DoesNotContain("党组书记审核", second.TextBody);
        Assert.Contains("主体责任报告报送", second.TextBody);
    }

    [Fact]
    public async Task No_digest_on_a_holiday_or_a_weekend()
    {
        await UseDigestAsync("drafter.kexie");
        var kexie = await _host.UnitIdAsync("市科协");
        _host.At("2026-02-13 09:00");
        await _host.OpenCycleAsync("2025年度", 2025, new DateOnly(2026, 2, 13), kexie);
        await _host.SweepAndDispatchAsync();
        _host.At("2026-02-16 08:30"); // Spring Festival
        Assert.Equal(0, await DigestAsync());
        _host.At("2026-02-22 08:30"); // Sunday inside the holiday
        Assert.Equal(0, await DigestAsync());
        _host.At("2026-02-24 08:30");
        Assert.Equal(1, await DigestAsync());
    }

    [Fact]
    public async Task Sweeps_running_at_the_same_moment_record_each_reminder_once()
    {
        var kexie = await _host.UnitIdAsync("市科协");
        var shengtai = await _host.UnitIdAsync("生态环境局");
        _host.At("2026-03-02 09:00");
        await _host.OpenCycleAsync("2025年度", 2025, new DateOnly(2026, 3, 2), kexie, shengtai);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _host.WithAsync(sp => sp.GetRequiredService<ReminderSweep>().SweepAsync()))));
        await _host.DispatchAsync();
        await _host.SweepAndDispatchAsync();

        var keys = await _host.WithAsync(sp => sp.GetRequiredService<AppDbContext>().Notifications.Select(n => n.Key).ToListAsync());
        Assert.Equal(2, keys.Count);
        Assert.Equal(2, (await _host.OutboxAsync()).Count);
        Assert.Equal(2, _host.Smtp.Received().Count);
    }

    [Fact]
    public async Task A_cycle_with_its_own_policy_reminds_on_its_own_schedule()
    {
        var kexie = await _host.UnitIdAsync("市科协");
        _host.At("2026-03-02 09:00");
        var policy = Activities.Reminders.ReminderPolicy.Default with
        {
            Submission = new Activities.Reminders.SubmissionPolicy([2], OnDueDay: false, OverdueEveryWorkingDays: 0, EscalateAfterWorkingDaysOverdue: 0),
        };
        await _host.OpenCycleAsync("2025年度", 2025, new DateOnly(2026, 3, 10), policy, kexie);
        for (var day = 2; day <= 20; day++)
        {
            _host.At($"2026-03-{day:00} 09:00");
            await _host.SweepAndDispatchAsync();
        }
        var mail = Assert.Single(_host.Smtp.Received());
        Assert.Contains("还剩2天", mail.Subject);
    }
}

/// <summary>The cases on SQLite, the embedded default.</summary>
public sealed class DigestAndSweepTests() : DigestAndSweepTestsCases(new MailHostFixture());

/// <summary>The same cases on PostgreSQL.</summary>
public sealed class DigestAndSweepTestsOnPostgreSql() : DigestAndSweepTestsCases(new PostgresMailHostFixture());
