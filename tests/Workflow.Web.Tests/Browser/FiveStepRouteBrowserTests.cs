using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.Activities.Calendar;
using Workflow.Host.Identity;
using Workflow.Web.Tests.Infrastructure;
using Workflow.Web.Tests.Verbs;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// Issue 16's journey in Chromium on the five-step route the administrator designed for 市科协 (<see cref="FiveStepRoute"/>):
/// the drafter submits with a 抄送, the office director transfers (转办) to his deputy who approves, the 分管领导 adds the office
/// director before himself (前加签) and approves when it comes back, the secretary's delegate (委托) approves "代" him, one
/// inspector approves, the drafter urges (催办) the other, who returns; the resubmission asks both inspectors again, both approve,
/// the committee approves. Every decision through the report page's forms; screenshots in /tmp/shots-journey16.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FiveStepRouteBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/shots-journey16";
    private static readonly DemoUnit Unit = DemoUnit.Kexie;

    public sealed record Report(Guid Id);
    public sealed record Candidate(string Id, string Name);
    public sealed record DelegationState(Candidate[] Candidates);

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task A_report_goes_through_the_designed_route_with_every_verb_on_the_report_page(int width, int height)
    {
        Directory.CreateDirectory(ShotDirectory);
        var app = browser.App;
        await app.OnceAsync("five-step-route", async () =>
        {
            await FiveStepRoute.AddPeopleAsync(app);
            return await FiveStepRoute.PublishAsync(app);
        });
        var year = app.NextYear(Unit);
        var drafterApi = await app.ClientForAsync(Unit.Drafter);
        var report = await drafterApi.PostJsonAsync("/api/reports",
                new { title = $"中共市科协党组关于{year}年度落实全面从严治党主体责任情况的报告", year, body = ReportScenarios.Body })
            .ExpectAsync<Report>(HttpStatusCode.Created);
        var url = $"/Reports/Details/{report.Id}";
        var committeeId = await IdOfAsync(DemoUnit.Committee);

        // 提交 with a 抄送 to the committee member.
        var drafter = await browser.SignInAsync(Unit.Drafter, width, height);
        await drafter.GotoAsync(url);
        await drafter.Locator("#submit-copy summary").ClickAsync();
        await drafter.Locator($"#submit-copy-{committeeId}").CheckAsync();
        await drafter.Locator("#btn-submit").ClickAsync();
        await Expect(drafter.Locator("#report-status")).ToHaveTextAsync("办公室核稿");

        // 转办: the office director hands the step to his deputy, who approves it.
        var office = await DecideAsync(FiveStepRoute.Office, url, width, height, async page =>
        {
            await page.Locator("#btn-transfer-open").ClickAsync();
            await page.Locator("#transfer-to").SelectOptionAsync(await IdOfAsync(FiveStepRoute.Office2));
            await page.Locator("#transfer-comment").FillAsync("本人出差，请钱进同志核稿。");
            await page.Locator("#btn-transfer").ClickAsync();
        });
        await Expect(office.Locator("#review-task-list")).ToContainTextAsync("钱进");
        await Shot(office, width, "1-transferred");
        await ApproveAsync(FiveStepRoute.Office2, url, width, height, "核稿完毕。", "分管领导审核");

        // 前加签: the 分管领导 asks the office director first; it comes back to him.
        var deputy = await DecideAsync(FiveStepRoute.Deputy, url, width, height, async page =>
        {
            await page.Locator("#btn-add-reviewer-open").ClickAsync();
            await page.Locator("#add-reviewer-user").SelectOptionAsync(await IdOfAsync(FiveStepRoute.Office));
            await page.Locator("#add-reviewer-before").CheckAsync();
            await page.Locator("#add-reviewer-comment").FillAsync("请办公室再核一遍数据。");
            await page.Locator("#btn-add-reviewer").ClickAsync();
        });
        await Expect(deputy.Locator("#review-task-list")).ToContainTextAsync("前加签");
        // His own task, given back to him after the added reviewer, is his as 审核人, not a 转办.
        await Expect(deputy.Locator("#review-task-list")).ToContainTextAsync("审核人");
        await Expect(deputy.Locator("#review-task-list")).Not.ToContainTextAsync("转办");
        await Shot(deputy, width, "2-added-before");
        await ApproveAsync(FiveStepRoute.Office, url, width, height, "数据已核。", "分管领导审核");
        await ApproveAsync(FiveStepRoute.Deputy, url, width, height, "同意。", "党组书记审核");

        // 委托: the secretary names a delegate for three days; the delegate decides "代" him on the page.
        var secretaryApi = await app.ClientForAsync(Unit.Secretary);
        var today = ChinaTime.Today(app.Clock);
        var standIn = (await secretaryApi.GetAsync("/api/account/delegation").ExpectAsync<DelegationState>(HttpStatusCode.OK)).Candidates
            .First(c => c.Name.Contains("党组书记"));
        await secretaryApi.PutJsonAsync("/api/account/delegation", new { delegateId = standIn.Id, from = today, to = today.AddDays(3) })
            .ExpectAsync(HttpStatusCode.OK);
        try
        {
            var page = await browser.SignInAsync(await UserNameOfAsync(standIn.Id), width, height);
            await Expect(page.Locator("main")).ToContainTextAsync("代");
            await page.GotoAsync(url);
            await page.Locator("#btn-approve-open").ClickAsync();
            await page.Locator("#approve-comment").FillAsync("同意（代）。");
            await page.Locator("#btn-approve").ClickAsync();
        }
        finally
        {
            await secretaryApi.DeleteAsync("/api/account/delegation").ExpectAsync(HttpStatusCode.NoContent);
        }

        // 会签: one inspector approves and waits for the other; the drafter urges (催办); the other returns.
        var inspector = await ApproveAsync(Unit.Inspector, url, width, height, "同意。", "纪检监察组会签");
        await Expect(inspector.Locator("#approved-waiting")).ToBeVisibleAsync();
        await Expect(inspector.Locator("#countersign-progress")).ToContainTextAsync("1/2");
        await Shot(inspector, width, "3-countersign-half");
        await drafter.GotoAsync(url);
        await drafter.Locator("#btn-urge").ClickAsync();
        await Expect(drafter.Locator("#urged-today")).ToBeVisibleAsync();
        await Expect(drafter.Locator("#urge-history")).ToContainTextAsync("周洁");
        await Shot(drafter, width, "4-urged");
        await DecideAsync(FiveStepRoute.Inspector2, url, width, height, async page =>
        {
            await page.Locator("#btn-return-open").ClickAsync();
            await page.Locator("#return-comment").FillAsync("请补充对上年度问题整改情况的说明。");
            await page.Locator("#btn-return").ClickAsync();
        });

        // The resubmission comes back to the 会签 step and asks both again.
        await drafter.GotoAsync(url);
        await drafter.Locator("#btn-submit").ClickAsync();
        await Expect(drafter.Locator("#report-status")).ToHaveTextAsync("纪检监察组会签");
        await Expect(drafter.Locator("#countersign-progress")).ToContainTextAsync("0/2");
        await ApproveAsync(FiveStepRoute.Inspector2, url, width, height, "同意。", "纪检监察组会签");
        await ApproveAsync(Unit.Inspector, url, width, height, "同意。", "市直机关工委审核");
        var committee = await ApproveAsync(DemoUnit.Committee, url, width, height, "审核通过。", "已通过");

        // The journal tells the whole story, with the 转办 and 加签 targets and the delegate.
        var journal = committee.Locator("[data-action]");
        await Expect(committee.Locator("[data-action='Transferred']")).ToContainTextAsync("转办给 钱进");
        await Expect(committee.Locator("[data-action='ReviewerAddedBefore']")).ToContainTextAsync("前加签 赵敏");
        await Expect(committee.Locator("[data-action='Countersigned']")).ToHaveCountAsync(3);
        await Expect(committee.Locator("[data-action='Returned']")).ToHaveCountAsync(1);
        Assert.Equal(14, await journal.CountAsync());
        await NoSidewaysScrollAsync(committee, width);
        await Shot(committee, width, "5-approved");
    }

    private async Task<IPage> ApproveAsync(string userName, string url, int width, int height, string comment, string next)
    {
        var page = await DecideAsync(userName, url, width, height, async p =>
        {
            await p.Locator("#btn-approve-open").ClickAsync();
            await p.Locator("#approve-comment").FillAsync(comment);
            await p.Locator("#btn-approve").ClickAsync();
        });
        await Expect(page.Locator("#report-status")).ToHaveTextAsync(next);
        return page;
    }

    private async Task<IPage> DecideAsync(string userName, string url, int width, int height, Func<IPage, Task> decide)
    {
        var page = await browser.SignInAsync(userName, width, height);
        await page.GotoAsync(url);
        await decide(page);
        await Expect(page.Locator(".flash")).ToBeVisibleAsync();
        return page;
    }

    private static Task Shot(IPage page, int width, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ShotDirectory, $"{width}-{name}.png"), FullPage = true });

    private static async Task NoSidewaysScrollAsync(IPage page, int width) =>
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= width, "the page scrolls sideways");

    private async Task<string> IdOfAsync(string userName)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName))!.Id;
    }

    private async Task<string> UserNameOfAsync(string id)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(id))!.UserName!;
    }
}
