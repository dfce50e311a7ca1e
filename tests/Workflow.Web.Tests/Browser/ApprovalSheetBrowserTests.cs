using Microsoft.Playwright;
using Workflow.Web.Tests.Documents;
using Workflow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// 下载审批单 on the report page and on 全部报告 gives PDFs holding every opinion; the printed report page shows title, meta and
/// the opinion trail without menu or buttons. Screenshots at 1280 and 390 px go to /tmp/approvalflow-screens/approval-sheet/.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class ApprovalSheetBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/approvalflow-screens/approval-sheet";

    [Fact]
    public async Task The_report_page_downloads_its_sheet_prints_its_opinion_trail_and_the_committee_downloads_the_year()
    {
        if (Directory.Exists(ShotDirectory)) Directory.Delete(ShotDirectory, recursive: true);
        Directory.CreateDirectory(ShotDirectory);
        var report = await browser.App.CreateReportAsync(DemoUnit.Kexie, "Returned");
        var url = $"/api/reports/{report.Id}";
        await (await browser.App.SharedClientAsync(DemoUnit.Kexie.Drafter)).PostJsonAsync($"{url}/submit");
        foreach (var (user, comment) in new[] { (DemoUnit.Kexie.Secretary, "修改到位，同意报送。"), (DemoUnit.Kexie.Inspector, "纪检监察组审核同意。"),
                     (DemoUnit.Committee, "工委审核通过。") })
            await (await browser.App.SharedClientAsync(user)).PostJsonAsync($"{url}/approve", new { comment })
                .ExpectAsync(System.Net.HttpStatusCode.OK);

        foreach (var width in new[] { 1280, 390 })
        {
            var drafter = await browser.SignInAsync(DemoUnit.Kexie.Drafter, width);
            await drafter.GotoAsync($"/Reports/Details/{report.Id}");
            var button = drafter.GetByRole(AriaRole.Link, new() { Name = "下载审批单" });
            await Expect(button).ToBeVisibleAsync();
            await drafter.ScreenshotAsync(new() { Path = $"{ShotDirectory}/{width}-report-page.png", FullPage = true });
            var download = await drafter.RunAndWaitForDownloadAsync(() => button.ClickAsync());
            Assert.EndsWith("（审批单）.pdf", download.SuggestedFilename);
            await download.SaveAsAsync($"{ShotDirectory}/{width}-sheet.pdf");
            var text = string.Concat(ApprovalSheetTests.PdfText(await File.ReadAllBytesAsync(await download.PathAsync())));
            foreach (var opinion in new[] { "请补充问题清单。", "修改到位，同意报送。", "纪检监察组审核同意。", "工委审核通过。" })
                Assert.Contains(opinion, text);

            await drafter.EmulateMediaAsync(new() { Media = Media.Print });
            await Expect(drafter.Locator(".topbar")).ToBeHiddenAsync();
            await Expect(button).ToBeHiddenAsync();
            await Expect(drafter.Locator("#report-title")).ToBeVisibleAsync();
            await Expect(drafter.Locator("#timeline")).ToContainTextAsync("请补充问题清单。");
            await Expect(drafter.Locator("#route-diagram")).ToBeHiddenAsync();
            await drafter.ScreenshotAsync(new() { Path = $"{ShotDirectory}/{width}-report-print.png", FullPage = true });

            var committee = await browser.SignInAsync(DemoUnit.Committee, width);
            await committee.GotoAsync("/Reports");
            await committee.Locator("#approval-sheets-year").SelectOptionAsync(report.Year.ToString());
            await committee.ScreenshotAsync(new() { Path = $"{ShotDirectory}/{width}-all-reports.png", FullPage = true });
            var year = await committee.RunAndWaitForDownloadAsync(() =>
                committee.GetByRole(AriaRole.Button, new() { Name = "下载全部已通过报告的审批单" }).ClickAsync());
            var pages = ApprovalSheetTests.PdfText(await File.ReadAllBytesAsync(await year.PathAsync()));
            Assert.Single(pages, p => p.Contains("全面从严治党主体责任情况报告审批单") && p.Contains(report.Title));
        }
    }
}
