using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// On a phone (390 px) in Chromium: the 安全保密管理员 resets a user's password (the page asks first, then shows the one-time
/// password once and moves the focus to it), the user signs in with it, is held on 修改密码 without dead navigation, is told
/// beside the field why a weak password is refused, sets a good one and reaches his pages. Fails on any CSP violation.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class PasswordResetBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string User = "drafter.haishi";
    private readonly ConcurrentQueue<string> _violations = new();

    private async Task<IPage> PhoneAsync()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await page.AddInitScriptAsync("""
            document.addEventListener("securitypolicyviolation", e =>
                console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
            """);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.StartsWith("CSP violation", StringComparison.Ordinal))
                _violations.Enqueue($"{page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => _violations.Enqueue($"{page.Url}: script error {error}");
        return page;
    }

    private static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(password);
        await page.Locator("#login-submit").ClickAsync();
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            $"{page.Url} scrolls sideways at 390 px.");

    [Fact]
    public async Task The_security_admin_resets_a_password_on_a_phone_and_the_user_must_change_it_before_anything_else()
    {
        var shots = browser.ScreenshotFolder("password-reset");

        var security = await PhoneAsync();
        await SignInAsync(security, "secadmin", AppFactory.Password);
        await Expect(security).ToHaveURLAsync(browser.BaseUrl + "/Security");
        await security.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "账号管理" }).ClickAsync();
        await Expect(security).ToHaveURLAsync(browser.BaseUrl + "/Security/Accounts");
        await Expect(security.GetByRole(AriaRole.Heading, new() { Name = "账号管理" })).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(security);

        // Each row's button names its account; the confirmation names it too, and saying no changes nothing.
        var reset = security.GetByRole(AriaRole.Button, new() { Name = $"重置密码：{User}", Exact = true });
        var questions = new List<string>();
        var accept = false;
        security.Dialog += async (_, dialog) =>
        {
            questions.Add(dialog.Message);
            if (accept) await dialog.AcceptAsync(); else await dialog.DismissAsync();
        };
        await reset.ClickAsync();
        await Expect(security.Locator($"tr[data-user=\"{User}\"]")).ToHaveAttributeAsync("data-state", "Active");
        Assert.Single(questions);
        Assert.Contains(User, questions[0]);
        await Expect(security.Locator("#one-time-password")).ToHaveCountAsync(0);

        accept = true;
        await reset.ClickAsync();
        var shown = security.Locator("#one-time-password");
        await Expect(shown).ToBeFocusedAsync();
        await Expect(shown.GetByRole(AriaRole.Heading)).ToHaveTextAsync($"账号 {User} 的一次性密码");
        await Expect(security.Locator($"tr[data-user=\"{User}\"]")).ToHaveAttributeAsync("data-state", "MustChangePassword");
        var oneTime = (await shown.Locator(".one-time-password").InnerTextAsync()).Trim();
        Assert.True(oneTime.Length >= 10, $"one-time password \"{oneTime}\" is too short");
        await AssertNoSidewaysScrollAsync(security);
        await security.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "01-one-time-password.png"), FullPage = true });

        // The old password no longer works; the one-time password leads only to 修改密码.
        var user = await PhoneAsync();
        await SignInAsync(user, User, AppFactory.Password);
        await Expect(user.Locator(".validation-summary-errors")).ToContainTextAsync("用户名或密码错误");
        await SignInAsync(user, User, oneTime);
        await Expect(user).ToHaveURLAsync(browser.BaseUrl + "/Account/ChangePassword");
        await Expect(user.Locator("#must-change")).ToBeVisibleAsync();
        await Expect(user.Locator("header nav")).ToHaveCountAsync(0);
        await Expect(user.GetByRole(AriaRole.Button, new() { Name = "退出" })).ToBeVisibleAsync();
        await user.GotoAsync("/Inbox");
        await Expect(user).ToHaveURLAsync(browser.BaseUrl + "/Account/ChangePassword");
        await AssertNoSidewaysScrollAsync(user);
        await user.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "02-must-change.png"), FullPage = true });

        // A password below the policy: the reason beside the field, tied to it for screen readers.
        await user.GetByLabel("当前密码").FillAsync(oneTime);
        await user.GetByLabel(new Regex("^新密码")).FillAsync("short");
        await user.GetByLabel("确认新密码").FillAsync("short");
        await user.GetByRole(AriaRole.Button, new() { Name = "修改密码" }).ClickAsync();
        await Expect(user.Locator("#new-password-error")).ToContainTextAsync("密码至少需要10位");
        await Expect(user.Locator("#Input_NewPassword")).ToHaveAttributeAsync("aria-describedby", new Regex(@"\bnew-password-error\b"));
        await AssertNoSidewaysScrollAsync(user);
        await user.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "03-refused.png"), FullPage = true });

        await user.GetByLabel("当前密码").FillAsync(oneTime);
        await user.GetByLabel(new Regex("^新密码")).FillAsync("Haishi#2026new");
        await user.GetByLabel("确认新密码").FillAsync("Haishi#2026new");
        await user.GetByRole(AriaRole.Button, new() { Name = "修改密码" }).ClickAsync();
        await Expect(user).ToHaveURLAsync(browser.BaseUrl + "/Inbox");
        await Expect(user.Locator(".flash")).ToContainTextAsync("密码已修改");
        await Expect(user.GetByRole(AriaRole.Link, new() { Name = "我的报告" })).ToBeVisibleAsync();
        await user.GetByRole(AriaRole.Link, new() { Name = "我的报告" }).ClickAsync();
        await Expect(user).ToHaveURLAsync(browser.BaseUrl + "/Reports");
        await user.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "04-own-pages.png"), FullPage = true });

        await security.GotoAsync("/Security/Accounts");
        await Expect(security.Locator($"tr[data-user=\"{User}\"]")).ToHaveAttributeAsync("data-state", "Active");
        Assert.True(_violations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join("\n", _violations));
    }
}
