using Microsoft.Playwright;
using Workflow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// 逐条说明 in Chromium: the secretary returns with a numbered comment and confirms its split into two points, the drafter answers
/// both (one linked to the sentence he changed), the secretary marks them 已落实 / 未落实 and approves. PNGs at 1280 and 390 px
/// go to /tmp/points-shots.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class ReturnPointsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotFolder = "/tmp/points-shots";
    private const string Added = "二是建立问题清单，逐项明确责任人和完成时限。";
    private static readonly DemoUnit Unit = DemoUnit.Shengtai;

    [Fact]
    public async Task A_return_in_two_points_is_answered_point_by_point_judged_and_approved()
    {
        Directory.CreateDirectory(ShotFolder);
        var report = await browser.App.CreateReportAsync(Unit, "SecretaryReview");
        var path = $"/Reports/Details/{report.Id}";

        // 党组书记: writes one numbered comment; the page proposes two points to check before returning.
        var secretary = await browser.SignInAsync(Unit.Secretary);
        await secretary.GotoAsync(path);
        await secretary.Locator("#btn-return-open").ClickAsync();
        await secretary.Locator("#return-comment").FillAsync("请按以下意见修改：1. 存在的问题缺少具体事例。2. 整改措施没有明确完成时限。");
        await secretary.Locator("#btn-return").ClickAsync();
        await Expect(secretary.Locator("#split-proposed")).ToBeVisibleAsync();
        await Expect(secretary.Locator("#point-1")).ToHaveValueAsync("存在的问题缺少具体事例。");
        await Expect(secretary.Locator("#point-2")).ToHaveValueAsync("整改措施没有明确完成时限。");
        await Expect(secretary.Locator("#return-comment")).ToHaveValueAsync("请按以下意见修改");
        await ShotAsync(secretary, "1-secretary-split-1280");
        await secretary.Locator("#btn-return").ClickAsync();
        await Expect(secretary.Locator("#report-status")).ToHaveAttributeAsync("data-status", "Returned");
        await Expect(secretary.Locator("#timeline li").First.Locator(".timeline-points li")).ToHaveTextAsync(
            ["存在的问题缺少具体事例。", "整改措施没有明确完成时限。"]);

        // 起草人: revises the text, then cannot resubmit before answering each point.
        var api = await browser.App.SharedClientAsync(Unit.Drafter);
        await api.PutJsonAsync($"/api/reports/{report.Id}", new { title = report.Title, body = report.Body + "\n" + Added })
            .ExpectAsync(System.Net.HttpStatusCode.OK);
        var drafter = await browser.SignInAsync(Unit.Drafter);
        await drafter.GotoAsync(path);
        await drafter.Locator("#answer-1-changed").CheckAsync();
        await drafter.Locator("#btn-submit").ClickAsync();
        await Expect(drafter.Locator("#points-answer-error")).ToContainTextAsync("第2条");
        await Expect(drafter.Locator("#answer-2-error")).ToBeVisibleAsync();
        await Expect(drafter.Locator("#answer-1-error")).ToHaveCountAsync(0);
        await Expect(drafter.Locator("#errors li")).ToHaveCountAsync(0);
        await Expect(drafter.Locator("#answer-1-changed")).ToBeCheckedAsync();
        await drafter.Locator("#answer-1-links summary").ClickAsync();
        await drafter.Locator("#answer-1-links label", new() { HasText = Added }).Locator("input").CheckAsync();
        await drafter.Locator("#answer-2-explained").CheckAsync();
        await drafter.Locator("#answer-2-note").FillAsync("完成时限已在整改台账中逐项明确，报告中不再重复。");
        await ShotAsync(drafter, "2-drafter-answers-1280");
        var phone = await browser.SignInAsync(Unit.Drafter, 390, 844);
        await phone.GotoAsync(path);
        await Expect(phone.Locator("#answer-2-explained")).ToBeVisibleAsync();
        await NoSidewaysScrollAsync(phone);
        await phone.Locator("#points").ScreenshotAsync(new() { Path = Path.Combine(ShotFolder, "3-drafter-answers-390.png") });
        await drafter.Locator("#btn-submit").ClickAsync();
        await Expect(drafter.Locator("#report-status")).ToHaveAttributeAsync("data-status", "SecretaryReview");
        await Expect(drafter.Locator("#timeline li").First.Locator(".timeline-points li")).ToHaveTextAsync(
            ["第1条：已修改（关联修改1处）", "第2条：说明，完成时限已在整改台账中逐项明确，报告中不再重复。"]);

        // 党组书记: sees each answer with the linked change highlighted, must mark each before deciding.
        await secretary.GotoAsync(path);
        await Expect(secretary.Locator("#points mark.point-link")).ToHaveTextAsync(Added);
        await secretary.Locator("#btn-approve-open").ClickAsync();
        await secretary.Locator("#btn-approve").ClickAsync();
        await Expect(secretary.Locator("#points-verdict-error")).ToBeVisibleAsync();
        await Expect(secretary.Locator("#verdict-1-error")).ToBeVisibleAsync();
        await secretary.Locator("#verdict-1-resolved").CheckAsync();
        await secretary.Locator("#verdict-2-unresolved").CheckAsync();
        await ShotAsync(secretary, "4-secretary-verdicts-1280");
        var secretaryPhone = await browser.SignInAsync(Unit.Secretary, 390, 844);
        await secretaryPhone.GotoAsync(path);
        await NoSidewaysScrollAsync(secretaryPhone);
        await secretaryPhone.Locator("#points").ScreenshotAsync(new() { Path = Path.Combine(ShotFolder, "5-secretary-verdicts-390.png") });
        await secretary.Locator("#btn-approve-open").ClickAsync();
        await secretary.Locator("#btn-approve").ClickAsync();
        await Expect(secretary.Locator("#report-status")).ToHaveAttributeAsync("data-status", "DisciplineReview");
        await Expect(secretary.Locator("#points .point-verdict-Resolved")).ToHaveTextAsync("已落实");
        await Expect(secretary.Locator("#points .point-verdict-Unresolved")).ToHaveTextAsync("未落实");
        await Expect(secretary.Locator("#timeline li").First.Locator(".timeline-points li")).ToHaveTextAsync(["第1条：已落实", "第2条：未落实"]);
        await ShotAsync(secretary, "6-approved-1280");
        await secretaryPhone.ReloadAsync();
        await NoSidewaysScrollAsync(secretaryPhone);
        await ShotAsync(secretaryPhone, "7-approved-390");
    }

    private static async Task NoSidewaysScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "The report page scrolls sideways at 390 px.");

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ShotFolder, name + ".png"), FullPage = true });
}
