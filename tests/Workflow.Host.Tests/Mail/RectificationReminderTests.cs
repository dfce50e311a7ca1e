using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Rectification;
using Workflow.Host.Rectification;

namespace Workflow.Host.Tests.Mail;

/// <summary>Rectification reminders through a real SMTP server: T-7, T-1, weekly when overdue to owner and leader, stop on closure.</summary>
public sealed class RectificationReminderTests : IAsyncLifetime
{
    private readonly MailHostFixture _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private Task<RectificationItem> CreateAsync(string owner, string leader, DateOnly deadline) => _host.WithAsync(async sp =>
    {
        var secretary = await _host.UserAsync("secretary.kexie");
        return await sp.GetRequiredService<RectificationIntake>().CreateAsync(secretary, null, RectificationSource.Inspection,
            new ItemInput(null, "巡察反馈：制度执行不严格", "修订制度", leader, "办公室", owner, deadline));
    });

    /// <summary>Runs one command as <paramref name="userName"/>, in a scope of its own as one web request would.</summary>
    private Task<RectificationItem> RunAsync(string userName, Func<RectificationCommands, Identity.UserContext, Task<RectificationItem>> command) =>
        _host.WithAsync(async sp => await command(sp.GetRequiredService<RectificationCommands>(), await _host.UserAsync(userName)));

