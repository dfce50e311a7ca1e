using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflow.Web.Tests.Rectification;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// 问题反弹 in Chromium at 1280 and 390 px: 市科协's drafter extracts this year's problems and sees last year's item named beside
/// the one that came back (and nothing beside the new one), follows the link, and gets the same hint while typing a problem by
/// hand; the committee opens 问题反弹 from the ledger and the recurrence rate in 统计分析. Nothing runs off a phone's screen.
/// Screenshots go to /tmp/approvalflow-screenshots/recurrence.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RecurrenceBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/approvalflow-screenshots/recurrence";

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task A_recurring_problem_is_named_where_it_is_entered_and_listed_for_the_committee(int width, int height)
    {
        Directory.CreateDirectory(ShotDirectory);
        var scene = await RecurrenceScenario.OnceAsync(browser.App);
        var hint = $"与{scene.EarlierYear}年整改事项 {scene.EarlierCode} 相似（未开始）";

        var drafter = await browser.SignInAsync("drafter.kexie", width, height);
        await drafter.GotoAsync($"{browser.BaseUrl}/Rectifications/Extract/{scene.LaterReportId}");
        var first = drafter.Locator(".proposal").Nth(0);
        await Expect(first.Locator(".similar-hint a").First).ToHaveTextAsync(hint);
        await Expect(drafter.Locator(".proposal").Nth(1).Locator(".similar-hint")).ToHaveCountAsync(0);
        await NoSidewaysScrollAsync(drafter, width);
        await first.Locator(".similar-hint").ScrollIntoViewIfNeededAsync();
        await drafter.ScreenshotAsync(new() { Path = Shot(width, "1-extract-hint") });

        await first.GetByRole(AriaRole.Link, new() { Name = hint }).ClickAsync();
        await Expect(drafter.Locator("#item-code")).ToHaveTextAsync(scene.EarlierCode);

        await drafter.GotoAsync($"{browser.BaseUrl}/Rectifications/Create");
        await drafter.GetByLabel("问题描述（必填）").FillAsync(RecurrenceScenario.LaterProblem);
        // Typed by hand the item is this year's: the demo's closed item of an earlier year resembles it (items of 2030 are not earlier).
        await Expect(drafter.Locator("#similar-hint .similar-hint a").First).ToHaveTextAsync(new Regex(@"^与20\d\d年整改事项 KX-20\d\d-\d{3} 相似（已销号）$"));
        await NoSidewaysScrollAsync(drafter, width);
        await drafter.ScreenshotAsync(new() { Path = Shot(width, "2-form-hint-while-typing") });
        await drafter.GetByLabel("问题描述（必填）").FillAsync("食堂卫生检查记录不全，个别月份未开展自查。");
        await Expect(drafter.Locator("#similar-hint .similar-hint")).ToHaveCountAsync(0);

        var committee = await browser.SignInAsync("committee.gongwei", width, height);
        await committee.Locator("#nav-rectifications").ClickAsync();
        await committee.Locator("#btn-recurrences").ClickAsync();
        await Expect(committee.GetByRole(AriaRole.Heading, new() { Name = "问题反弹", Level = 1 })).ToBeVisibleAsync();
        await committee.Locator("#filter-year").SelectOptionAsync(scene.LaterYear.ToString());
        await committee.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await Expect(committee).ToHaveURLAsync(new Regex($"year={scene.LaterYear}"));
        var kexie = committee.Locator("section.recurrence-unit", new() { HasText = "市科协" });
        await Expect(kexie.Locator(".recurrence-years").First).ToContainTextAsync($"{scene.EarlierYear}年、{scene.LaterYear}年");
        await Expect(kexie.GetByRole(AriaRole.Link, new() { Name = scene.EarlierCode })).ToBeVisibleAsync();
        await NoSidewaysScrollAsync(committee, width);
        await committee.ScreenshotAsync(new() { Path = Shot(width, "3-committee-recurrences"), FullPage = true });

        await committee.GotoAsync($"{browser.BaseUrl}/Statistics?year={scene.LaterYear}");
        await Expect(committee.Locator("#rect-recurrence")).ToContainTextAsync("与本单位往年整改事项相似");
        await committee.EvaluateAsync("document.getElementById('rect-facts').scrollIntoView()");
        await committee.ScreenshotAsync(new() { Path = Shot(width, "4-statistics-rate") });
        await NoSidewaysScrollAsync(committee, width);
    }

    private static async Task NoSidewaysScrollAsync(IPage page, int width) =>
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"{page.Url} scrolls sideways at {width} px");

    private static string Shot(int width, string name) => Path.Combine(ShotDirectory, $"{width}-{name}.png");
}
