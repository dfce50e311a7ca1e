using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Reports;
using Workflow.Host.Mail;

namespace Workflow.Host.Tests.Mail;

/// <summary>Reminders through a real SMTP server, with time driven by FakeTimeProvider.</summary>
public abstract class ReminderMailTestsCases(MailHostFixtureBase host) : IAsyncLifetime
{
    private readonly MailHostFixtureBase _host = host;

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private static string Line(MimeKit.MimeMessage m) =>
        $"{m.To.Mailboxes.Single().Address} {m.Subject}";

    [Fact]
    public async Task A_whole_cycle_sends_exactly_the_expected_mails_and_stops_when_the_work_is_done()
    {
        var kexie = await _host.UnitIdAsync("市科协");
        _host.At("2026-01-19 09:00");
        await _host.OpenCycleAsync("2025年度", 2025, new DateOnly(2026, 1, 30), kexie);

        Guid reportId = default;
        // Every day at 09:00 and again at 11:00 (the second run must add nothing).
        for (var day = new DateOnly(2026, 1, 20); day <= new DateOnly(2026, 2, 13); day = day.AddDays(1))
        {
            _host.At($"{day:yyyy-MM-dd} 09:00");
            await _host.SweepAndDispatchAsync();
            if (day == new DateOnly(2026, 2, 6))
            {
                _host.At("2026-02-06 10:00");
                var drafter = await _host.UserAsync("drafter.kexie");
                var report = await _host.ReportsAsync(s => s.CreateAsync(drafter, "中共市科协党组关于2025年度落实全面从严治党主体责任情况的报告", 2025, "正文。"));
                reportId = report.Id;
                await _host.ReportsAsync(s => s.SubmitAsync(drafter, reportId));
            }
            if (day == new DateOnly(2026, 2, 12))
            {
                _host.At("2026-02-12 10:00");
                var secretary = await _host.UserAsync("secretary.kexie");
                await _host.ReportsAsync(s => s.ApproveAsync(secretary, reportId, "同意"));
            }
            _host.At($"{day:yyyy-MM-dd} 11:00");
            await _host.SweepAndDispatchAsync();
        }

        var mails = _host.Smtp.Received().OrderBy(m => m.Date).ToList();
        const string drafterTo = "drafter.kexie@example.gov.cn";
        const string secretaryTo = "secretary.kexie@example.gov.cn";
        const string inspectorTo = "inspector.team1@example.gov.cn";
        Assert.Equal(new[]
        {
            $"{drafterTo} 【待办】市科协2025年度主体责任报告报送（还剩7天，截止2026-01-30）",
            $"{drafterTo} 【待办】市科协2025年度主体责任报告报送（还剩3天，截止2026-01-30）",
            $"{drafterTo} 【待办】市科协2025年度主体责任报告报送（还剩1天，截止2026-01-30）",
            $"{drafterTo} 【待办】市科协2025年度主体责任报告报送（今天到期，截止2026-01-30）",
            $"{drafterTo} 【逾期】市科协2025年度主体责任报告报送（已逾期2个工作日，截止2026-01-30）",
            $"{drafterTo} 【逾期】市科协2025年度主体责任报告报送（已逾期4个工作日，截止2026-01-30）",
            $"{secretaryTo} 【逾期】【督办】市科协2025年度主体责任报告报送（已逾期5个工作日，截止2026-01-30）",
            $"{secretaryTo} 【待办】市科协2025年度主体责任报告 · 党组书记审核（还剩5天，截止2026-02-11）",
            $"{secretaryTo} 【待办】市科协2025年度主体责任报告 · 党组书记审核（还剩1天，截止2026-02-11）",
            $"{secretaryTo} 【待办】市科协2025年度主体责任报告 · 党组书记审核（今天到期，截止2026-02-11）",
            $"{secretaryTo} 【逾期】市科协2025年度主体责任报告 · 党组书记审核（已逾期1个工作日，截止2026-02-11）",
            $"{inspectorTo} 【待办】市科协2025年度主体责任报告 · 纪检监察组审核（还剩14天，截止2026-02-26）",
        }, mails.Select(Line).ToArray());

        // Links are absolute and go straight to the page.
        Assert.Contains("https://approval.example.gov.cn/Reports/Create", mails[0].TextBody);
        Assert.Contains("https://approval.example.gov.cn/Reports", mails[6].TextBody);
        Assert.Contains($"https://approval.example.gov.cn/Reports/Details/{reportId}", mails[7].TextBody);
        Assert.Contains($"https://approval.example.gov.cn/Reports/Details/{reportId}", mails[7].HtmlBody);
        Assert.All(mails, m => Assert.Equal(1, mails.Count(x => x.MessageId == m.MessageId)));
    }

    [Fact]
    public async Task A_reminder_already_in_the_outbox_is_not_sent_once_the_reviewer_has_decided()
    {
        _host.At("2026-03-02 09:00");
        var drafter = await _host.UserAsync("drafter.kexie");
        var report = await _host.ReportsAsync(s => s.CreateAsync(drafter, "2025年度报告", 2025, "正文。"));
        await _host.ReportsAsync(s => s.SubmitAsync(drafter, report.Id));
        _host.At("2026-03-02 09:05");
        await _host.WithAsync(sp => sp.GetRequiredService<Workflow.Host.Reminders.ReminderSweep>().SweepAsync());
        Assert.Single(await _host.OutboxAsync(), m => m.Status == OutboxStatus.Pending);

        var secretary = await _host.UserAsync("secretary.kexie");
        await _host.ReportsAsync(s => s.ReturnAsync(secretary, report.Id, "请补充。"));
        await _host.DispatchAsync();

        // The secretary's reminder is not sent; the only mail is the drafter's news of the return.
        var sent = Assert.Single(_host.Smtp.Received());
        Assert.Equal("drafter.kexie@example.gov.cn", sent.To.Mailboxes.Single().Address);
        Assert.Contains("被党组书记退回", sent.Subject);
        var row = Assert.Single(await _host.OutboxAsync(), m => m.Key.StartsWith("mail:review:", StringComparison.Ordinal));
        Assert.Equal(OutboxStatus.Cancelled, row.Status);
    }
}

/// <summary>The cases on SQLite, the embedded default.</summary>
public sealed class ReminderMailTests() : ReminderMailTestsCases(new MailHostFixture());

/// <summary>The same cases on PostgreSQL.</summary>
public sealed class ReminderMailTestsOnPostgreSql() : ReminderMailTestsCases(new PostgresMailHostFixture());
