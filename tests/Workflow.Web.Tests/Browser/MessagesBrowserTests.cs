using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// 消息中心 as the drafter after her report was returned, at 1280 and 390 px: the header says how many are unread, the list shows the
/// return in bold with the comment, opening it marks it read and lands on the report; 消息设置 keeps a choice.
/// Screenshots go to /tmp/approvalflow-screenshots/messages.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class MessagesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/approvalflow-screenshots/messages";

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task The_drafter_sees_the_return_in_her_messages_opens_it_and_chooses_how_it_reaches_her(int width, int height)
    {
        Directory.CreateDirectory(ShotDirectory);
        var unit = width == 1280 ? DemoUnit.Kexie : DemoUnit.Shengtai;
        var report = await browser.App.CreateReportAsync(unit, "SecretaryReview");
        await (await browser.App.SharedClientAsync(unit.Secretary))
            .PostJsonAsync($"/api/reports/{report.Id}/return", new { comment = "请补充存在的问题和整改措施。" }).ExpectAsync(HttpStatusCode.OK);

        var page = await browser.SignInAsync(unit.Drafter, width, height);
        var nav = page.Locator("#nav-messages");
        await Expect(nav).ToHaveAccessibleNameAsync(new Regex("^消息 ?（\\d+ 条未读）$"));
        await nav.ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("消息");
        var item = page.Locator("#messages li.message", new() { Has = page.Locator($"a[href^='/Messages/Open/']", new() { HasText = "退回" }) }).First;
        await Expect(item).ToHaveClassAsync(new Regex("unread"));
        await Expect(item.Locator(".message-body")).ToHaveTextAsync("退回意见：请补充存在的问题和整改措施。");
        Assert.Equal("700", await item.Locator(".message-title").EvaluateAsync<string>("e => getComputedStyle(e).fontWeight"));
        await page.ScreenshotAsync(new() { Path = Shot(width, "1-list"), FullPage = true });

        await item.Locator(".message-title").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Reports/Details/{report.Id}$"));
        await page.GotoAsync(browser.BaseUrl + "/Messages");
        await Expect(page.Locator("#messages li.message.read", new() { HasText = "请补充存在的问题和整改措施。" }).First).ToBeVisibleAsync();

        // Mark all read: the header no longer counts any.
        if (await page.Locator("#read-all").CountAsync() > 0) await page.Locator("#read-all").ClickAsync();
        await Expect(page.Locator("#nav-messages")).ToHaveAccessibleNameAsync("消息");
        await Expect(page.Locator("#messages li.unread")).ToHaveCountAsync(0);

        // 消息设置: report decisions in the app only; kept after saving.
        await page.Locator("#link-message-settings").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("消息设置");
        await page.Locator("#choice-ReportDecided-InApp").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("消息设置已保存。");
        await Expect(page.Locator("#choice-ReportDecided-InApp")).ToBeCheckedAsync();
        await Expect(page.Locator("#choice-Urge-InAppAndMail")).ToBeCheckedAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "wider than the screen");
        await page.ScreenshotAsync(new() { Path = Shot(width, "2-settings"), FullPage = true });
    }

    private static string Shot(int width, string name) => Path.Combine(ShotDirectory, $"{width}-{name}.png");
}
