using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// The drafter imports the real 科协 report (135 placeholders) at 1280 and 390 px: the findings come grouped and short, a click
/// on one jumps to its phrase highlighted in the text, the editor selects the paragraph a finding names and numbers the
/// paragraphs as she types, and 提交审核 asks first. Screenshots go to /tmp/approvalflow-screenshots/checks.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportChecksBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ShotDirectory = "/tmp/approvalflow-screenshots/checks";

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task The_drafter_clicks_a_finding_and_lands_on_its_phrase_highlighted_then_fixes_it_in_the_numbered_editor(int width, int height)
    {
        Directory.CreateDirectory(ShotDirectory);
        var unit = DemoUnit.Kexie;
        var page = await browser.SignInAsync(unit.Drafter, width, height);
        await page.GotoAsync("/Reports/Create");
        await page.GetByLabel("年度").FillAsync(browser.App.NextYear(unit).ToString());
        await page.Locator("#upload").SetInputFilesAsync(SamplePath("kexie-2023.txt"));
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Reports/Details/[0-9a-f-]{36}$"));
        var reportPath = new Uri(page.Url).AbsolutePath;

        // Grouped: the placeholders in one group of 135, five shown, the rest one click away.
        var placeholders = page.Locator("#group-placeholder");
        await Expect(placeholders.Locator("summary").First).ToContainTextAsync("待填写的占位符");
        await Expect(placeholders.Locator("summary").First).ToContainTextAsync("135 处");
        await Expect(placeholders.Locator("li.finding:visible")).ToHaveCountAsync(5);
        Assert.True(await page.Locator("#checks").BoundingBoxAsync() is { Height: < 1400 }, "the checks are not short");
        await page.ScreenshotAsync(new() { Path = Shot(width, "1-grouped") });

        // A click on the third placeholder: the URL names its mark, the mark is the target and its paragraph is highlighted.
        var third = placeholders.Locator("li.finding").Nth(2);
        var href = await third.Locator("a.finding-link").GetAttributeAsync("href");
        Assert.Matches("^#f-\\d+$", href);
        var paragraphNumber = await third.GetAttributeAsync("data-paragraph");
        await third.Locator("a.finding-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(href!)}$"));
        var mark = page.Locator(href!);
        await Expect(mark).ToBeInViewportAsync();
        Assert.True(await mark.EvaluateAsync<bool>("m => m.matches(':target') && m.tagName === 'MARK'"));
        var paragraph = page.Locator($"#p-{paragraphNumber}");
        await Expect(paragraph.Locator(href!)).ToHaveCountAsync(1);
        await Expect(paragraph).ToHaveCSSAsync("background-color", "rgb(255, 248, 225)");
        await page.ScreenshotAsync(new() { Path = Shot(width, "2-jumped-to-phrase") });

        await placeholders.Locator("summary", new() { HasText = "显示全部 135 条" }).ClickAsync();
        await Expect(placeholders.Locator("li.finding:visible")).ToHaveCountAsync(135);

        // 提交审核 with errors: the page asks, naming the count, and nothing is submitted yet.
        await page.Locator("#btn-submit").ClickAsync();
        await Expect(page.Locator("#submit-confirm")).ToContainTextAsync("报告检查发现 136 处必须修改的问题");
        await Expect(page.Locator("#submit-confirm")).ToBeFocusedAsync();
        await Expect(page.Locator("#report-status")).ToHaveAttributeAsync("data-status", "Draft");
        await page.ScreenshotAsync(new() { Path = Shot(width, "3-submit-confirm") });

        // The editor: the side panel (folded on a phone) lists the findings; a click selects that paragraph in the textarea.
        await page.Locator("#btn-submit-fix").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Reports/Edit/"));
        if (width < 1000) await page.Locator("#edit-side-toggle").ClickAsync();
        await Expect(page.Locator("#edit-side #group-placeholder")).ToBeVisibleAsync();
        var finding = page.Locator("#edit-side #group-placeholder li.finding").Nth(2);
        var n = int.Parse((await finding.GetAttributeAsync("data-paragraph"))!);
        await finding.Locator("a.finding-link").ClickAsync();
        var body = page.GetByLabel("正文");
        await Expect(body).ToBeFocusedAsync();
        var selected = await body.EvaluateAsync<string>("t => t.value.substring(t.selectionStart, t.selectionEnd)");
        var lines = (await body.InputValueAsync()).Split('\n');
        Assert.Equal(lines[n - 1], selected);
        Assert.Contains("x", selected, StringComparison.OrdinalIgnoreCase);
        await page.ScreenshotAsync(new() { Path = Shot(width, "4-editor-selected") });

        // The numbered preview follows the typing: a new first line shifts every number by one.
        await Expect(page.Locator("#para-preview li")).ToHaveCountAsync(lines.Length);
        await body.EvaluateAsync("t => { t.setSelectionRange(0, 0); }");
        await body.PressAsync("Home");
        await page.Keyboard.TypeAsync("新增的第一段。");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#para-preview li")).ToHaveCountAsync(lines.Length + 1);
        await Expect(page.Locator("#e-p-1")).ToHaveTextAsync("新增的第一段。");
        await Expect(page.Locator("#e-p-2")).ToHaveTextAsync(lines[0].Trim());
        await page.ScreenshotAsync(new() { Path = Shot(width, "5-editor-full"), FullPage = true });

        await page.GotoAsync(reportPath);
        await page.ScreenshotAsync(new() { Path = Shot(width, "6-report-full"), FullPage = true });
    }

    private static string Shot(int width, string name) => Path.Combine(ShotDirectory, $"{width}-{name}.png");

    private static string SamplePath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ApprovalFlow.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "samples", name));
        throw new DirectoryNotFoundException("../shared/samples");
    }
}
