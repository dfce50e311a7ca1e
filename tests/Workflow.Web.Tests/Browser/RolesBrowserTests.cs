using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// The 系统管理员 at 1280 and 390 px: adds a unit role on 角色管理 (a built-in name is refused beside the field), then on a user's
/// page gives him a post (兼职) in a second agency, sees a post that does not fit the unit's kind refused beside the unit, and takes
/// the post away. Nothing runs off a phone's screen. Screenshots go to /tmp/approvalflow-screenshots/roles.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class RolesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/approvalflow-screenshots/roles";

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task The_admin_adds_a_role_and_gives_a_secretary_a_post_in_a_second_agency(int width, int height)
    {
        Directory.CreateDirectory(ShotDirectory);
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync("admin");
        await page.GetByLabel("密码").FillAsync(Infrastructure.AppFactory.Password);
        await page.Locator("#login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.BaseUrl + "/Admin/Users");

        await page.GotoAsync("/Admin/Roles");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "角色管理", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#roles tr[data-role='PartySecretary'][data-builtin='true']")).ToBeVisibleAsync();
        await page.GetByLabel("角色名称").FillAsync("党组书记");
        await page.Locator("#btn-add-role").ClickAsync();
        await Expect(page.Locator("#role-form .field-error").First).ToContainTextAsync("内置角色");
        await page.Locator("#role-form").ScreenshotAsync(new() { Path = Shot(width, "1-refused-name") });

        var name = $"办公室主任{width}";
        await page.GetByLabel("角色名称").FillAsync(name);
        await page.GetByLabel("所属单位类型").SelectOptionAsync("Agency");
        await page.GetByLabel("说明").FillAsync("负责报告核稿");
        await page.Locator("#btn-add-role").ClickAsync();
        await Expect(page.Locator($"#roles tr[data-role='{name}']")).ToContainTextAsync("报告单位");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, "the roles page scrolls sideways");
        await page.ScreenshotAsync(new() { Path = Shot(width, "2-roles"), FullPage = true });

        // 市人大常委会机关's secretary also becomes 市海事法院's — in the role just added to it as well.
        await page.GotoAsync("/Admin/Users");
        await page.Locator("tr[data-user='secretary.renda'] a", new() { HasText = "编辑" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Admin/Users/Edit/"));
        await Expect(page.Locator("#no-posts")).ToBeVisibleAsync();
        await page.GetByLabel("兼职单位").SelectOptionAsync(new SelectOptionValue { Label = "派驻第二纪检监察组" });
        await page.GetByLabel("兼职角色").SelectOptionAsync(new SelectOptionValue { Label = "党组书记" });
        await page.Locator("#btn-add-post").ClickAsync();
        await Expect(page.Locator("#post-form .field-error").First).ToContainTextAsync("只能在报告单位担任");

        await page.GetByLabel("兼职单位").SelectOptionAsync(new SelectOptionValue { Label = "市海事法院" });
        await page.GetByLabel("兼职角色").SelectOptionAsync(new SelectOptionValue { Label = "党组书记" });
        await page.Locator("#btn-add-post").ClickAsync();
        await Expect(page.Locator("#post-list li[data-role='PartySecretary']")).ToContainTextAsync("市海事法院");
        await page.GetByLabel("兼职单位").SelectOptionAsync(new SelectOptionValue { Label = "市海事法院" });
        await page.GetByLabel("兼职角色").SelectOptionAsync(new SelectOptionValue { Label = name });
        await page.Locator("#btn-add-post").ClickAsync();
        await Expect(page.Locator("#post-list li")).ToHaveCountAsync(2);
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, "the user page scrolls sideways");
        await page.ScreenshotAsync(new() { Path = Shot(width, "3-posts"), FullPage = true });

        // Both taken away again, so the other width starts from none.
        await page.Locator("#post-list li").First.GetByRole(AriaRole.Button, new() { Name = "取消兼职" }).ClickAsync();
        await Expect(page.Locator("#post-list li")).ToHaveCountAsync(1);
        await page.Locator("#post-list li").First.GetByRole(AriaRole.Button, new() { Name = "取消兼职" }).ClickAsync();
        await Expect(page.Locator("#no-posts")).ToBeVisibleAsync();
    }

    private static string Shot(int width, string name) => Path.Combine(ShotDirectory, $"{width}-{name}.png");
}
