using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// The 待办 in Chromium at 1280 and 390 px: the drafter's draft with its due date and working days, the nav count of every row; the
/// secretary's closure to decide, and the 已办 tab. Screenshots go to /tmp/approvalflow-screenshots/todo.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TodoBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/approvalflow-screenshots/todo";

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task The_drafter_and_the_secretary_see_everything_waiting_with_its_deadline(int width, int height)
    {
        Directory.CreateDirectory(ShotDirectory);
        var drafter = await browser.SignInAsync(DemoUnit.Kexie.Drafter, width, height);
        await drafter.GotoAsync("/Inbox");
        var rows = drafter.Locator("#inbox tbody tr");
        var count = await rows.CountAsync();
        Assert.True(count > 0, "the drafter's 待办 is empty");
        await Expect(drafter.Locator("#nav-todo-count")).ToHaveTextAsync(count.ToString());
        var draft = drafter.Locator("#inbox tbody tr[data-kind=report-draft]").First;
        await Expect(draft).ToContainTextAsync("报告草稿");
        await Expect(draft.Locator(".due")).ToHaveTextAsync(new Regex("^(剩余 \\d+ 个工作日|今日到期|逾期 \\d+ 个工作日)$"));
        await Expect(draft.Locator("td[data-label=截止日期]")).ToHaveTextAsync(new Regex("^\\d{4}-\\d{2}-\\d{2}$"));
        await drafter.ScreenshotAsync(new() { Path = Shot(width, "1-drafter"), FullPage = true });

        // The report page shows the same deadline beside the step bar.
        var due = await draft.Locator(".due").TextContentAsync();
        await draft.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(drafter.Locator("#step-due")).ToContainTextAsync(due!);
        await drafter.ScreenshotAsync(new() { Path = Shot(width, "2-drafter-report") });

        var secretary = await browser.SignInAsync(DemoUnit.Renda.Secretary, width, height);
        await secretary.GotoAsync("/Inbox");
        var closure = secretary.Locator("#inbox tbody tr[data-kind=item-closure]");
        await Expect(closure).ToHaveCountAsync(1);
        await Expect(closure).ToContainTextAsync("销号审批");
        await Expect(secretary.Locator("#nav-todo-count")).ToHaveTextAsync((await secretary.Locator("#inbox tbody tr").CountAsync()).ToString());
        await secretary.ScreenshotAsync(new() { Path = Shot(width, "3-secretary"), FullPage = true });

        await closure.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(secretary).ToHaveURLAsync(new Regex("/Rectifications/Details/[0-9a-f-]{36}$"));
        await Expect(secretary.Locator("#item-due")).ToHaveTextAsync(new Regex("^(剩余 \\d+ 个工作日|今日到期|逾期 \\d+ 个工作日)$"));
        await secretary.ScreenshotAsync(new() { Path = Shot(width, "4-secretary-item") });

        await secretary.GotoAsync("/Inbox");
        await secretary.Locator("#tab-done").ClickAsync();
        await Expect(secretary.Locator("#tab-done")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(secretary.Locator("#done-pager")).ToContainTextAsync("共");
        await secretary.ScreenshotAsync(new() { Path = Shot(width, "5-secretary-done"), FullPage = true });
    }

    private static string Shot(int width, string name) => Path.Combine(ShotDirectory, $"{width}-{name}.png");
}
