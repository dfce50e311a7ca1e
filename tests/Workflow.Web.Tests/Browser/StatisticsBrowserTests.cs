using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// The committee opens 统计分析 from the menu on the demo data at 1280 and 390 px, picks last year (a report approved, one
/// returned by the committee, 市科协's ledger): every chart is an SVG image with a title and a description, its table right
/// below, and nothing runs off a phone's screen. Screenshots go to /tmp/approvalflow-screenshots/statistics.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class StatisticsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/approvalflow-screenshots/statistics";

    private static readonly string[] Charts = ["chart-steps", "chart-returns", "chart-submissions", "chart-units", "chart-states", "chart-trend"];

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task The_committee_reads_last_years_figures_as_charts_with_their_tables(int width, int height)
    {
        Directory.CreateDirectory(ShotDirectory);
        var page = await browser.SignInAsync(DemoUnit.Committee, width, height);
        var year = browser.App.Clock.GetUtcNow().AddMonths(-1).Year;

        await page.Locator("#nav-statistics").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Statistics$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "统计分析", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#stat-year")).ToHaveValueAsync(year.ToString());
        await Expect(page.Locator("#table-trend tbody th")).ToHaveTextAsync([$"{year - 1}年度", $"{year}年度"]);
        await page.ScreenshotAsync(new() { Path = Shot(width, "1-this-year") });

        await page.Locator("#stat-year").SelectOptionAsync((year - 1).ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Statistics\\?year={year - 1}$"));

        foreach (var id in Charts)
        {
            var chart = page.Locator($"svg#{id}");
            await Expect(chart).ToHaveAttributeAsync("role", "img");
            await Expect(chart.Locator("title").First).Not.ToBeEmptyAsync();
            await Expect(chart.Locator("desc")).Not.ToBeEmptyAsync();
            // The numbers are also a table right after the chart (the return shares stand in the steps' table above).
            if (id != "chart-returns")
                Assert.True(await chart.EvaluateAsync<bool>("svg => svg.nextElementSibling?.tagName === 'TABLE'"), $"{id} has no table below it");
            var box = (await chart.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= width, $"{id} runs off the screen at {width} px");
        }
        // 市科协's approved report and 生态环境局's returned one, in the chart's words and in the table.
        await Expect(page.Locator("#chart-steps desc")).ToContainTextAsync("市直机关工委审核：平均");
        await Expect(page.Locator("#table-units tbody tr", new() { HasText = "生态环境局" })).ToContainTextAsync("已退回");
        await Expect(page.Locator("#table-units tbody tr", new() { HasText = "市科协" })).ToContainTextAsync("已通过");
        await Expect(page.Locator("#table-rectification tbody tr", new() { HasText = "年度报告自查" })).ToBeVisibleAsync();
        await Expect(page.Locator("#rect-facts")).ToContainTextAsync("二次整改");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, "the page scrolls sideways");
        await page.ScreenshotAsync(new() { Path = Shot(width, "2-last-year-full"), FullPage = true });
        foreach (var section in new[] { "h-steps", "h-units", "h-rect", "h-trend" })
        {
            await page.EvaluateAsync($"document.getElementById('{section}').scrollIntoView()");
            await page.ScreenshotAsync(new() { Path = Shot(width, $"3-{section}") });
        }
        // Year over year holds the years with data: last year alone now, this year and last year above.
        await Expect(page.Locator("#table-trend tbody tr")).ToHaveCountAsync(1);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#btn-export").ClickAsync());
        Assert.Equal($"统计分析-{year - 1}.xlsx", download.SuggestedFilename);
    }

    private static string Shot(int width, string name) => Path.Combine(ShotDirectory, $"{width}-{name}.png");
}
