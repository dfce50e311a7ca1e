using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// The Content-Security-Policy in Chromium: every main page, as each kind of user, runs without one violation; the
/// route diagram (Mermaid) still draws and the delete confirmation (wwwroot/js/confirm.js) still asks.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>Violations the page reported (securitypolicyviolation events) or Chromium logged, with the page they came from.</summary>
    private readonly ConcurrentQueue<string> _violations = new();

    private async Task<IPage> WatchAsync(IPage page)
    {
        // Init scripts are injected by the browser itself, so the policy does not stop this listener.
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

    private async Task<IPage> SignInAsync(string userName, int width = 1280)
    {
        var page = await WatchAsync(await browser.NewPageAsync(width, 844));
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(AppFactory.Password);
        await page.Locator("#login-submit").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/Account/Login"));
        return page;
    }

    private async Task VisitAsync(IPage page, params string[] paths)
    {
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.True(response?.Status == 200, $"{path} answered {response?.Status}");
        }
    }

    [Fact]
    public async Task The_main_pages_of_every_role_run_without_a_policy_violation()
    {
        var login = await WatchAsync(await browser.NewPageAsync());
        await VisitAsync(login, "/Account/Login");

        var drafter = await SignInAsync(DemoUnit.Kexie.Drafter);
        await VisitAsync(drafter, "/Inbox", "/Reports", "/Reports/Create", "/Rectifications", "/Rectifications/Create", "/Account/Profile");

        var secretary = await SignInAsync(DemoUnit.Kexie.Secretary);
        await VisitAsync(secretary, "/Inbox", "/Reports", "/Rectifications", "/Rectifications/Summary");
        await secretary.GotoAsync("/Reports");
        await secretary.Locator("#reports a").First.ClickAsync();
        await secretary.Locator("#route-diagram-toggle").ClickAsync();
        await Expect(secretary.Locator("#route-diagram svg")).ToBeVisibleAsync();

        var committee = await SignInAsync(DemoUnit.Committee);
        await VisitAsync(committee, "/Reports/Compilation", "/Rectifications", "/Rectifications/Summary");

        var admin = await SignInAsync(DemoUnit.Admin);
        await VisitAsync(admin, "/Admin/Users", "/Admin/Units", "/Admin/Routes", "/Admin/Cycles", "/Admin/Calendar", "/Admin/Outbox", "/hangfire");

        var phone = await SignInAsync(DemoUnit.Kexie.Secretary, width: 390);
        await VisitAsync(phone, "/Reports", "/Rectifications");

        Assert.Empty(_violations);
    }

    [Fact]
    public async Task Removing_evidence_asks_first_from_a_script_file()
    {
        var api = await browser.App.SharedClientAsync(DemoUnit.Kexie.Drafter);
        var item = await api.PostJsonAsync("/api/rectifications", new
        {
            source = "巡视巡察", problem = "巡察反馈：会议记录不完整", ownerUserName = DemoUnit.Kexie.Drafter, deadline = "2027-06-30",
        }).ExpectAsync<Item>(HttpStatusCode.Created);
        // A quote in the name broke the old inline onsubmit="return confirm('…')"; an attribute holds it safely.
        const string fileName = "会议记录's 第一次.pdf";
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(content, "file", fileName);
        await api.PostAsync($"/api/rectifications/{item.Id}/evidence", form).ExpectAsync(HttpStatusCode.Created);

        var page = await SignInAsync(DemoUnit.Kexie.Drafter);
        await page.GotoAsync($"/Rectifications/Details/{item.Id}");
        var evidence = page.Locator("ul.evidence li", new() { HasTextString = "会议记录" });
        await Expect(evidence).ToHaveCountAsync(1);

        var questions = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            questions.Add(dialog.Message);
            if (questions.Count == 1) await dialog.DismissAsync();
            else await dialog.AcceptAsync();
        };
        await evidence.GetByRole(AriaRole.Button, new() { Name = "删除" }).ClickAsync();
        await Expect(evidence).ToHaveCountAsync(1);
        await evidence.GetByRole(AriaRole.Button, new() { Name = "删除" }).ClickAsync();
        await Expect(evidence).ToHaveCountAsync(0);

        Assert.Equal([$"删除佐证材料“{fileName}”？", $"删除佐证材料“{fileName}”？"], questions);
        Assert.Empty(_violations);
    }

    private sealed record Item(Guid Id);
}
