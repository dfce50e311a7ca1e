using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.Host.Data;
using Workflow.Host.Mail;
using Workflow.Host.Reminders;
using Workflow.Web.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Reminders;

/// <summary>
/// The pages around reminders in Chromium: 发件箱 and one mail, 工作日历, 报告周期 and 个人设置, on a desktop and a phone.
/// Each page leaves a PNG in the "reminders" folder of <see cref="BrowserFixture.ScreenshotDirectory"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReminderPagesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private int _step;

    [Fact]
    public async Task Admin_reads_the_outbox_keeps_the_calendar_and_opens_a_cycle_and_a_user_sets_his_reminders()
    {
        // Two weeks after the demo data was written every report waiting for a reviewer is overdue.
        browser.App.Clock.Advance(TimeSpan.FromDays(14));
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderSweep>().SweepAsync();
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync();
        }
        List<OutboxMessage> mails;
        await using (var scope = browser.App.Services.CreateAsyncScope())
            mails = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Outbox.AsNoTracking().OrderByDescending(m => m.Id).ToListAsync();
        Assert.NotEmpty(mails);

        var admin = await browser.NewPageAsync();
        await admin.GotoAsync("/Admin/Outbox");
        await Expect(admin).ToHaveURLAsync(new Regex("/Account/Login"));
        await admin.GetByLabel("用户名").FillAsync("admin");
        await admin.GetByLabel("密码").FillAsync(Infrastructure.AppFactory.Password);
        await admin.Locator("#login-submit").ClickAsync();
        await Expect(admin).ToHaveURLAsync(browser.BaseUrl + "/Admin/Outbox");

        // 发件箱
        await Expect(admin.Locator("h1")).ToHaveTextAsync("发件箱");
        await Expect(admin.Locator("nav a[aria-current=page]")).ToHaveTextAsync("发件箱");
        await Expect(admin.Locator("#outbox tbody tr")).ToHaveCountAsync(mails.Count);
        await Expect(admin.Locator("#outbox tbody tr").First).ToContainTextAsync(mails[0].Subject);
        await Expect(admin.Locator("#outbox tbody tr").First).ToContainTextAsync("已发送");
        await ShotAsync(admin, "outbox");

        // One mail, as the recipient sees it.
        await admin.GetByRole(AriaRole.Link, new() { Name = mails[0].Subject }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(browser.BaseUrl + $"/Admin/OutboxMessage/{mails[0].Id}");
        await Expect(admin.Locator("h1")).ToHaveTextAsync(mails[0].Subject);
        await Expect(admin.Locator("pre")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("/(Reports|Rectifications)/Details/"));
        await Expect(admin.FrameLocator("iframe").Locator("body")).ToContainTextAsync("逾期");
        await ShotAsync(admin, "outbox-message");

        // 工作日历: the 2027 Spring Festival entered by hand; a weekday is no make-up day.
        await admin.GetByRole(AriaRole.Link, new() { Name = "工作日历" }).ClickAsync();
        await Expect(admin.Locator("#calendar-years a.on")).ToHaveTextAsync("2026年");
        await admin.GetByRole(AriaRole.Link, new() { Name = "2027年" }).ClickAsync();
        await Expect(admin.Locator("#calendar-empty")).ToContainTextAsync("2027年尚未录入放假安排");
        await AddDayAsync(admin, "2027-02-06", "法定节假日", "春节");
        await Expect(admin.Locator(".flash")).ToHaveTextAsync("已添加2027-02-06（星期六）：法定节假日·春节。");
        await AddDayAsync(admin, "2027-02-07", "法定节假日", "春节");
        await AddDayAsync(admin, "2027-02-08", "法定节假日", "春节");
        await AddDayAsync(admin, "2027-02-20", "调休上班", "春节调休上班");
        await Expect(admin.Locator("#calendar-summary")).ToHaveTextAsync("2027年：法定节假日 3 天，调休上班 1 天。");
        await AddDayAsync(admin, "2027-02-17", "调休上班", "春节调休上班");
        await Expect(admin.Locator("[data-valmsg-for='Input.Kind']")).ToHaveTextAsync("调休上班日必须是星期六或星期日，2027-02-17是星期三。");
        await Expect(admin.Locator("#calendar-days tbody tr")).ToHaveCountAsync(4);
        await ShotAsync(admin, "calendar-refused");

        await admin.Locator("#calendar-days tr[data-date='2027-02-08']").GetByRole(AriaRole.Link, new() { Name = "修改" }).ClickAsync();
        await Expect(admin.Locator("#calendar-form h2")).ToHaveTextAsync("修改 2027-02-08（星期一）");
        await Expect(admin.GetByLabel("日期")).ToBeDisabledAsync();
        await admin.GetByLabel("名称").FillAsync("春节（初三）");
        await ShotAsync(admin, "calendar-edit");
        await admin.Locator("#calendar-submit").ClickAsync();
        await Expect(admin.Locator(".flash")).ToHaveTextAsync("已修改2027-02-08（星期一）：法定节假日·春节（初三）。");
        await Expect(admin.Locator("#calendar-days tr[data-date='2027-02-08']")).ToContainTextAsync("春节（初三）");
        await ShotAsync(admin, "calendar");

        // 报告周期
        await admin.GetByRole(AriaRole.Link, new() { Name = "报告周期" }).ClickAsync();
        await admin.GetByLabel("名称").FillAsync("2027年度");
        await admin.GetByLabel("报告年度").FillAsync("2027");
        await admin.GetByLabel("报送截止日期").FillAsync("2028-01-28");
        await admin.GetByLabel("市海事法院").UncheckAsync();
        await admin.GetByLabel("市人大常委会机关").UncheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "开启周期" }).ClickAsync();
        await Expect(admin.Locator(".flash")).ToHaveTextAsync("已开启“2027年度”报告周期。");
        // The new cycle (the demo's seven agencies but two) above the demo data's 2026 cycle (seven agencies).
        await Expect(admin.Locator("table.responsive tbody tr")).ToHaveCountAsync(12);
        await ShotAsync(admin, "cycles");

        // 个人设置: a wrong address is refused beside the field, then the right one is kept.
        var drafter = await browser.SignInAsync("drafter.kexie");
        await drafter.Locator("a.who").ClickAsync();
        await Expect(drafter.Locator("h1")).ToHaveTextAsync("个人设置");
        await Expect(drafter.Locator("#Input_Email")).ToHaveValueAsync("drafter.kexie@example.gov.cn");
        await drafter.Locator("#Input_Email").FillAsync("wangli.kexie.example.gov.cn");
        // Past the browser's own check of type=email, to see what the server says.
        await drafter.Locator("#profile-form").EvaluateAsync("f => f.noValidate = true");
        await drafter.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(drafter.Locator("[data-valmsg-for='Input.Email']")).ToHaveTextAsync("电子邮箱格式不正确。");
        await ShotAsync(drafter, "profile-refused");
        await drafter.Locator("#Input_Email").FillAsync("wangli@kexie.example.gov.cn");
        await drafter.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(drafter.Locator(".flash")).ToHaveTextAsync("个人设置已保存。");
        await Expect(drafter.Locator("#Input_Email")).ToHaveValueAsync("wangli@kexie.example.gov.cn");
        await ShotAsync(drafter, "profile");

        // The same pages on a phone: nothing wider than the screen.
        var phone = await browser.NewPageAsync(390, 844);
        await phone.GotoAsync("/Account/Login?ReturnUrl=%2FAdmin%2FCalendar%3Fyear%3D2027");
        await phone.GetByLabel("用户名").FillAsync("admin");
        await phone.GetByLabel("密码").FillAsync(Infrastructure.AppFactory.Password);
        await phone.Locator("#login-submit").ClickAsync();
        await Expect(phone.Locator("#calendar-summary")).ToHaveTextAsync("2027年：法定节假日 3 天，调休上班 1 天。");
        foreach (var (path, shot) in new[] { ("/Admin/Calendar?year=2027", "phone-calendar"), ("/Admin/Outbox", "phone-outbox"), ("/Admin/Cycles", "phone-cycles") })
        {
            await phone.GotoAsync(path);
            Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
                $"{path} scrolls sideways at 390 px.");
            await ShotAsync(phone, shot);
        }
    }

    private static async Task AddDayAsync(IPage page, string date, string kind, string name)
    {
        await page.GetByLabel("日期").FillAsync(date);
        await page.GetByLabel(kind, new() { Exact = false }).CheckAsync();
        await page.GetByLabel("名称").FillAsync(name);
        await page.Locator("#calendar-submit").ClickAsync();
    }

    private async Task ShotAsync(IPage page, string name)
    {
        var path = Path.Combine(browser.ScreenshotFolder("reminders"), $"{++_step:00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }
}
