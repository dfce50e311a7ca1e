using System.Net;
using Microsoft.Playwright;
using Workflow.Host.Documents;
using Workflow.Web.Tests.Documents;
using Workflow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// A long real report with its placeholders filled, compared side by side, inline and with only the changes shown;
/// then the committee's 报告汇编 page. Screenshots go to screenshots/diff-and-compilation/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DiffAndCompilationBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly string _shots = browser.ScreenshotFolder("diff-and-compilation");

    [Fact]
    public async Task A_reviewer_reads_the_changes_of_a_long_report_and_the_committee_picks_reports_to_compile()
    {
        var app = browser.App;
        var sample = TextFileReader.Read(File.ReadAllBytes(SamplePath("kexie-2023.txt")), Workflow.Activities.Reports.ReportTextLimits.Default);
        var drafter = await app.SharedClientAsync(DemoUnit.Kexie.Drafter);
        var year = app.NextYear(DemoUnit.Kexie);
        var report = await drafter.PostJsonAsync("/api/reports", new { title = sample.Title, year, body = sample.Body })
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.Created);
        var filled = FillInSeparateSentences(sample.Body, "xx", ["12", "36", "5"]);
        await drafter.PutJsonAsync($"/api/reports/{report.Id}", new { title = sample.Title, body = filled }).ExpectAsync(HttpStatusCode.OK);

        var page = await browser.SignInAsync(DemoUnit.Kexie.Secretary);
        await page.GotoAsync($"/Reports/Diff/{report.Id}?from=1&to=2");
        await Expect(page.Locator("#diff-summary")).ToContainTextAsync("修改 3 句");
        var rows = page.Locator("#diff-side tbody tr");
        var all = await rows.CountAsync();
        Assert.True(all > 50, $"the long report shows {all} rows");
        await Expect(page.Locator("#diff-side tr[data-kind='Modified'] ins").First).ToHaveTextAsync("12");
        await ShotAsync(page, "01-diff-side-by-side");

        await page.Locator("#diff-changed-only").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "对比" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(page.Locator("#diff-changed-only")).ToBeCheckedAsync();
        await ShotAsync(page, "02-diff-side-by-side-changes-only");

        await page.Locator("#diff-view").SelectOptionAsync("inline");
        await page.GetByRole(AriaRole.Button, new() { Name = "对比" }).ClickAsync();
        await Expect(page.Locator("#diff-inline ins")).ToHaveTextAsync(["12", "36", "5"]);
        var changedParagraphs = await page.Locator("#diff-inline p").CountAsync();
        await ShotAsync(page, "03-diff-inline-changes-only");

        await page.Locator("#diff-changed-only").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "对比" }).ClickAsync();
        await Expect(page.Locator("#diff-inline del").First).ToHaveTextAsync("xx");
        Assert.True(await page.Locator("#diff-inline p").CountAsync() > changedParagraphs);
        await ShotAsync(page, "04-diff-inline");

        foreach (var unit in new[] { DemoUnit.Shengtai, DemoUnit.Haishi })
            await app.CreateReportAsync(unit, "Approved");
        var committee = await browser.SignInAsync(DemoUnit.Committee);
        await committee.GotoAsync("/Reports/Compilation");
        await committee.Locator("#compilation-year").FillAsync(AppFactory.FirstFreeYear.ToString());
        await committee.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(committee.Locator("#compilation-list li")).ToHaveCountAsync(2);
        await ShotAsync(committee, "05-compilation");
        var download = await committee.RunAndWaitForDownloadAsync(() => committee.Locator("#btn-compile").ClickAsync());
        Assert.Equal($"{AppFactory.FirstFreeYear}年落实全面从严治党主体责任情况报告材料汇编（2篇）.docx", download.SuggestedFilename);
        var saved = Path.Combine(_shots, "compilation.docx");
        await download.SaveAsAsync(saved);
        Assert.Equal(2, WordFiles.Open(await File.ReadAllBytesAsync(saved)).Styled("ReportTitle").Count());
    }

    /// <summary>Fills the first placeholder of successive sentences, one value each, as a drafter filling in numbers would.</summary>
    private static string FillInSeparateSentences(string text, string placeholder, string[] values)
    {
        var from = 0;
        foreach (var value in values)
        {
            var at = text.IndexOf(placeholder, from, StringComparison.Ordinal);
            text = text[..at] + value + text[(at + placeholder.Length)..];
            from = text.IndexOf('。', at) + 1;
        }
        return text;
    }

    private static string SamplePath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ApprovalFlow.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "samples", name));
        throw new DirectoryNotFoundException("../shared/samples");
    }

    private Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_shots, name + ".png"), FullPage = true });
}
