using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Messages;
using Workflow.Activities.Rectification;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Mail;
using Workflow.Host.Messages;
using Workflow.Host.Rectification;
using Workflow.Host.Reminders;

namespace Workflow.Host.Tests.Mail;

/// <summary>
/// 消息中心: each event gives each person concerned one message, and one mail, a digest line or nothing as he chose for its kind;
/// a mail written straight to the outbox for a user becomes a message too.
/// </summary>
public abstract class UserMessageTestsCases(MailHostFixtureBase host) : IAsyncLifetime
{
    private readonly MailHostFixtureBase _host = host;

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

        private Task<List<UserMessage>> MessagesOfAsync(string userName) => _host.WithAsync(async sp =>
    {
        var id = (await sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName))!.Id;
        return await sp.GetRequiredService<AppDbContext>().UserMessages.AsNoTracking().Where(m => m.UserId == id).OrderBy(m => m.Id).ToListAsync();
    });

    private Task ChooseAsync(string userName, MessageKind kind, MessageDelivery delivery) => _host.WithAsync(async sp =>
    {
        var id = (await sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName))!.Id;
        await sp.GetRequiredService<UserMessages>().SetPreferencesAsync(id, new Dictionary<MessageKind, MessageDelivery> { [kind] = delivery }, default);
        return 0;
    });

    private Task<RectificationItem> CommandAsync(Func<RectificationCommands, Task<RectificationItem>> work) =>
        _host.WithAsync(sp => work(sp.GetRequiredService<RectificationCommands>()));

    private List<MimeKit.MimeMessage> MailsTo(string address) =>
        _host.Smtp.Received().Where(m => m.To.Mailboxes.Single().Address == address).ToList();

    [Fact]
    public async Task A_returned_and_later_approved_report_tells_the_drafter_once_each_by_message_and_mail()
    {
        _host.At("2026-03-02 09:00");
        var drafter = await _host.UserAsync("drafter.kexie");
        var report = await _host.ReportsAsync(s => s.CreateAsync(drafter, "2025年度报告", 2025,
            "一、履行主体责任情况\n二、存在的问题\n一是学习不够深入。\n三、下一步打算\n一是深化理论武装。"));
        await _host.ReportsAsync(s => s.SubmitAsync(drafter, report.Id));
        var secretary = await _host.UserAsync("secretary.kexie");
        await _host.ReportsAsync(s => s.ReturnAsync(secretary, report.Id, "请补充整改措施。"));
        await _host.DispatchAsync();

        var returned = Assert.Single(await MessagesOfAsync("drafter.kexie"));
        Assert.Equal(MessageKind.ReportDecided, returned.Kind);
        Assert.Contains("被党组书记退回", returned.Title);
        Assert.Equal("退回意见：请补充整改措施。", returned.Body);
        Assert.Equal($"/Reports/Details/{report.Id}", returned.Link);
        Assert.False(returned.IsRead);
        var mail = Assert.Single(MailsTo("drafter.kexie@example.gov.cn"));
        Assert.Contains("请补充整改措施。", mail.TextBody);
        Assert.Contains($"https://approval.example.gov.cn/Reports/Details/{report.Id}", mail.TextBody);

        // Approvals that only move the report on say nothing to the drafter; the final one does, once.
        await _host.ReportsAsync(s => s.SubmitAsync(drafter, report.Id));
        await _host.ReportsAsync(s => s.ApproveAsync(secretary, report.Id, null));
        var inspector = await _host.UserAsync("inspector.team1");
        await _host.ReportsAsync(s => s.ApproveAsync(inspector, report.Id, null));
        Assert.Single(await MessagesOfAsync("drafter.kexie"));
        var committee = await _host.UserAsync("committee.gongwei");
        await _host.ReportsAsync(s => s.ApproveAsync(committee, report.Id, "同意。"));
        await _host.DispatchAsync();
        var messages = await MessagesOfAsync("drafter.kexie");
        Assert.Equal(2, messages.Count);
        Assert.Contains("已审核通过", messages[1].Title);
        Assert.Equal(2, MailsTo("drafter.kexie@example.gov.cn").Count);
        Assert.Empty(await MessagesOfAsync("drafter.shengtai"));
    }

    [Fact]
    public async Task In_the_app_only_writes_no_mail_and_a_digest_user_gets_the_news_in_the_next_morning_digest_once()
    {
        await ChooseAsync("drafter.kexie", MessageKind.ReportDecided, MessageDelivery.InApp);
        await ChooseAsync("drafter.shengtai", MessageKind.ReportDecided, MessageDelivery.Digest);
        _host.At("2026-03-02 09:00");
        var secretaries = new[] { ("drafter.kexie", "secretary.kexie"), ("drafter.shengtai", "secretary.shengtai") };
        foreach (var (drafterName, secretaryName) in secretaries)
        {
            var drafter = await _host.UserAsync(drafterName);
            var report = await _host.ReportsAsync(s => s.CreateAsync(drafter, "2025年度报告", 2025, "正文。"));
            await _host.ReportsAsync(s => s.SubmitAsync(drafter, report.Id));
            var secretary = await _host.UserAsync(secretaryName);
            await _host.ReportsAsync(s => s.ReturnAsync(secretary, report.Id, "请修改。"));
        }
        await _host.DispatchAsync();
        Assert.Single(await MessagesOfAsync("drafter.kexie"));
        Assert.Single(await MessagesOfAsync("drafter.shengtai"));
        Assert.Empty(MailsTo("drafter.kexie@example.gov.cn"));
        Assert.Empty(MailsTo("drafter.shengtai@example.gov.cn"));

        _host.At("2026-03-03 08:30");
        Assert.Equal(1, await _host.WithAsync(sp => sp.GetRequiredService<DigestJob>().SendDigestsAsync()));
        Assert.Equal(0, await _host.WithAsync(sp => sp.GetRequiredService<DigestJob>().SendDigestsAsync()));
        await _host.DispatchAsync();
        var digest = Assert.Single(MailsTo("drafter.shengtai@example.gov.cn"));
        Assert.StartsWith("【消息】每日消息汇总：1条消息", digest.Subject);
        Assert.Contains("被党组书记退回", digest.TextBody);
        Assert.Contains("请修改。", digest.TextBody);
        Assert.Empty(MailsTo("drafter.kexie@example.gov.cn"));
        Assert.False(Assert.Single(await MessagesOfAsync("drafter.shengtai")).AwaitingDigest);
    }

    [Fact]
    public async Task A_rejected_closure_and_a_decided_extension_tell_the_owner_who_asked()
    {
        _host.At("2026-03-02 09:00");
        var drafter = await _host.UserAsync("drafter.kexie");
        var secretary = await _host.UserAsync("secretary.kexie");
        var item = await _host.WithAsync(sp => sp.GetRequiredService<RectificationIntake>().CreateAsync(drafter, null, RectificationSource.Inspection,
            new ItemInput(null, "制度执行不到位", null, null, null, "drafter.kexie", new DateOnly(2026, 6, 30))));
        await CommandAsync(s => s.StartAsync(drafter, item.Id));
        await CommandAsync(s => s.RequestClosureAsync(drafter, item.Id, "已修订制度"));
        await CommandAsync(s => s.RejectClosureAsync(secretary, item.Id, "佐证材料不足"));
        await CommandAsync(s => s.RequestExtensionAsync(drafter, item.Id, new DateOnly(2026, 8, 31), "等待审计结论"));
        await CommandAsync(s => s.ApproveExtensionAsync(secretary, item.Id, null));
        await _host.DispatchAsync();

        var messages = await MessagesOfAsync("drafter.kexie");
        Assert.Equal([MessageKind.ClosureDecided, MessageKind.ExtensionDecided], messages.Select(m => m.Kind));
        Assert.Contains("销号申请未通过", messages[0].Title);
        Assert.Contains("佐证材料不足", messages[0].Body);
        Assert.Contains("2026-08-31", messages[1].Title);
        Assert.All(messages, m => Assert.Equal($"/Rectifications/Details/{item.Id}", m.Link));
        Assert.Equal(2, MailsTo("drafter.kexie@example.gov.cn").Count);
        Assert.Empty(await MessagesOfAsync("secretary.kexie"));
    }

    [Fact]
    public async Task A_reminder_is_a_message_too_and_a_mail_written_straight_to_the_outbox_for_a_user_becomes_one_per_his_choice()
    {
        _host.At("2026-03-02 09:00");
        var drafter = await _host.UserAsync("drafter.kexie");
        var report = await _host.ReportsAsync(s => s.CreateAsync(drafter, "2025年度报告", 2025, "正文。"));
        await _host.ReportsAsync(s => s.SubmitAsync(drafter, report.Id));
        await _host.SweepAndDispatchAsync();
        await _host.SweepAndDispatchAsync();
        var reminder = Assert.Single(await MessagesOfAsync("secretary.kexie"));
        Assert.Equal(MessageKind.ReminderDue, reminder.Kind);
        Assert.StartsWith("【待办】", reminder.Title);
        Assert.Single(MailsTo("secretary.kexie@example.gov.cn"));

        // A 【催办】 mail another feature writes to the outbox itself: a message of kind 催办, and the mail still goes.
        await _host.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.Outbox.Add(new OutboxMessage("urge:1", "secretary.kexie@example.gov.cn", "李明", "【催办】市科协2025年度报告等待您审核",
                "<p>请尽快审核。</p>", "李明：\n\n请尽快审核。\n办理链接：https://approval.example.gov.cn/Reports/Details/" + report.Id + "\n",
                _host.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });
        // The same for a user who wants 催办 in the app only: the mail is kept, cancelled, so a once-a-day check still finds it.
        await ChooseAsync("secretary.shengtai", MessageKind.Urge, MessageDelivery.InApp);
        await _host.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.Outbox.Add(new OutboxMessage("urge:2", "secretary.shengtai@example.gov.cn", "陈刚", "【催办】生态环境局2025年度报告等待您审核",
                "<p>请尽快审核。</p>", "陈刚：\n\n请尽快审核。\n", _host.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });
        await _host.DispatchAsync();

        var urged = (await MessagesOfAsync("secretary.kexie")).Last();
        Assert.Equal(MessageKind.Urge, urged.Kind);
        Assert.Equal($"/Reports/Details/{report.Id}", urged.Link);
        Assert.Equal("请尽快审核。\n办理链接：https://approval.example.gov.cn/Reports/Details/" + report.Id, urged.Body);
        Assert.Equal(2, MailsTo("secretary.kexie@example.gov.cn").Count);
        Assert.Equal(MessageKind.Urge, Assert.Single(await MessagesOfAsync("secretary.shengtai")).Kind);
        Assert.Empty(MailsTo("secretary.shengtai@example.gov.cn"));
        Assert.Equal(OutboxStatus.Cancelled, (await _host.OutboxAsync()).Single(m => m.Key == "urge:2").Status);
    }
}

/// <summary>The cases on SQLite, the embedded default.</summary>
public sealed class UserMessageTests() : UserMessageTestsCases(new MailHostFixture());

/// <summary>The same cases on PostgreSQL.</summary>
public sealed class UserMessageTestsOnPostgreSql() : UserMessageTestsCases(new PostgresMailHostFixture());
