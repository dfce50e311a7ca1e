using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// 发件箱 → 立即检查提醒 in Chromium at 1280 and 390 px: each press says whether it was a full check or only the changes since
/// the last one (a second press the same day with nothing changed is the latter), and the 待办 count in the navigation of the
/// 待办 page is the number of its rows. Screenshots go to /tmp/approvalflow-screenshots/perf.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class SweepPassBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/approvalflow-screenshots/perf";

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task The_admin_sees_which_pass_the_sweep_made_and_the_todo_count_matches_the_list(int width, int height)
    {
        Directory.CreateDirectory(ShotDirectory);
        var admin = await browser.NewPageAsync(width, height);
        await admin.GotoAsync("/Admin/Outbox");
        await admin.GetByLabel("用户名").FillAsync("admin");
        await admin.GetByLabel("密码").FillAsync(AppFactory.Password);
        await admin.Locator("#login-submit").ClickAsync();
        await Expect(admin).ToHaveURLAsync(browser.BaseUrl + "/Admin/Outbox");
        await admin.Locator("#btn-sweep").ClickAsync();
        await Expect(admin.Locator(".flash")).ToHaveTextAsync(new Regex("^已检查提醒：.*(本次为全面检查|本次只检查了上次检查以来有变动的报告和整改事项)"));
        await admin.Locator("#btn-sweep").ClickAsync();
        var flash = admin.Locator(".flash");
        await Expect(flash).ToHaveTextAsync("已检查提醒：没有新的提醒。本次只检查了上次检查以来有变动的报告和整改事项，每天首次检查为全面检查。");
        await admin.ScreenshotAsync(new() { Path = Shot(width, "1-outbox-sweep"), FullPage = false });

        var drafter = await browser.SignInAsync(DemoUnit.Kexie.Drafter, width, height);
        await drafter.GotoAsync("/Inbox");
        var rows = await drafter.Locator("#inbox tbody tr").CountAsync();
        Assert.True(rows > 0, "the drafter's 待办 is empty");
        await Expect(drafter.Locator("#nav-todo-count")).ToHaveTextAsync(rows.ToString());
        await drafter.ScreenshotAsync(new() { Path = Shot(width, "2-drafter-inbox") });
    }

    private static string Shot(int width, string name) => Path.Combine(ShotDirectory, $"{width}-{name}.png");
}
