using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflow.Host.Seeding;
using Workflow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// The demo data on first login, at 1280 and 390 px: 市统计局's drafter finds her returned report with the secretary's comment and
/// her rejected closure (二次整改); 市审计局's secretary finds his report overdue; its secretary sees the extension request; the
/// admin's cycle table lists 市机关事务管理局 without a report. Screenshots go to /tmp/approvalflow-screenshots/demo.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class DemoFirstLoginBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/approvalflow-screenshots/demo";

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task Each_case_of_the_demo_shows_to_whom_it_concerns(int width, int height)
    {
        Directory.CreateDirectory(ShotDirectory);

        // The drafter: her returned report is in her 待办 and shows why it came back.
        var drafter = await browser.SignInAsync("drafter.tongji", width, height);
        var returned = drafter.Locator("#inbox tbody tr[data-kind=report-returned]", new() { HasText = "市统计局" });
        await Expect(returned).ToContainTextAsync("已退回");
        await Expect(returned.Locator(".return-note")).ToContainTextAsync(DemoTexts.ReturnComment);
        // ... and her rejected closure (二次整改) beside it.
        await Expect(drafter.Locator("#inbox tbody tr[data-kind=item-rework]")).ToHaveCountAsync(1);
        await drafter.ScreenshotAsync(new() { Path = Shot(width, "1-drafter-inbox"), FullPage = true });
        await returned.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(drafter).ToHaveURLAsync(new Regex("/Reports/Details/[0-9a-f-]{36}$"));
        await Expect(drafter.GetByText(DemoTexts.ReturnComment).First).ToBeVisibleAsync();
        await drafter.ScreenshotAsync(new() { Path = Shot(width, "2-returned-report") });

        // Her rejected closure: back to work, with the secretary's reason in the item's journal.
        await drafter.GotoAsync("/Rectifications");
        await drafter.Locator("tr[data-code$='-001']", new() { HasText = "统计数据质量" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(drafter.Locator("#journal")).ToContainTextAsync("退回二次整改");
        await Expect(drafter.Locator("#journal")).ToContainTextAsync(DemoTexts.RejectClosureComment);
        await drafter.ScreenshotAsync(new() { Path = Shot(width, "3-rejected-closure"), FullPage = true });

        // The late unit: 市审计局's report waits at its secretary past the step's time limit.
        var secretary = await browser.SignInAsync("secretary.shenji", width, height);
        await Expect(secretary.Locator("#inbox tbody tr[data-kind=report-review]").First).ToHaveAttributeAsync("data-urgency", "Overdue");
        await secretary.Locator("#inbox tbody tr[data-kind=report-review]", new() { HasText = "市审计局" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(secretary.Locator("#step-due")).ToContainTextAsync(new Regex("逾期 \\d+ 个工作日"));
        await secretary.ScreenshotAsync(new() { Path = Shot(width, "4-late-report") });

        // The extension request waits for 市统计局's secretary.
        var decider = await browser.SignInAsync("secretary.tongji", width, height);
        await Expect(decider.Locator("#inbox tbody tr[data-kind=item-extension]")).ToHaveCountAsync(1);
        await decider.GotoAsync("/Rectifications?awaitingMe=true");
        await Expect(decider.Locator("tr[data-code$='-002']")).ToHaveCountAsync(1);
        await decider.ScreenshotAsync(new() { Path = Shot(width, "5-extension-waiting"), FullPage = true });

        // The committee's 报送情况: the unit without a report is a row (未起草), the late unit is red.
        var committee = await browser.SignInAsync(DemoUnit.Committee, width, height);
        await committee.GotoAsync(browser.BaseUrl + "/Cycles");
        await Expect(committee.Locator("#board tr[data-unit=JGSWJ]")).ToContainTextAsync("未起草");
        await Expect(committee.Locator("#board tr[data-unit=SJJ] .due")).ToContainTextAsync(new Regex("逾期 \\d+ 个工作日"));
        await committee.ScreenshotAsync(new() { Path = Shot(width, "6-cycle-units"), FullPage = true });
    }

    private static string Shot(int width, string name) => Path.Combine(ShotDirectory, $"{width}-{name}.png");
}
