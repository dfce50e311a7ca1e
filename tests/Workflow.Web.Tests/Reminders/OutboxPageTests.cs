using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Workflow.Host.Data;
using Workflow.Host.Mail;
using Workflow.Host.Reminders;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Reminders;

/// <summary>
/// 发件箱: reminders written by the sweep are listed for the admin, each mail can be read, and with no SMTP host
/// the dispatcher leaves them as .eml files in the pickup folder.
/// </summary>
public sealed class OutboxPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private string PickupDirectory => Path.Combine(app.DataDirectory, "mail");

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private Task<List<OutboxMessage>> OutboxAsync() =>
        WithAsync(sp => sp.GetRequiredService<AppDbContext>().Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    [Fact]
    public async Task Admin_reads_the_reminders_of_a_sweep_and_finds_them_as_eml_files_after_dispatch()
    {
        // The app starts (and seeds its demo reports) now; two weeks on, every report waiting for a reviewer is past its step's limit.
        Assert.Empty(await OutboxAsync());
        app.Clock.Advance(TimeSpan.FromDays(14));
        Assert.True(await WithAsync(sp => sp.GetRequiredService<ReminderSweep>().SweepAsync()) > 0);
        var mails = await OutboxAsync();
        Assert.NotEmpty(mails);
        // Reports past their step's limit, and the demo ledger's rectification reminders (overdue, due soon, a review date).
        Assert.All(mails, m => Assert.Matches("^(【逾期】|【整改】【(逾期|待办)】)", m.Subject));
        Assert.Contains(mails, m => m.Subject.StartsWith("【逾期】"));
        Assert.Contains(mails, m => m.Subject.StartsWith("【整改】"));
        Assert.Contains(mails, m => m.ToAddress == "secretary.shengtai@example.gov.cn");
        Assert.Contains(mails, m => m.ToAddress == "inspector.team2@example.gov.cn");
        Assert.Contains(mails, m => m.ToAddress == "committee.gongwei@example.gov.cn");

        using var admin = await PageSession.SignInAsync(app, "admin");
        var pending = await admin.GetPageAsync("/Admin/Outbox");
        Assert.Contains($"未配置 SMTP 服务器：邮件以 .eml 文件保存在 {PickupDirectory}", pending);
        Assert.Equal(mails.Select(m => m.Id).Reverse(), ListedIds(pending));
        Assert.Contains($"待发送（{mails.Count}）", pending);
        foreach (var m in mails)
            Assert.Contains($"<a href=\"/Admin/OutboxMessage/{m.Id}\">{m.Subject}</a>", pending);

        var sent = await WithAsync(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchAsync());

        Assert.Equal(mails.Count, sent);
        var files = Directory.GetFiles(PickupDirectory, "*.eml").Select(path => MimeMessage.Load(path)).ToList();
        Assert.Equal(
            mails.Select(m => (m.ToAddress, m.Subject)).Order(),
            files.Select(f => (f.To.Mailboxes.Single().Address, f.Subject ?? "")).Order());
        var afterDispatch = await admin.GetPageAsync("/Admin/Outbox?status=Sent");
        Assert.Equal(mails.Select(m => m.Id).Reverse(), ListedIds(afterDispatch));
        Assert.Contains($"已发送（{mails.Count}）", afterDispatch);
        Assert.Contains("待发送（0）", afterDispatch);

        var mail = mails.First(m => m.ToAddress == "secretary.shengtai@example.gov.cn");
        var page = await admin.GetPageAsync($"/Admin/OutboxMessage/{mail.Id}");
        Assert.Contains($"<h1>{mail.Subject}</h1>", page);
        Assert.Contains("收件人：陈刚（生态环境局党组书记） &lt;secretary.shengtai@example.gov.cn&gt;", page);
        Assert.Contains("状态：<span class=\"badge st-approved\">已发送</span>", page);
        Assert.Equal(mail.TextBody, WebUtility.HtmlDecode(Regex.Match(page, "<pre[^>]*>(.*?)</pre>", RegexOptions.Singleline).Groups[1].Value));
        Assert.Contains("党组书记审核", mail.TextBody);
        Assert.Matches(@"http://[^/\s]+/Reports/Details/[0-9a-f-]{36}", mail.TextBody);
        var html = WebUtility.HtmlDecode(Regex.Match(page, "srcdoc=\"([^\"]*)\"").Groups[1].Value);
        Assert.Equal(mail.HtmlBody, html);
    }

    [Theory]
    [InlineData("drafter.kexie")]
    [InlineData("committee.gongwei")]
    public async Task Non_admins_are_sent_to_access_denied(string userName)
    {
        using var session = await PageSession.SignInAsync(app, userName);

        foreach (var path in new[] { "/Admin/Outbox", "/Admin/OutboxMessage/1" })
        {
            var response = await session.GetAsync(path);
            Assert.StartsWith("/Account/AccessDenied?", PageSession.RedirectPath(response));
        }
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in()
    {
        using var session = PageSession.Anonymous(app);

        var response = await session.GetAsync("/Admin/Outbox");

        Assert.Equal("/Account/Login?ReturnUrl=%2FAdmin%2FOutbox", PageSession.RedirectPath(response));
    }

    private static List<long> ListedIds(string html) =>
        Regex.Matches(html, "<a href=\"/Admin/OutboxMessage/(\\d+)\">").Select(m => long.Parse(m.Groups[1].Value)).ToList();
}
