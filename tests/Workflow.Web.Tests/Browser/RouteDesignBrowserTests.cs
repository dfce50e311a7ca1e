using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// The admin opens 流程设计 from 流程版本 at 1280 and 390 px, adds a fourth step, names it 办公室核稿, moves it to the front,
/// validates (every agency has a secretary to decide it) and sees the draft's diagram with the new step; then throws the draft
/// away. Nothing runs off a phone's screen. Screenshots go to /tmp/approvalflow-screenshots/routes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RouteDesignBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/approvalflow-screenshots/routes";

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task The_admin_adds_a_step_moves_it_first_validates_and_sees_the_diagram(int width, int height)
    {
        Directory.CreateDirectory(ShotDirectory);
        // The administrator lands on 用户管理, not on an inbox: sign in by hand.
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync("admin");
        await page.GetByLabel("密码").FillAsync(Infrastructure.AppFactory.Password);
        await page.Locator("#login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.BaseUrl + "/Admin/Users");
        await page.GotoAsync("/Admin/Routes");
        await page.Locator("#btn-design").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Admin/Routes/Design$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "流程设计", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("li.design-step")).ToHaveCountAsync(3);

        await page.GetByRole(AriaRole.Button, new() { Name = "添加环节" }).ClickAsync();
        await Expect(page.Locator("li.design-step")).ToHaveCountAsync(4);
        await page.Locator("#key-3").FillAsync("OfficeReview");
        await page.Locator("#name-3").FillAsync("办公室核稿");
        await page.Locator("li.design-step[data-step='3']").GetByRole(AriaRole.Button, new() { Name = "上移" }).ClickAsync();
        await page.Locator("li.design-step[data-step='2']").GetByRole(AriaRole.Button, new() { Name = "上移" }).ClickAsync();
        await page.Locator("li.design-step[data-step='1']").GetByRole(AriaRole.Button, new() { Name = "上移" }).ClickAsync();
        await Expect(page.Locator("#key-0")).ToHaveValueAsync("OfficeReview");
        await Expect(page.Locator("#name-1")).ToHaveValueAsync("党组书记审核");

        await page.Locator("#btn-validate").ClickAsync();
        await Expect(page.Locator("#validation-heading")).ToHaveTextAsync("校验通过");
        await Expect(page.Locator("#route-diagram-details svg")).ToBeVisibleAsync();
        await Expect(page.Locator("#route-diagram-details svg")).ToContainTextAsync("办公室核稿");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, "the page scrolls sideways");
        await page.ScreenshotAsync(new() { Path = Shot(width, "1-validated"), FullPage = true });

        // A key that is a fixed state is named beside its step.
        await page.Locator("#key-0").FillAsync("Approved");
        await page.Locator("#btn-validate").ClickAsync();
        await Expect(page.Locator("li.design-step[data-step='0'] .field-error")).ToContainTextAsync("环节标识");
        await page.Locator("li.design-step[data-step='0']").ScreenshotAsync(new() { Path = Shot(width, "2-bad-key") });

        await page.GetByRole(AriaRole.Button, new() { Name = "放弃草稿" }).ClickAsync();
        await Expect(page.Locator("li.design-step")).ToHaveCountAsync(3);
    }

    private static string Shot(int width, string name) => Path.Combine(ShotDirectory, $"{width}-{name}.png");
}
