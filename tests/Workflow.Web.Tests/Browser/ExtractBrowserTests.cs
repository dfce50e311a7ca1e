using Microsoft.Playwright;
using Workflow.Web.Tests.Rectification;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// 从报告提取整改问题 in Chromium at 1280 and 390 px: problems found inside a self-criticism paragraph shown with their
/// measures (问题 n → 第 n 条措施), and a report whose measures do not pair, with the measures to copy from and the
/// admission that lists nothing. Screenshots go to /tmp/approvalflow-screenshots/extract.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ExtractBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/approvalflow-screenshots/extract";

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task The_drafter_sees_problems_paired_with_measures_or_told_why_not(int width, int height)
    {
        Directory.CreateDirectory(ShotDirectory);
        var paired = await ExtractTexts.DraftAsync(browser.App, ExtractTexts.Paired);
        var unpaired = await ExtractTexts.DraftAsync(browser.App, ExtractTexts.Unpaired);
        var page = await browser.SignInAsync("drafter.haishi", width, height);

        await page.GotoAsync($"/Rectifications/Extract/{paired}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "从报告提取整改问题" })).ToBeVisibleAsync();
        await Expect(page.Locator("#found-where")).ToContainTextAsync("自查段落");
        await Expect(page.Locator(".proposal")).ToHaveCountAsync(3);
        await Expect(page.Locator(".proposal .pairing").Nth(1)).ToHaveTextAsync("问题 2 → “下一步”第 2 条整改措施");
        await Expect(page.GetByLabel("问题描述").Nth(2)).ToHaveValueAsync("审判执行领域廉政风险防控还存在薄弱环节。");
        await Expect(page.Locator("#measures-2")).ToHaveValueAsync("健全审判执行领域廉政风险防控机制，加强日常监督。");
        await Expect(page.Locator("#unlisted")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Shot(width, "1-paired"), FullPage = true });
        await page.ScreenshotAsync(new() { Path = Shot(width, "1-paired-first-screen") });

        await page.GotoAsync($"/Rectifications/Extract/{unpaired}");
        await Expect(page.Locator(".proposal")).ToHaveCountAsync(3);
        await Expect(page.Locator("#pairing-note")).ToContainTextAsync("与 3 个问题数量不一致");
        await Expect(page.Locator(".proposal .pairing")).ToHaveCountAsync(0);
        await Expect(page.Locator("#measures-0")).ToHaveValueAsync("");
        await page.Locator("#found-measures summary").ClickAsync();
        await Expect(page.Locator("#found-measures li")).ToHaveTextAsync(["严格执行党组议事规则，重大事项会前充分酝酿。", "建立对派出法庭的常态化监督机制。"]);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "提到不足但未逐条列出" })).ToBeVisibleAsync();
        await Expect(page.Locator("#unlisted blockquote")).ToContainTextAsync("还有一定不足");
        await page.ScreenshotAsync(new() { Path = Shot(width, "2-unpaired"), FullPage = true });
        await page.ScreenshotAsync(new() { Path = Shot(width, "2-unpaired-first-screen") });
        await page.Locator("#unlisted").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Shot(width, "3-unlisted") });
        // Nothing is wider than the screen at 390 px.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));

        // The measure copied from the list is confirmed into the ledger with the problem.
        await page.Locator("#measures-1").FillAsync("建立对派出法庭的常态化监督机制。");
        await page.Locator("#btn-confirm-extract").ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.BaseUrl + "/Rectifications");
        await Expect(page.Locator("#ledger").GetByText("对派出法庭的监督还有薄弱环节").First).ToBeVisibleAsync();
    }

    private static string Shot(int width, string name) => Path.Combine(ShotDirectory, $"{width}-{name}.png");
}
