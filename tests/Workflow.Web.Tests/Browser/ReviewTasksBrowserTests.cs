using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.Activities;
using Workflow.Activities.Routes;
using Workflow.Host.Identity;
using Workflow.Host.Routes;
using Workflow.Host.Seeding;
using Workflow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// 会签, 加签 and 转办 through the pages, at 1280 and 390 px. 市科协's route has its 纪检监察组审核 as 会签 (two inspectors of the
/// first team); the admin sees the mode in 流程设计 and switches a step to 或签 (saved and read back, then the draft is thrown
/// away). On the report: inspector 1 tries an empty 加签 (messages beside the fields), adds the committee before himself (前加签),
/// the committee approves (加签意见), inspector 1 approves and waits for the other member; inspector 2 transfers his part
/// (empty first, then to a colleague who joined the team after the step began), who approves and completes the step. Screenshots
/// go to /tmp/shots-ui18.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class ReviewTasksBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/shots-ui18";
    private const string Second = "inspector.team1b";

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task Members_of_a_countersign_step_add_a_reviewer_transfer_and_approve_through_the_report_page(int width, int height)
    {
        Directory.CreateDirectory(ShotDirectory);
        await browser.App.OnceAsync("countersign-route", SetUpRouteAsync);

        // 流程设计: the 会签 step shows its mode; 或签 on the first step round-trips through the draft.
        var admin = await browser.NewPageAsync(width, height);
        await admin.GotoAsync("/Account/Login");
        await admin.GetByLabel("用户名").FillAsync(DemoUnit.Admin);
        await admin.GetByLabel("密码").FillAsync(AppFactory.Password);
        await admin.Locator("#login-submit").ClickAsync();
        await admin.GotoAsync("/Admin/Routes/Design");
        await Expect(admin.Locator("#mode-1")).ToHaveValueAsync("All");
        await Expect(admin.GetByLabel("审批方式").Nth(1)).ToHaveValueAsync("All");
        await Expect(admin.Locator("li.design-step[data-step='1'] h2")).ToContainTextAsync("纪检监察组审核（会签）");
        await Expect(admin.Locator("#mode-hint-1")).ToContainTextAsync("每个在用账号都须同意");
        await admin.Locator("#mode-0").SelectOptionAsync("Any");
        await admin.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Expect(admin.Locator("#mode-0")).ToHaveValueAsync("Any");
        await Expect(admin.Locator("#mode-hint-0")).ToContainTextAsync("第一人的决定");
        await Expect(admin.Locator("#route-diagram-details svg")).ToContainTextAsync("党组书记审核（或签）");
        await Expect(admin.Locator("#route-diagram-details svg")).ToContainTextAsync("纪检监察组审核（会签）");
        await NoSidewaysScrollAsync(admin, width);
        await admin.ScreenshotAsync(new() { Path = Shot(width, "1-designer"), FullPage = true });
        await admin.GetByRole(AriaRole.Button, new() { Name = "放弃草稿" }).ClickAsync();
        await Expect(admin.Locator("#mode-0")).ToHaveValueAsync("Single");

        var report = await browser.App.CreateReportAsync(DemoUnit.Kexie, "DisciplineReview");
        var url = $"/Reports/Details/{report.Id}";
        // A colleague who joined the team after the step began is no member, so the members may transfer to him.
        var late = await CreateInspectorAsync($"inspector.late{width}", $"钱新{width}（派驻第一纪检监察组）");
        try
        {
            await WalkAsync(url, late, width, height);
        }
        finally
        {
            // Not a member of the next case's 会签 step.
            await using var scope = browser.App.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.RemoveFromRoleAsync((await users.FindByIdAsync(late))!, RoleNames.DisciplineInspector);
        }
    }

    private async Task WalkAsync(string url, string late, int width, int height)
    {

        // Inspector 1: the step waits for both members; an empty 加签 is refused beside its fields.
        var first = await browser.SignInAsync(DemoUnit.Kexie.Inspector, width, height);
        await first.GotoAsync(url);
        await Expect(first.Locator("#countersign-progress")).ToContainTextAsync("会签进度 0/2");
        await Expect(first.Locator("#review-task-list li[data-state=Open]")).ToHaveCountAsync(2);
        await Expect(first.Locator("#review-task-list")).ToContainTextAsync("待审核");
        await Expect(first.Locator("#stepbar li[aria-current=step]")).ToContainTextAsync("纪检监察组审核（会签）");
        await first.ScreenshotAsync(new() { Path = Shot(width, "2-countersign-waiting") });
        await first.Locator("#btn-add-reviewer-open").ClickAsync();
        await first.Locator("#btn-add-reviewer").ClickAsync();
        await Expect(first.Locator("#add-reviewer-user-error")).ToHaveTextAsync("请选择加签人。");
        await Expect(first.Locator("#add-reviewer-position-error")).ToHaveTextAsync("请选择前加签或后加签。");
        // The refused field can be brought into view inside the phone's bottom bar.
        await first.Locator("#add-reviewer-user").ScrollIntoViewIfNeededAsync();
        await Expect(first.Locator("#add-reviewer-user")).ToBeInViewportAsync();
        await first.ScreenshotAsync(new() { Path = Shot(width, "3-add-reviewer-refused") });

        // 前加签: the committee reviews first; the step bar inserts him after the step, the journal names him.
        await first.Locator("#add-reviewer-user").SelectOptionAsync(new SelectOptionValue { Label = "马骏（市直机关工委）" });
        await first.GetByLabel("前加签：先由加签人审核，再回到您").CheckAsync();
        await first.Locator("#add-reviewer-comment").FillAsync("请工委先把关问题清单。");
        await first.Locator("#btn-add-reviewer").ClickAsync();
        await Expect(first.Locator(".flash, [role=status]").First).ToBeVisibleAsync();
        var added = first.Locator("#stepbar li[data-step^='added-']");
        await Expect(added).ToHaveAttributeAsync("data-state", "Current");
        await Expect(added).ToContainTextAsync("前加签：马骏（市直机关工委）");
        await Expect(added).ToContainTextAsync("审核后返回 刘洋（派驻第一纪检监察组）");
        await Expect(first.Locator("#stepbar li[aria-current=step]")).ToHaveAttributeAsync("data-step", "DisciplineReview");
        await Expect(first.Locator("#review-task-list")).ToContainTextAsync("加签中");
        await Expect(first.Locator("#timeline li[data-action=ReviewerAddedBefore]")).ToContainTextAsync("前加签 马骏（市直机关工委）");
        await Expect(first.Locator("#btn-approve-open")).ToHaveCountAsync(0);
        await NoSidewaysScrollAsync(first, width);
        await first.ScreenshotAsync(new() { Path = Shot(width, "4-added-before"), FullPage = true });

        // The committee's 待办 says why; his approval is a 加签意见 and the step comes back to inspector 1.
        var committee = await browser.SignInAsync(DemoUnit.Committee, width, height);
        await Expect(committee.Locator("#inbox tbody tr", new() { HasText = "前加签" })).ToHaveCountAsync(1);
        await Expect(committee.Locator("#inbox tbody tr", new() { HasText = "前加签" }).Locator(".todo-task-note"))
            .ToHaveTextAsync("加签：请审核后返回 刘洋（派驻第一纪检监察组）");
        await committee.GotoAsync(url);
        await committee.Locator("#btn-approve-open").ClickAsync();
        await committee.Locator("#approve-comment").FillAsync("问题清单已核，同意。");
        await committee.Locator("#btn-approve").ClickAsync();
        await Expect(committee.Locator("#timeline li[data-action=Countersigned]").First).ToContainTextAsync("加签意见");

        await first.GotoAsync(url);
        await first.Locator("#btn-approve-open").ClickAsync();
        await first.Locator("#btn-approve").ClickAsync();
        await Expect(first.Locator("#approved-waiting")).ToHaveTextAsync("您已同意，等待其他会签人。");
        await Expect(first.Locator("#countersign-progress")).ToContainTextAsync("会签进度 1/2");
        await Expect(first.Locator("#timeline li[data-action=Countersigned]").First).ToContainTextAsync("会签同意");
        await Expect(first.Locator("#btn-approve-open")).ToHaveCountAsync(0);
        await first.ScreenshotAsync(new() { Path = Shot(width, "5-approved-waiting") });

        // Inspector 2 transfers: empty first (both fields refused), then to the late colleague with a comment.
        var second = await browser.SignInAsync(Second, width, height);
        await second.GotoAsync(url);
        await second.Locator("#btn-transfer-open").ClickAsync();
        await second.Locator("#btn-transfer").ClickAsync();
        await Expect(second.Locator("#transfer-to-error")).ToHaveTextAsync("请选择转办给谁。");
        await Expect(second.Locator("#transfer-comment-error")).ToHaveTextAsync("转办时必须填写转办说明。");
        await Expect(second.Locator("#transfer-comment")).ToHaveAttributeAsync("aria-describedby", "transfer-comment-error");
        await second.ScreenshotAsync(new() { Path = Shot(width, "6-transfer-refused") });
        await second.GetByLabel("转办给").SelectOptionAsync(late);
        await second.GetByLabel("转办说明（必填）").FillAsync("本人出差，请钱新代为审核。");
        await second.Locator("#btn-transfer").ClickAsync();
        await Expect(second.Locator("#timeline li[data-action=Transferred]")).ToContainTextAsync($"转办给 钱新{width}（派驻第一纪检监察组）");
        await Expect(second.Locator("#review-task-list")).ToContainTextAsync("已转办");
        await Expect(second.Locator("#btn-transfer-open")).ToHaveCountAsync(0);

        // The colleague finds it in his 待办, approves, and the step is complete.
        var third = await browser.SignInAsync($"inspector.late{width}", width, height);
        await Expect(third.Locator("#inbox tbody tr", new() { HasText = "会签" })).ToHaveCountAsync(1);
        await Expect(third.Locator("#inbox tbody tr", new() { HasText = "会签" }).Locator(".todo-task-note"))
            .ToHaveTextAsync("张伟（派驻第一纪检监察组） 转办 · 会签进度 1/2");
        await third.ScreenshotAsync(new() { Path = Shot(width, "7-todo") });
        await third.GotoAsync(url);
        await Expect(third.Locator("#review-task-list")).ToContainTextAsync("转办");
        await third.ScreenshotAsync(new() { Path = Shot(width, "8-transferee"), FullPage = true });
        await third.Locator("#btn-approve-open").ClickAsync();
        await third.Locator("#btn-approve").ClickAsync();
        await Expect(third.Locator("#report-status")).ToHaveAttributeAsync("data-status", "CommitteeReview");
    }

    // Once per app: a second inspector of the first team, and 市科协's route with 纪检监察组审核 as 会签.
    private async Task<object> SetUpRouteAsync()
    {
        await CreateInspectorAsync(Second, "张伟（派驻第一纪检监察组）");
        await using var scope = browser.App.Services.CreateAsyncScope();
        var designer = scope.ServiceProvider.GetRequiredService<RouteDesigner>();
        var standard = RouteDefinition.StandardV1(DateTimeOffset.UnixEpoch);
        var steps = standard.Steps.Select(s => s.Key == "DisciplineReview" ? s with { Mode = StepMode.All } : s).ToList();
        await designer.SaveAsync("市科协会签流程", steps, [DemoSeeder.Kexie]);
        return await designer.PublishAsync();
    }

    private async Task<string> CreateInspectorAsync(string userName, string name)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = name, UnitId = DemoSeeder.Team1, Email = $"{userName}@example.gov.cn", EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, AppFactory.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, RoleNames.DisciplineInspector)).Succeeded);
        return user.Id;
    }

    private static async Task NoSidewaysScrollAsync(IPage page, int width) =>
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, "the page scrolls sideways");

    private static string Shot(int width, string name) => Path.Combine(ShotDirectory, $"{width}-{name}.png");
}
