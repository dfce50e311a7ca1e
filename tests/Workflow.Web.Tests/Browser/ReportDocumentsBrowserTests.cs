using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflow.Host.Documents;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// Upload a Word file, see the findings, get stopped before the committee, fix the text, resubmit,
/// and the reviewer sees what changed since the return. Screenshots go to screenshots-documents/.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class ReportDocumentsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string ShotDirectory = Path.Combine(AppContext.BaseDirectory, "screenshots-documents");
    private int _step;

    [Fact]
    public async Task Drafter_uploads_a_docx_fixes_the_findings_and_the_reviewer_sees_the_changes_since_the_return()
    {
        if (Directory.Exists(ShotDirectory)) Directory.Delete(ShotDirectory, recursive: true);
        Directory.CreateDirectory(ShotDirectory);
        var sample = TextFileReader.Read(File.ReadAllBytes(SamplePath("shiju-secretary-2023.txt")), Workflow.Activities.Reports.ReportTextLimits.Default);
        var docx = Path.Combine(Path.GetTempPath(), $"市局党组书记报告-{Guid.NewGuid():N}.docx");
        await File.WriteAllBytesAsync(docx, ReportDocx.Export(new ReportText(sample.Title!, sample.Body)));

        // 起草人: a wrong file type is refused beside the upload field, and what was typed stays.
        var drafter = await browser.SignInAsync("drafter.kexie");
        await drafter.GotoAsync("/Reports/Create");
        await drafter.GetByLabel("年度").FillAsync("2023");
        await drafter.GetByLabel("正文").FillAsync("草稿正文");
        await drafter.Locator("#upload").SetInputFilesAsync(new FilePayload
            { Name = "报告.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.4") });
        await drafter.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Expect(drafter.Locator("#upload-error")).ToHaveTextAsync("只能上传 .docx 或 .txt 文件。");
        await Expect(drafter.GetByLabel("正文")).ToHaveValueAsync("草稿正文");
        await ShotAsync(drafter, "upload-wrong-type");

        await drafter.Locator("#upload").SetInputFilesAsync(docx);
        await drafter.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Expect(drafter).ToHaveURLAsync(new Regex("/Reports/Details/[0-9a-f-]{36}$"));
        var reportPath = new Uri(drafter.Url).AbsolutePath;
        await Expect(drafter.Locator("#report-title")).ToHaveTextAsync(sample.Title!);
        await Expect(drafter.Locator("#checks")).ToHaveAttributeAsync("data-errors", "7");
        await Expect(drafter.Locator("#findings li[data-code='paste-marker']")).ToHaveCountAsync(2);
        await Expect(drafter.Locator("#findings li[data-code='placeholder']").First).ToContainTextAsync("党代会届次未填写");
        await ShotAsync(drafter, "uploaded-findings");

        // 提交审核 with errors asks first; the drafter submits anyway. Secretary passes it on; the discipline team is stopped before the committee step.
        await drafter.Locator("#btn-submit").ClickAsync();
        await Expect(drafter.Locator("#submit-confirm")).ToContainTextAsync("报告检查发现 7 处必须修改的问题");
        await drafter.Locator("#btn-submit-confirm").ClickAsync();
        await Expect(drafter.Locator("#report-status")).ToHaveAttributeAsync("data-status", "SecretaryReview");
        var secretary = await browser.SignInAsync("secretary.kexie");
        await secretary.GotoAsync(reportPath);
        await secretary.Locator("#btn-approve-open").ClickAsync();
        await secretary.Locator("#btn-approve").ClickAsync();
        await Expect(secretary.Locator("#report-status")).ToHaveAttributeAsync("data-status", "DisciplineReview");

        var inspector = await browser.SignInAsync("inspector.team1");
        await inspector.GotoAsync(reportPath);
        await Expect(inspector.Locator("#checks")).ToHaveAttributeAsync("data-errors", "7");
        await inspector.Locator("#btn-approve-open").ClickAsync();
        await inspector.Locator("#btn-approve").ClickAsync();
        await Expect(inspector.Locator("#errors")).ToContainTextAsync("不能提交市直机关工委审核");
        await Expect(inspector.Locator("#report-status")).ToHaveAttributeAsync("data-status", "DisciplineReview");
        await ShotAsync(inspector, "blocked-before-committee");
        await inspector.Locator("#btn-return-open").ClickAsync();
        await inspector.Locator("#return-comment").FillAsync("请按报告检查结果补全占位符，删除粘贴标记。");
        await inspector.Locator("#btn-return").ClickAsync();
        await Expect(inspector.Locator("#report-status")).ToHaveAttributeAsync("data-status", "Returned");

        // 起草人 fixes the text; the checks come back clean and the report goes back to the discipline team.
        await drafter.GotoAsync(reportPath);
        await drafter.Locator("#btn-edit").ClickAsync();
        var fixedBody = sample.Body.Replace("XX大", "二十大").Replace("XX期", "6期").Replace("##paidbegin##", "").Replace("\n##paidend##", "");
        await drafter.GetByLabel("正文").FillAsync(fixedBody);
        await drafter.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(drafter.Locator("#checks-ok")).ToHaveTextAsync("未发现问题。");
        await ShotAsync(drafter, "fixed-no-findings");
        await drafter.Locator("#btn-submit").ClickAsync();
        await Expect(drafter.Locator("#report-status")).ToHaveAttributeAsync("data-status", "DisciplineReview");

        // The reviewer sees what changed since the return without asking, then the side-by-side view.
        await inspector.GotoAsync(reportPath);
        var since = inspector.Locator("#since-return");
        await Expect(since).ToContainTextAsync("第1版 → 第2版");
        await Expect(since.Locator("ins").First).ToHaveTextAsync("二十");
        await Expect(since.Locator("del").First).ToHaveTextAsync("XX");
        await ShotAsync(inspector, "changes-since-return");
        await since.GetByRole(AriaRole.Link, new() { Name = "左右对照查看" }).ClickAsync();
        await Expect(inspector.Locator("#diff-side")).ToBeVisibleAsync();
        await Expect(inspector.Locator("#diff-summary")).ToContainTextAsync("第1版 → 第2版");
        // Four "XX大", one "XX期", one marker inside a sentence; the "##paidend##" paragraph is gone.
        await Expect(inspector.Locator("#diff-side tr[data-kind='Modified']")).ToHaveCountAsync(6);
        await Expect(inspector.Locator("#diff-side tr[data-kind='Deleted']")).ToHaveTextAsync("##paidend##");
        await ShotAsync(inspector, "diff-side-by-side");
        await inspector.Locator("#diff-view").SelectOptionAsync("inline");
        await inspector.GetByRole(AriaRole.Button, new() { Name = "对比" }).ClickAsync();
        await Expect(inspector.Locator("#diff-inline ins").First).ToHaveTextAsync("二十");
        await ShotAsync(inspector, "diff-inline");

        await inspector.GotoAsync(reportPath);
        await inspector.Locator("#btn-approve-open").ClickAsync();
        await inspector.Locator("#btn-approve").ClickAsync();
        await Expect(inspector.Locator("#report-status")).ToHaveAttributeAsync("data-status", "CommitteeReview");
        File.Delete(docx);
    }

    private static string SamplePath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ApprovalFlow.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "samples", name));
        throw new DirectoryNotFoundException("../shared/samples");
    }

    private async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShotDirectory, $"{++_step:00}-{name}.png"), FullPage = true });
}
