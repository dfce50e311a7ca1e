using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// A reviewer's requirement followed to close-out in Chromium: the discipline team returns a report with a requirement, the
/// item appears in the unit's ledger, the drafter uploads evidence and applies for close-out, the team rejects it (二次整改),
/// the drafter applies again and the team closes it. Every step leaves a PNG.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class RectificationJourneyBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Requirement = "“存在的问题”与整改措施未逐条对应，须建立问题清单并明确完成时限";
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private int _step;
    private string _shots = "";

    /// <summary>Each test leaves its PNGs in a folder of its own, emptied when it starts.</summary>
    private void StartShots(string test)
    {
        _shots = Path.Combine(AppContext.BaseDirectory, "screenshots-rectification", test);
        if (Directory.Exists(_shots)) Directory.Delete(_shots, recursive: true);
        Directory.CreateDirectory(_shots);
    }

    [Fact]
    public async Task A_requirement_from_a_return_is_rectified_rejected_once_and_closed()
    {
        StartShots("journey");

        // 纪检监察组 returns the 海事法院 report with one rectification requirement.
        var inspector = await browser.SignInAsync("inspector.team2");
        await inspector.GetByRole(AriaRole.Link, new() { Name = "全部报告" }).ClickAsync();
        await inspector.Locator("#reports a", new() { HasTextString = "市海事法院" }).ClickAsync();
        await Expect(inspector.Locator("#report-status")).ToHaveAttributeAsync("data-status", "DisciplineReview");
        await inspector.Locator("#btn-return-open").ClickAsync();
        await inspector.Locator("#return-comment").FillAsync("请对照问题逐条明确整改措施。");
        await inspector.Locator("#return-requirements").FillAsync(Requirement);
        await ShotAsync(inspector, "return-with-requirement");
        await inspector.Locator("#btn-return").ClickAsync();
        await Expect(inspector.Locator("#report-status")).ToHaveAttributeAsync("data-status", "Returned");

        // 起草人 finds it in the unit's ledger.
        var drafter = await browser.SignInAsync("drafter.haishi");
        await drafter.Locator("#nav-rectifications").ClickAsync();
        await Expect(drafter).ToHaveURLAsync(browser.BaseUrl + "/Rectifications");
        var row = drafter.Locator("#ledger tr", new() { HasTextString = Requirement });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td[data-label='状态']")).ToHaveTextAsync("未开始");
        await ShotAsync(drafter, "unit-ledger");
        await row.Locator("td[data-label='编号'] a").ClickAsync();
        await Expect(drafter.Locator("#item-status")).ToHaveAttributeAsync("data-status", "NotStarted");

        // Assigns himself, sets the deadline, starts, uploads evidence and applies for close-out.
        await drafter.Locator("#edit-panel summary").ClickAsync();
        await drafter.Locator("#Input_OwnerUserName").SelectOptionAsync("drafter.haishi");
        await drafter.Locator("#Input_Deadline").FillAsync("2027-03-31");
        await drafter.Locator("#Input_Measures").FillAsync("建立问题清单、任务清单、责任清单，逐条明确时限");
        await drafter.Locator("#btn-save").ClickAsync();
        await Expect(drafter.Locator(".flash")).ToHaveTextAsync("已保存。");
        await Expect(drafter.Locator("#item-owner")).ToHaveTextAsync("孙婷（海事法院办公室）");
        await drafter.Locator("#btn-start").ClickAsync();
        await Expect(drafter.Locator("#item-status")).ToHaveAttributeAsync("data-status", "InProgress");
        await drafter.Locator("#evidence-file").SetInputFilesAsync(new FilePayload { Name = "问题清单.png", MimeType = "image/png", Buffer = Png });
        await drafter.Locator("#btn-upload").ClickAsync();
        await Expect(drafter.Locator("#evidence a", new() { HasTextString = "问题清单.png" })).ToHaveCountAsync(1);
        await drafter.Locator("#btn-request-closure-open").ClickAsync();
        await drafter.Locator("#comment-request-closure").FillAsync("已建立三张清单并印发。");
        await ShotAsync(drafter, "request-closure");
        await drafter.Locator("#btn-request-closure").ClickAsync();
        await Expect(drafter.Locator("#item-status")).ToHaveAttributeAsync("data-status", "ClosureRequested");

        // The team rejects: 二次整改.
        await inspector.Locator("#nav-rectifications").ClickAsync();
        await inspector.Locator("#ledger tr", new() { HasTextString = Requirement }).Locator("td[data-label='编号'] a").ClickAsync();
        await Expect(inspector.Locator("#item-status")).ToHaveAttributeAsync("data-status", "ClosureRequested");
        await inspector.Locator("#btn-reject-closure-open").ClickAsync();
        await inspector.Locator("#btn-reject-closure").ClickAsync();
        await Expect(inspector.Locator("#error-reject-closure")).ToHaveTextAsync("退回销号申请时必须填写意见。");
        await ShotAsync(inspector, "reject-needs-comment");
        await inspector.Locator("#comment-reject-closure").FillAsync("清单未体现完成时限，请补充后再申请。");
        await inspector.Locator("#btn-reject-closure").ClickAsync();
        await Expect(inspector.Locator("#item-status")).ToHaveAttributeAsync("data-status", "InProgress");
        await Expect(inspector.Locator("#item-rework")).ToHaveTextAsync("二次整改×1");
        await ShotAsync(inspector, "rejected-rework");

        // The drafter applies again; the team closes it.
        await drafter.ReloadAsync();
        await Expect(drafter.Locator("#journal li[data-action='ClosureRejected'] .comment")).ToHaveTextAsync("清单未体现完成时限，请补充后再申请。");
        await drafter.Locator("#btn-request-closure-open").ClickAsync();
        await drafter.Locator("#comment-request-closure").FillAsync("已补充每项问题的完成时限。");
        await drafter.Locator("#btn-request-closure").ClickAsync();
        await Expect(drafter.Locator("#item-status")).ToHaveAttributeAsync("data-status", "ClosureRequested");

        await inspector.ReloadAsync();
        await inspector.Locator("#btn-approve-closure-open").ClickAsync();
        await inspector.Locator("#comment-approve-closure").FillAsync("整改到位，同意销号。");
        await inspector.Locator("#btn-approve-closure").ClickAsync();
        await Expect(inspector.Locator("#item-status")).ToHaveAttributeAsync("data-status", "Closed");
        await Expect(inspector.Locator("#item-light")).ToHaveTextAsync("灰：已销号");
        await ShotAsync(inspector, "closed");

        await drafter.Locator("#nav-rectifications").ClickAsync();
        var closedRow = drafter.Locator("#ledger tr", new() { HasTextString = Requirement });
        await Expect(closedRow.Locator("td[data-label='状态']")).ToHaveTextAsync("已销号");
        await Expect(closedRow).ToHaveAttributeAsync("data-light", "Grey");
        await ShotAsync(drafter, "ledger-closed");
        await inspector.GotoAsync("/Rectifications/Summary");
        await Expect(inspector.Locator("#summary-chart g[data-unit='市海事法院']")).ToHaveCountAsync(1);
        await ShotAsync(inspector, "summary");
        await Expect(inspector.Locator("#fig-rework")).ToHaveTextAsync(new Regex("^[1-9]"));
    }

    [Fact]
    public async Task The_committee_reads_the_ledger_across_units_filters_it_and_a_phone_shows_it_as_cards()
    {
        StartShots("ledger");
        var committee = await browser.SignInAsync("committee.gongwei");
        await committee.Locator("#nav-rectifications").ClickAsync();
        await Expect(committee.Locator("#ledger th", new() { HasTextString = "单位" })).ToHaveCountAsync(1);
        await Expect(committee.Locator("#ledger tr[data-code='KX-2025-002']")).ToHaveAttributeAsync("data-light", "Red");
        await ShotAsync(committee, "committee-ledger");
        await committee.Locator("#ledger-filters input[name='overdue']").CheckAsync();
        await committee.Locator("#btn-filter").ClickAsync();
        await Expect(committee.Locator("#ledger tbody tr")).ToHaveCountAsync(1);
        await Expect(committee.Locator("#ledger tbody tr")).ToHaveAttributeAsync("data-code", "KX-2025-002");
        await ShotAsync(committee, "committee-overdue");

        // Sorting by the traffic light puts red first, grey last.
        await committee.GotoAsync("/Rectifications?sort=light");
        var lights = await committee.Locator("#ledger tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.light)");
        Assert.Equal("Red", lights[0]);
        Assert.Equal("Grey", lights[^1]);

        // A closed item is reopened (回头看) by the committee with a reason.
        await committee.Locator("#ledger tr[data-code='KX-2025-001'] td[data-label='编号'] a").ClickAsync();
        await committee.Locator("#btn-reopen-open").ClickAsync();
        await committee.Locator("#comment-reopen").FillAsync("回头看发现中心组学习记录不全，重新整改。");
        await committee.Locator("#btn-reopen").ClickAsync();
        await Expect(committee.Locator("#item-status")).ToHaveAttributeAsync("data-status", "InProgress");
        await ShotAsync(committee, "reopened");

        var phone = await browser.SignInAsync("drafter.kexie", 390, 844);
        await phone.GotoAsync("/Rectifications");
        await Expect(phone.Locator("#ledger tr[data-code='KX-2025-002']")).ToBeVisibleAsync();
        await ShotAsync(phone, "phone-ledger");
        await phone.GotoAsync("/Reports");
        await phone.Locator("#reports a").First.ClickAsync();
        await phone.GotoAsync(phone.Url.Replace("/Reports/Details/", "/Rectifications/Extract/"));
        await ShotAsync(phone, "phone-extract");
    }

    private async Task ShotAsync(IPage page, string name)
    {
        var path = Path.Combine(_shots, $"{++_step:00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }
}