    [Fact]
    public async Task Owner_is_reminded_before_the_deadline_owner_and_leader_weekly_when_overdue_until_closure()
    {
        _host.At("2026-03-01 09:00");
        // The leader is a user of the unit (the drafter, by display name): overdue mails escalate to him.
        var item = await CreateAsync("secretary.kexie", "王丽（市科协办公室）", new DateOnly(2026, 3, 20));
        for (var day = new DateOnly(2026, 3, 2); day <= new DateOnly(2026, 4, 20); day = day.AddDays(1))
        {
            _host.At($"{day:yyyy-MM-dd} 09:00");
            await _host.SweepAndDispatchAsync();
            if (day == new DateOnly(2026, 3, 30))
            {
                await RunAsync("drafter.kexie", (c, user) => c.StartAsync(user, item.Id));
                await RunAsync("drafter.kexie", (c, user) => c.RequestClosureAsync(user, item.Id, "已修订制度并印发"));
                await RunAsync("secretary.kexie", (c, user) => c.ApproveClosureAsync(user, item.Id, null));
            }
            _host.At($"{day:yyyy-MM-dd} 15:00");
            await _host.SweepAndDispatchAsync();
        }

        var all = _host.Smtp.Received().OrderBy(m => m.Date).ThenBy(m => m.To.ToString()).ToList();
        // The reminders; the closure's decision is news (【通知】, one to the owner and one to whoever asked for it), not a reminder.
        var mails = all.Where(m => !m.Subject!.StartsWith("【通知】")).ToList();
        Assert.Equal(2, all.Count(m => m.Subject!.StartsWith("【通知】") && m.Subject.Contains("销号")));
        var lines = mails.Select(m => (To: m.To.Mailboxes.Single().Address, m.Subject)).ToList();
        const string owner = "secretary.kexie@example.gov.cn";
        const string leader = "drafter.kexie@example.gov.cn";
        var title = $"市科协 整改事项 {item.Code}：巡察反馈：制度执行不严格";
        Assert.Equal((owner, $"【整改】【待办】{title}（还剩7天，截止2026-03-20）"), lines[0]);
        Assert.Equal((owner, $"【整改】【待办】{title}（还剩1天，截止2026-03-20）"), lines[1]);
        // Overdue on 03-21 and 03-28 to both; closed on 03-30, so nothing on 04-04 or later.
        var overdue = lines.Skip(2).ToList();
        Assert.Equal(4, overdue.Count);
        Assert.Equal(2, overdue.Count(l => l.To == owner && l.Subject!.StartsWith("【整改】【逾期】" + title)));
        Assert.Equal(2, overdue.Count(l => l.To == leader && l.Subject!.StartsWith("【整改】【逾期】【督办】" + title)));
        Assert.All(mails.Skip(2), m => Assert.Contains($"/Rectifications/Details/{item.Id}", m.TextBody));
        Assert.All(mails, m => Assert.True(m.Date < new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.FromHours(8))));
        Assert.Contains("请督促责任人尽快整改销号", mails.First(m => m.To.Mailboxes.Single().Address == leader).TextBody);
    }

    [Fact]
    public async Task Without_a_leader_account_overdue_mail_goes_to_the_secretary_and_an_extension_restarts_the_schedule()
    {
        _host.At("2026-05-01 09:00");
        var item = await CreateAsync("drafter.kexie", "张三", new DateOnly(2026, 5, 6));
        _host.At("2026-05-07 09:00");
        await _host.SweepAndDispatchAsync();
        var first = _host.Smtp.Received().Select(m => (To: m.To.Mailboxes.Single().Address, m.Subject)).ToList();
        Assert.Contains(first, l => l.To == "drafter.kexie@example.gov.cn" && l.Subject!.StartsWith("【整改】【逾期】"));
        Assert.Contains(first, l => l.To == "secretary.kexie@example.gov.cn" && l.Subject!.StartsWith("【整改】【逾期】【督办】"));

        await RunAsync("drafter.kexie", (c, user) => c.StartAsync(user, item.Id));
        await RunAsync("drafter.kexie", (c, user) => c.RequestExtensionAsync(user, item.Id, new DateOnly(2026, 6, 30), "等待上级文件"));
        await RunAsync("secretary.kexie", (c, user) => c.ApproveExtensionAsync(user, item.Id, null));
        _host.At("2026-05-14 09:00");
        await _host.SweepAndDispatchAsync();
        // The decision itself is news to the drafter (【通知】…延期…); the reminders start again from the new deadline.
        Assert.Contains(_host.Smtp.Received(), m => m.Subject!.StartsWith("【通知】") && m.Subject.Contains("延期"));
        Assert.Equal(first.Count, _host.Smtp.Received().Count(m => m.Subject!.StartsWith("【整改】")));
        _host.At("2026-06-23 09:00");
        await _host.SweepAndDispatchAsync();
        var last = _host.Smtp.Received().Where(m => m.Subject!.StartsWith("【整改】")).OrderBy(m => m.Date).Last();
        Assert.Contains("还剩7天，截止2026-06-30", last.Subject);
    }

    [Fact]
    public async Task The_cycle_of_the_items_unit_and_year_decides_the_schedule()
    {
        var kexie = await _host.UnitIdAsync("市科协");
        _host.At("2026-06-01 09:00");
        var policy = Activities.Reminders.ReminderPolicy.Default with { Rectification = new([3], OverdueEveryDays: 0) };
        await _host.OpenCycleAsync("2026年度", 2026, new DateOnly(2027, 1, 31), policy, kexie);
        await CreateAsync("drafter.kexie", "张三", new DateOnly(2026, 6, 20));
        for (var day = new DateOnly(2026, 6, 2); day <= new DateOnly(2026, 7, 10); day = day.AddDays(1))
        {
            _host.At($"{day:yyyy-MM-dd} 09:00");
            await _host.SweepAndDispatchAsync();
        }
        var mails = _host.Smtp.Received().Where(m => m.Subject!.StartsWith("【整改】")).ToList();
        var only = Assert.Single(mails);
        Assert.Contains("还剩3天，截止2026-06-20", only.Subject);
        Assert.Equal("drafter.kexie@example.gov.cn", only.To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task A_long_term_item_reminds_its_owner_once_on_its_review_date()
    {
        _host.At("2026-03-02 09:00");
        var item = await CreateAsync("drafter.kexie", "张三", new DateOnly(2026, 3, 10));
        await RunAsync("drafter.kexie", (c, user) => c.StartAsync(user, item.Id));
        await RunAsync("drafter.kexie", (c, user) => c.MarkLongTermAsync(user, item.Id, "需长期坚持", new DateOnly(2026, 4, 1)));
        for (var day = new DateOnly(2026, 3, 3); day <= new DateOnly(2026, 4, 10); day = day.AddDays(1))
        {
            _host.At($"{day:yyyy-MM-dd} 09:00");
            await _host.SweepAndDispatchAsync();
        }
        var mail = Assert.Single(_host.Smtp.Received());
        Assert.Equal("drafter.kexie@example.gov.cn", mail.To.Mailboxes.Single().Address);
        Assert.StartsWith($"【整改】【待办】市科协 长期坚持事项评估 {item.Code}", mail.Subject);
        Assert.Contains("今天到期，截止2026-04-01", mail.Subject);
        Assert.Contains("请评估整改成效", mail.TextBody);
    }
}
