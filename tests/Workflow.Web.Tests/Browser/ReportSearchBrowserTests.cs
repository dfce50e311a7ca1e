using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// The committee finds reports on 全部报告 at 1280 and 390 px: a Chinese search with the matches marked, the overdue filter
/// (every row red-marked), the unit filter, and the filters kept in a link that opens the same view.
/// Screenshots go to /tmp/approvalflow-screenshots/search.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class ReportSearchBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/approvalflow-screenshots/search";

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task The_committee_searches_filters_and_shares_the_view(int width, int height)
    {
        Directory.CreateDirectory(ShotDirectory);
        var page = await browser.SignInAsync(DemoUnit.Committee, width, height);
        await page.GotoAsync("/Reports");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "全部报告", Exact = false })).ToBeVisibleAsync();
        await Expect(page.Locator("#reports tbody tr")).ToHaveCountAsync(8); // the demo's reports of 2025 and 2026
        await page.ScreenshotAsync(new() { Path = Shot(width, "1-all"), FullPage = true });

        // Search: only the draft with placeholders still says "xx次"; the match is marked in its text.
        await page.GetByLabel("标题或正文").FillAsync("xx次");
        await page.Locator("#btn-find").ClickAsync();
        await Expect(page.Locator("#reports tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#reports tbody tr mark").First).ToHaveTextAsync("xx次");
        await Expect(page.Locator("#reports tbody tr")).ToContainTextAsync("市科协");
        await page.ScreenshotAsync(new() { Path = Shot(width, "2-search"), FullPage = true });

        // Overdue only: every row carries the red deadline, and the view is a link.
        await page.GetByLabel("标题或正文").FillAsync("四种形态");
        await page.GetByLabel("是否逾期").SelectOptionAsync("true");
        await page.Locator("#btn-find").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("overdue=true"));
        var rows = page.Locator("#reports tbody tr");
        Assert.True(await rows.CountAsync() > 0);
        await Expect(page.Locator("#reports tbody tr[data-overdue=false]")).ToHaveCountAsync(0);
        await Expect(rows.First.Locator(".due-overdue")).ToContainTextAsync(new Regex("逾期 \\d+ 个工作日"));
        await page.ScreenshotAsync(new() { Path = Shot(width, "3-overdue"), FullPage = true });

        // The same link in a fresh page shows the same rows; then one unit.
        var shared = await browser.SignInAsync(DemoUnit.Committee, width, height);
        await shared.GotoAsync(page.Url);
        await Expect(shared.Locator("#reports tbody tr")).ToHaveCountAsync(await rows.CountAsync());
        await Expect(shared.GetByLabel("是否逾期")).ToHaveValueAsync("true");
        await shared.GetByLabel("是否逾期").SelectOptionAsync("");
        await shared.GetByLabel("单位").SelectOptionAsync(new SelectOptionValue { Label = "生态环境局" });
        await shared.Locator("#btn-find").ClickAsync();
        await Expect(shared.Locator("#reports tbody tr td[data-label=单位]")).ToHaveTextAsync(["生态环境局", "生态环境局"]);
        await shared.ScreenshotAsync(new() { Path = Shot(width, "4-unit"), FullPage = true });
    }

    private static string Shot(int width, string name) => Path.Combine(ShotDirectory, $"{width}-{name}.png");
}
