using Microsoft.Playwright;
using Workflow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// 常用语 and 催办 in Chromium: the secretary saves a phrase on 常用语; the drafter presses 催办 on the report waiting for the
/// secretary, and the page then says who urged today instead of the button; the secretary picks his phrase and a default into
/// the return comment and returns. Screenshots at 1280 and 390 px go to /tmp/approvalflow-screens/phrases/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhrasesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/approvalflow-screens/phrases";
    private const string Saved = "请补充整改措施的完成时限。";
    private const string Default = "退回，请补充存在的问题和整改措施。";

    [Fact]
    public async Task The_drafter_urges_and_the_secretary_returns_with_saved_phrases()
    {
        if (Directory.Exists(ShotDirectory)) Directory.Delete(ShotDirectory, recursive: true);
        Directory.CreateDirectory(ShotDirectory);
        var unit = DemoUnit.Shengtai;

        var secretary = await browser.SignInAsync(unit.Secretary);
        await secretary.GotoAsync("/Account/Profile");
        await secretary.Locator("#link-phrases").ClickAsync();
        await Expect(secretary.GetByRole(AriaRole.Heading, new() { Name = "常用语", Exact = true })).ToBeVisibleAsync();
        await secretary.GetByLabel("新增常用语（不超过 200 字）").FillAsync(Saved);
        await secretary.Locator("#btn-add-phrase").ClickAsync();
        await Expect(secretary.Locator(".flash")).ToHaveTextAsync("常用语已保存。");
        await Expect(secretary.Locator("#phrase-list .phrase-text")).ToHaveTextAsync([Saved]);
        // A duplicate is refused beside the field.
        await secretary.GetByLabel("新增常用语（不超过 200 字）").FillAsync(Saved);
        await secretary.Locator("#btn-add-phrase").ClickAsync();
        await Expect(secretary.Locator("#phrase-text-error")).ToHaveTextAsync("已有相同的常用语。");
        await secretary.ScreenshotAsync(new() { Path = $"{ShotDirectory}/1280-phrases.png", FullPage = true });
        var phone = await browser.SignInAsync(unit.Secretary, 390);
        await phone.GotoAsync("/Account/Phrases");
        await phone.ScreenshotAsync(new() { Path = $"{ShotDirectory}/390-phrases.png", FullPage = true });

        foreach (var width in new[] { 1280, 390 })
        {
            var report = await browser.App.CreateReportAsync(unit, "SecretaryReview");
            var drafter = await browser.SignInAsync(unit.Drafter, width);
            await drafter.GotoAsync($"/Reports/Details/{report.Id}");
            await Expect(drafter.Locator("#urge")).ToContainTextAsync("向“党组书记审核”环节的审核人发送一封【催办】邮件");
            await drafter.ScreenshotAsync(new() { Path = $"{ShotDirectory}/{width}-urge-button.png", FullPage = true });
            await drafter.Locator("#btn-urge").ClickAsync();
            await Expect(drafter.Locator(".flash")).ToContainTextAsync("已催办：陈刚（生态环境局党组书记）");
            await Expect(drafter.Locator("#btn-urge")).ToHaveCountAsync(0);
            await Expect(drafter.Locator("#urged-today")).ToContainTextAsync("今天已由");
            await Expect(drafter.Locator("#urge-history li")).ToContainTextAsync(["催办 陈刚（生态环境局党组书记）"]);
            await drafter.ScreenshotAsync(new() { Path = $"{ShotDirectory}/{width}-urged.png", FullPage = true });

            var reviewer = await browser.SignInAsync(unit.Secretary, width);
            await reviewer.GotoAsync($"/Reports/Details/{report.Id}");
            await Expect(reviewer.Locator("#urged-today")).ToBeVisibleAsync();
            await Expect(reviewer.Locator("#btn-urge")).ToHaveCountAsync(0);
            await reviewer.Locator("#btn-return-open").ClickAsync();
            var picker = reviewer.GetByLabel("常用语").And(reviewer.Locator("#return-phrase"));
            await picker.SelectOptionAsync(new SelectOptionValue { Label = Saved });
            await reviewer.Locator("#return-phrase-insert").ClickAsync();
            await Expect(reviewer.Locator("#return-comment")).ToHaveValueAsync(Saved);
            await Expect(reviewer.Locator("#return-comment")).ToBeFocusedAsync();
            // Keyboard only: focus the picker, choose the default, press the button with Enter.
            await picker.FocusAsync();
            await picker.SelectOptionAsync(new SelectOptionValue { Label = Default });
            await reviewer.Locator("#return-phrase-insert").PressAsync("Enter");
            await Expect(reviewer.Locator("#return-comment")).ToHaveValueAsync($"{Saved}\n{Default}");
            await reviewer.ScreenshotAsync(new() { Path = $"{ShotDirectory}/{width}-return-with-phrases.png", FullPage = true });
            await reviewer.Locator("#btn-return").ClickAsync();
            await Expect(reviewer.Locator(".flash")).ToHaveTextAsync("报告已退回起草人。");
            await Expect(reviewer.Locator("#timeline li").First).ToContainTextAsync(Saved);
            // Returned, the report waits for nobody: no 催办 button, the record stays.
            await drafter.GotoAsync($"/Reports/Details/{report.Id}");
            await Expect(drafter.Locator("#btn-urge")).ToHaveCountAsync(0);
            await Expect(drafter.Locator("#urge-history li")).ToHaveCountAsync(1);
        }
    }
}
