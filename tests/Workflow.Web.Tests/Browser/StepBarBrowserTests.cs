using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// The demo data's longest report in review (市人大常委会机关, with the committee) read by the committee at 1280 and 390 px: the step
/// bar, the step's deadline, the diagram one click away without its source text, and the decision panel still in reach at the
/// bottom of the page. Screenshots go to /tmp/approvalflow-screenshots/stepbar.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StepBarBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/approvalflow-screenshots/stepbar";

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task The_committee_reads_the_progress_and_keeps_the_decision_panel_in_reach_down_a_long_report(int width, int height)
    {
        Directory.CreateDirectory(ShotDirectory);
        var page = await browser.SignInAsync(DemoUnit.Committee, width, height);
        await page.Locator("#inbox tbody tr", new() { HasText = "市人大常委会机关" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Reports/Details/[0-9a-f-]{36}$"));

        // The bar: the route's five steps, the committee's step current (aria-current and text), who holds it, its deadline.
        var steps = page.Locator("#stepbar > li");
        await Expect(steps).ToHaveCountAsync(5);
        await Expect(page.Locator("#stepbar li[aria-current=step]")).ToHaveAttributeAsync("data-step", "CommitteeReview");
        await Expect(page.Locator("#stepbar li[aria-current=step]")).ToContainTextAsync("当前环节");
        await Expect(page.Locator("#stepbar li[data-state=Done]")).ToHaveCountAsync(3);
        await Expect(page.Locator("#stepbar-holders")).ToHaveTextAsync("马骏（市直机关工委）");
        await Expect(page.Locator("#step-due")).ToContainTextAsync(new Regex("截止日期 \\d{4}-\\d{2}-\\d{2} · (剩余 \\d+ 个工作日|今日到期|逾期 \\d+ 个工作日)"));
        await page.ScreenshotAsync(new() { Path = Shot(width, "1-top") });

        // The diagram is closed, and its source never shows: hidden until mermaid has drawn it.
        await Expect(page.Locator("#route-diagram")).ToBeHiddenAsync();
        await page.Locator("#route-diagram-toggle").ClickAsync();
        await Expect(page.Locator("#route-diagram svg")).ToBeVisibleAsync();
        await Expect(page.Locator("#route-diagram svg g.node.current")).ToHaveCountAsync(1);
        await Expect(page.GetByText("stateDiagram-v2")).ToHaveCountAsync(0);

        // At the bottom of the long report the decision panel is still on screen and works from the keyboard.
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollHeight") > 2 * height, "the report is not long");
        await page.EvaluateAsync("window.scrollTo(0, document.documentElement.scrollHeight)");
        await Expect(page.Locator("#btn-approve-open")).ToBeInViewportAsync();
        await Expect(page.Locator("#btn-return-open")).ToBeInViewportAsync();
        await page.ScreenshotAsync(new() { Path = Shot(width, "2-bottom") });
        await page.Locator("#btn-return-open").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#return-comment")).ToBeVisibleAsync();
        await page.Locator("#return-comment").FocusAsync();
        await Expect(page.Locator("#return-comment")).ToBeInViewportAsync();
        await page.ScreenshotAsync(new() { Path = Shot(width, "3-return-open") });
        await page.ScreenshotAsync(new() { Path = Shot(width, "4-full"), FullPage = true });
    }

    private static string Shot(int width, string name) => Path.Combine(ShotDirectory, $"{width}-{name}.png");
}
