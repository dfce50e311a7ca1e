using System.Net;
using Microsoft.Playwright;
using Workflow.Web.Tests.Infrastructure;
using Workflow.Web.Tests.Verbs;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// 加签 in Chromium: the secretary adds the inspector before his own decision (through the API, the dialog is the pages' slice);
/// the inspector finds the report in his 待办 as 前加签, reads the journal row naming him, approves, and the journal shows his
/// 加签意见 while the report stays with the secretary. Screenshots at 1280 and 390 px go to /tmp/approvalflow-screens/tasks/.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class ReviewTaskBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/approvalflow-screens/tasks";

    [Fact]
    public async Task An_added_reviewer_finds_the_report_in_his_inbox_approves_and_it_comes_back_to_the_secretary()
    {
        if (Directory.Exists(ShotDirectory)) Directory.Delete(ShotDirectory, recursive: true);
        Directory.CreateDirectory(ShotDirectory);
        var unit = DemoUnit.Renda;
        var inspectorId = await CountersignRoute.IdOfAsync(browser.App, unit.Inspector);
        var secretary = await browser.App.ClientForAsync(unit.Secretary);

        foreach (var width in new[] { 1280, 390 })
        {
            var report = await browser.App.CreateReportAsync(unit, "SecretaryReview");
            await secretary.PostJsonAsync($"/api/reports/{report.Id}/reviewers", new { userId = inspectorId, position = "Before", comment = "请纪检组先提意见。" })
                .ExpectAsync(HttpStatusCode.OK);

            var inspector = await browser.SignInAsync(unit.Inspector, width);
            await inspector.GotoAsync("/Inbox");
            var row = inspector.Locator($"#inbox tr:has(a[href='/Reports/Details/{report.Id}'])");
            await Expect(row).ToContainTextAsync("党组书记审核（前加签）");
            await inspector.ScreenshotAsync(new() { Path = $"{ShotDirectory}/{width}-added-reviewer-inbox.png", FullPage = true });

            await row.Locator("a").First.ClickAsync();
            var added = inspector.Locator("#timeline li").First;
            await Expect(added.Locator(".entry-head strong")).ToHaveTextAsync("前加签");
            await Expect(added.Locator(".journal-target")).ToContainTextAsync("前加签 ");
            await inspector.Locator("#btn-approve-open").ClickAsync();
            await inspector.Locator("#approve-comment").FillAsync("同意报送，建议补充整改时限。");
            await inspector.ScreenshotAsync(new() { Path = $"{ShotDirectory}/{width}-added-reviewer-deciding.png", FullPage = true });
            await inspector.Locator("#btn-approve").ClickAsync();
            await Expect(inspector.Locator(".flash")).ToHaveTextAsync("已审核通过。");

            var drafter = await browser.SignInAsync(unit.Drafter, width);
            await drafter.GotoAsync($"/Reports/Details/{report.Id}");
            await Expect(drafter.Locator("#timeline li").First.Locator(".entry-head strong")).ToHaveTextAsync("加签意见");
            await Expect(drafter.Locator("#stepbar-holders")).ToContainTextAsync("郑伟");
            await drafter.ScreenshotAsync(new() { Path = $"{ShotDirectory}/{width}-back-to-the-secretary.png", FullPage = true });
        }
    }
}
