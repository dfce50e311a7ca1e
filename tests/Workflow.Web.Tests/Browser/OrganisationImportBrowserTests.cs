using Microsoft.Playwright;
using Workflow.Web.Tests.Admin;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>组织机构导入 on a phone in Chromium: a refused file explained beside the field, then the corrected file imported.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganisationImportBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_admin_imports_on_a_phone_after_fixing_the_cell_the_page_pointed_at()
    {
        var shots = browser.ScreenshotFolder("organisation-import");
        // The administrator lands on 用户管理, not on an inbox: sign in by hand.
        var phone = await browser.NewPageAsync(width: 390, height: 844);
        await phone.GotoAsync("/Account/Login");
        await phone.GetByLabel("用户名").FillAsync("admin");
        await phone.GetByLabel("密码").FillAsync(Infrastructure.AppFactory.Password);
        await phone.Locator("#login-submit").ClickAsync();
        await Expect(phone).ToHaveURLAsync(browser.BaseUrl + "/Admin/Users");
        await phone.GotoAsync("/Admin/Organisation");
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "组织机构导入" })).ToBeVisibleAsync();
        await Expect(phone.GetByRole(AriaRole.Link, new() { Name = "下载导入模板" })).ToBeVisibleAsync();

        string?[][] people = [["br.one", "浏览器干部", "BR1", "起草人", "br.one@example.gov.cn"]];
        await phone.GetByLabel("Excel 文件").SetInputFilesAsync(new FilePayload
        {
            Name = "组织机构.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = OrganisationBook.Write([["BR1", "浏览器局", "报告单位", "GW", "NOPE"]], people),
        });
        await phone.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        await Expect(phone.Locator("#import-errors tbody tr")).ToHaveCountAsync(1);
        await Expect(phone.Locator("#import-errors")).ToContainTextAsync("“单位”表第2行“派驻纪检监察组代码”：单位代码“NOPE”不存在");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "The organisation page scrolls sideways at 390 px.");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "01-refused.png"), FullPage = true });

        await phone.GetByLabel("Excel 文件").SetInputFilesAsync(new FilePayload
        {
            Name = "组织机构.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = OrganisationBook.Write([["BR1", "浏览器局", "报告单位", "GW", "JJ1"]], people),
        });
        await phone.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        await Expect(phone.Locator("#import-result")).ToContainTextAsync("新建单位 1 个，修改单位 0 个；新建人员 1 名，修改人员 0 名。");
        await Expect(phone.Locator("#import-no-password")).ToContainTextAsync("请安全保密管理员为他们设置初始密码");
        await Expect(phone.Locator("#import-errors")).ToHaveCountAsync(0);
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "02-imported.png"), FullPage = true });
    }
}
