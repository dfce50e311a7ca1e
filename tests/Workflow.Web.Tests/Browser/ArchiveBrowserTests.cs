using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.Host.Data;
using Workflow.Host.Seeding;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// The verifiable archive in Chromium at 1280 and 390 px: the committee finds 导出存档 on a report and the 存档导出 page; the
/// auditor's 存档链校验 passes, then, after a journal row is rewritten past the app, names that report's broken link.
/// PNGs in /tmp/chain-shots.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class ArchiveBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public const string Shots = "/tmp/chain-shots";

    [Fact]
    public async Task The_committee_exports_and_the_auditor_sees_the_chain_pass_then_break_at_1280_and_390_px()
    {
        if (Directory.Exists(Shots)) Directory.Delete(Shots, recursive: true);
        Directory.CreateDirectory(Shots);
        Guid reportId;
        await using (var scope = browser.App.Services.CreateAsyncScope())
            reportId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Reports
                .Where(r => r.UnitId == DemoSeeder.Renda && r.Year == 2026).Select(r => r.Id).SingleAsync();

        foreach (var width in new[] { 1280, 390 })
        {
            var committee = await browser.SignInAsync("committee.gongwei", width);
            await committee.GotoAsync($"/Reports/Details/{reportId}");
            await Expect(committee.Locator("#btn-archive")).ToBeVisibleAsync();
            await ShotAsync(committee, $"report-{width}");
            await committee.GotoAsync("/Reports/Archive");
            await Expect(committee.Locator("#btn-archive-year")).ToBeVisibleAsync();
            await ShotAsync(committee, $"export-{width}");

            var auditor = await AuditorAsync(width);
            await auditor.GotoAsync("/Audit");
            await auditor.Locator("#audit-chain").ClickAsync();
            await auditor.Locator("#btn-chain-check").ClickAsync();
            await Expect(auditor.Locator("#chain-verdict")).ToContainTextAsync("全部吻合");
            await ShotAsync(auditor, $"check-ok-{width}");
        }

        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"ReportJournal_no_update\";");
            await db.Database.ExecuteSqlAsync($"UPDATE \"ReportJournal\" SET \"Comment\" = '已改写的意见' WHERE \"ReportId\" = {reportId} AND \"Sequence\" = 1");
        }
        foreach (var width in new[] { 1280, 390 })
        {
            var auditor = await AuditorAsync(width);
            await auditor.GotoAsync("/Audit/Chain");
            await auditor.Locator("#btn-chain-check").ClickAsync();
            await Expect(auditor.Locator("#chain-verdict")).ToContainTextAsync("不符");
            var row = auditor.Locator("#chain-breaks tbody tr", new() { HasTextString = "市人大常委会机关" });
            await Expect(row.Locator("td[data-label='原因']")).ToContainTextAsync("记录内容被改动");
            await ShotAsync(auditor, $"check-broken-{width}");
        }
        await using (var scope = browser.App.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<AppDbContext>().SecurityAudit
                .AnyAsync(e => e.Kind == "ArchiveChecked" && !e.Succeeded && e.Detail!.Contains("市人大常委会机关")));
    }

    /// <summary>The auditor lands on the audit log, not the 待办.</summary>
    private async Task<IPage> AuditorAsync(int width)
    {
        var page = await browser.NewPageAsync(width, 900);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync("auditor");
        await page.GetByLabel("密码").FillAsync(Infrastructure.AppFactory.Password);
        await page.Locator("#login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.BaseUrl + "/Audit");
        return page;
    }

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name + ".png"), FullPage = true });
}
