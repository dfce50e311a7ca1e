using Microsoft.Playwright;
using Workflow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// 委托 and 抄送 in Chromium: a secretary names a delegate on 委托代审; the delegate finds the report in his 待办 marked "代 X",
/// decides it "代 X 审核" and copies the drafter, who finds it under 抄送我的. Screenshots at 1280 and 390 px go to
/// /tmp/approvalflow-screens/verbs/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class VerbsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/approvalflow-screens/verbs";

    [Fact]
    public async Task A_delegate_decides_for_the_secretary_and_copies_the_drafter()
    {
        if (Directory.Exists(ShotDirectory)) Directory.Delete(ShotDirectory, recursive: true);
        Directory.CreateDirectory(ShotDirectory);
        var reports = new Dictionary<int, ApiContract.ReportDto>
        {
            [1280] = await browser.App.CreateReportAsync(DemoUnit.Renda, "SecretaryReview"),
            [390] = await browser.App.CreateReportAsync(DemoUnit.Renda, "SecretaryReview"),
        };

        var secretary = await browser.SignInAsync(DemoUnit.Renda.Secretary);
        await secretary.GotoAsync("/Account/Profile");
        await secretary.Locator("#link-delegation").ClickAsync();
        await Expect(secretary.GetByRole(AriaRole.Heading, new() { Name = "委托代审", Exact = true })).ToBeVisibleAsync();
        await secretary.GetByLabel("代审人（担任相同审核角色的同事）").SelectOptionAsync(new SelectOptionValue { Label = "陈刚（生态环境局党组书记）" });
        await secretary.ScreenshotAsync(new() { Path = $"{ShotDirectory}/1280-delegation-form.png", FullPage = true });
        await secretary.Locator("#btn-save-delegation").ClickAsync();
        await Expect(secretary.Locator(".flash")).ToHaveTextAsync("委托已保存。");
        await Expect(secretary.Locator("#delegation-delegate")).ToHaveTextAsync("陈刚（生态环境局党组书记）");
        await secretary.ScreenshotAsync(new() { Path = $"{ShotDirectory}/1280-delegation-set.png", FullPage = true });
        var phoneSecretary = await browser.SignInAsync(DemoUnit.Renda.Secretary, 390);
        await phoneSecretary.GotoAsync("/Account/Delegation");
        await Expect(phoneSecretary.Locator("#delegation-current")).ToContainTextAsync("生效中");
        await phoneSecretary.ScreenshotAsync(new() { Path = $"{ShotDirectory}/390-delegation-set.png", FullPage = true });

        foreach (var (width, report) in reports)
        {
            var stand = await browser.SignInAsync(DemoUnit.Shengtai.Secretary, width);
            await stand.GotoAsync("/Inbox");
            var row = stand.Locator($"#inbox tr:has(a[href='/Reports/Details/{report.Id}'])");
            await Expect(row.Locator(".on-behalf")).ToHaveTextAsync("代 郑伟（人大机关党组书记）");
            await stand.ScreenshotAsync(new() { Path = $"{ShotDirectory}/{width}-delegate-inbox.png", FullPage = true });

            await row.Locator("a").First.ClickAsync();
            await Expect(stand.Locator("#acting-for")).ToContainTextAsync("您正代 郑伟（人大机关党组书记） 审核");
            await Expect(stand.Locator("#link-extract")).ToHaveCountAsync(0);
            await stand.Locator("#btn-approve-open").ClickAsync();
            await stand.Locator("#approve-comment").FillAsync("同意。（代审）");
            await stand.Locator("#approve-copy summary").ClickAsync();
            await stand.Locator("#approve-copy").GetByLabel("吴芳（人大机关办公厅）").CheckAsync();
            await stand.ScreenshotAsync(new() { Path = $"{ShotDirectory}/{width}-delegate-deciding.png", FullPage = true });
            await stand.Locator("#btn-approve").ClickAsync();
            await Expect(stand.Locator(".flash")).ToHaveTextAsync("已审核通过。");
            // Decided, the report no longer waits on the secretary: the delegate is back on his 待办 without it.
            await Expect(stand.Locator($"#inbox a[href='/Reports/Details/{report.Id}']")).ToHaveCountAsync(0);

            var drafter = await browser.SignInAsync(DemoUnit.Renda.Drafter, width);
            await drafter.GotoAsync($"/Reports/Details/{report.Id}");
            var decision = drafter.Locator("#timeline li").First;
            await Expect(decision).ToContainTextAsync("（代 郑伟（人大机关党组书记））");
            await Expect(decision.Locator(".copied-to")).ToHaveTextAsync("抄送：吴芳（人大机关办公厅）");
            await Expect(drafter.Locator("#report-copies")).ToContainTextAsync("吴芳（人大机关办公厅）");
            await drafter.ScreenshotAsync(new() { Path = $"{ShotDirectory}/{width}-decided-for-the-secretary.png", FullPage = true });

            await drafter.GotoAsync("/Inbox");
            await drafter.Locator("#tab-copied").ClickAsync();
            await Expect(drafter.Locator($"#copied a[href='/Reports/Details/{report.Id}']")).ToBeVisibleAsync();
            await drafter.ScreenshotAsync(new() { Path = $"{ShotDirectory}/{width}-copied-to-me.png", FullPage = true });
        }

        await secretary.GotoAsync("/Account/Delegation");
        await secretary.Locator("#btn-end-delegation").ClickAsync();
        await Expect(secretary.Locator(".flash")).ToHaveTextAsync("委托已结束。");
        await Expect(secretary.Locator("#delegation-current")).ToHaveCountAsync(0);
    }
}
