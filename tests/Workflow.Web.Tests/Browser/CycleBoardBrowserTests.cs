using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.Activities.Organization;
using Workflow.Host.Cycles;
using Workflow.Host.Data;
using Workflow.Host.Seeding;
using Workflow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// 报送情况 as the committee at 1280 and 390 px, the demo's 2026 cycle due 2026-11-20 (three working days ago) and joined by
/// 市档案局, which has no report: the late units in red, the unit without a report, 催办 pressed once (one mail in the outbox)
/// and a second press from a page opened earlier refused politely. Screenshots go to /tmp/approvalflow-screenshots/cycle-board.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class CycleBoardBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/approvalflow-screenshots/cycle-board";

    [Theory]
    [InlineData(1280, 900, "KX", "王丽（市科协办公室）")]
    [InlineData(390, 844, "STHJ", "陈刚（生态环境局党组书记）")]
    public async Task The_committee_sees_the_late_units_in_red_and_urges_one_once(int width, int height, string unitCode, string recipient)
    {
        Directory.CreateDirectory(ShotDirectory);
        await PrepareAsync();
        var page = await browser.SignInAsync(DemoUnit.Committee, width, height);
        if (width < 600) await page.GotoAsync(browser.BaseUrl + "/Cycles");
        else await page.Locator("#nav-cycles").ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("报送情况");
        // The demo's seven agencies and 市档案局, added to the cycle here.
        await Expect(page.Locator("#board tbody tr")).ToHaveCountAsync(8);
        var archives = page.Locator("#board tr[data-unit=DAJ]");
        await Expect(archives).ToHaveAttributeAsync("data-state", "NotStarted");
        await Expect(archives).ToContainTextAsync("未起草");
        await Expect(archives).ToContainTextAsync("逾期 3 个工作日");
        await Expect(page.Locator("#board tr[data-unit=KX] .due")).ToHaveTextAsync("逾期 3 个工作日");
        // Red: the unit's name and the deadline badge of a late row.
        var red = await page.Locator("#board tr[data-unit=KX] .due").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(183, 28, 28)", red);
        Assert.Equal("rgb(183, 28, 28)", await page.Locator("#board tr[data-unit=DAJ] th").EvaluateAsync<string>("e => getComputedStyle(e).color"));
        // 市档案局 and the demo's 市机关事务管理局 have no report.
        await Expect(page.Locator("#board-counts a[data-state=NotStarted] strong")).ToHaveTextAsync("2");
        await Expect(page.Locator("#cycle-changes")).ToContainTextAsync("截止日期由2027-01-29改为2026-11-20");
        await page.ScreenshotAsync(new() { Path = Shot(width, "1-board"), FullPage = true });

        // A second tab opened before the press still offers the button.
        var earlier = await page.Context.NewPageAsync();
        await earlier.GotoAsync(page.Url);
        var before = await UrgeMailsAsync();
        var row = page.Locator($"#board tr[data-unit={unitCode}]");
        await row.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^催办") }).ClickAsync();

        await Expect(page.Locator(".flash, [role=status]").First).ToContainTextAsync($"已催办：向{recipient}发送了催办邮件。");
        await Expect(page.Locator($"#board tr[data-unit={unitCode}] .urged")).ToContainTextAsync("今天已催办（马骏（市直机关工委）");
        var mails = await UrgeMailsAsync();
        Assert.Equal(before + 1, mails);
        await page.ScreenshotAsync(new() { Path = Shot(width, "2-urged"), FullPage = true });

        await earlier.Locator($"#board tr[data-unit={unitCode}]").GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^催办") }).ClickAsync();
        await Expect(earlier.Locator("#urge-refused")).ToContainTextAsync("今天已催办（马骏（市直机关工委）");
        await Expect(earlier.Locator("#urge-refused")).ToContainTextAsync("本次未再发送");
        Assert.Equal(mails, await UrgeMailsAsync());
        await earlier.ScreenshotAsync(new() { Path = Shot(width, "3-second-press"), FullPage = true });
    }

    private Task<object> PrepareAsync() => browser.App.OnceAsync<object>("cycle-board", async () =>
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var cycles = scope.ServiceProvider.GetRequiredService<CycleService>();
        var archives = new Unit(Guid.NewGuid(), "市档案局", "DAJ", UnitKind.Agency, DemoSeeder.Committee, DemoSeeder.Team2);
        db.Units.Add(archives);
        await db.SaveChangesAsync();
        var cycle = await cycles.AddToCurrentAsync(archives.Id, "system", "系统管理员") ?? throw new InvalidOperationException("no current cycle");
        await cycles.EditAsync(cycle.Id, cycle.Name, new DateOnly(2026, 11, 20), cycle.Units.Select(u => u.UnitId).ToList(), cycle.Policy,
            "system", "系统管理员");
        return new object();
    });

    private async Task<int> UrgeMailsAsync()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Outbox.CountAsync(m => m.Key.StartsWith("urge:"));
    }

    private static string Shot(int width, string name) => Path.Combine(ShotDirectory, $"{width}-{name}.png");
}
