using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Playwright;
using Workflow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Web.Tests.Browser;

/// <summary>
/// "The ledger tells the truth" in Chromium at 1280 and 390 px: an item nobody owns yet is grey 待指定 in the ledger and on its
/// page, waits in the secretary's 待办, its evidence reads name · type · size with the hash folded away, units without items
/// read "—" in the summary, a missing item's page says 整改事项不存在. PNGs in /tmp/ledger-shots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LedgerTruthBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public const string Shots = "/tmp/ledger-shots";
    private const string Problem = "台账真实性：党支部“三会一课”记录不全";

    [Fact]
    public async Task The_ledger_shows_unassigned_items_grey_in_the_secretarys_inbox_with_readable_evidence_at_1280_and_390_px()
    {
        if (Directory.Exists(Shots)) Directory.Delete(Shots, recursive: true);
        Directory.CreateDirectory(Shots);
        var drafter = await browser.App.ClientForAsync("drafter.kexie");
        var created = await drafter.PostJsonAsync("/api/rectifications", new { source = "专项检查", problem = Problem });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        using var form = new MultipartFormDataContent();
        var pdf = new ByteArrayContent([.. "%PDF-1.5\n"u8, .. new byte[1_258_291], .. "%%EOF"u8]);
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(pdf, "file", "整改台账.pdf");
        Assert.Equal(HttpStatusCode.Created, (await drafter.PostAsync($"/api/rectifications/{id}/evidence", form)).StatusCode);

        foreach (var width in new[] { 1280, 390 })
        {
            var secretary = await browser.SignInAsync("secretary.kexie", width);
            var waiting = secretary.Locator("#inbox tbody tr[data-kind=item-to-assign]", new() { HasTextString = Problem });
            await Expect(waiting.Locator("td[data-label='状态']")).ToHaveTextAsync("待指定负责人和期限");
            await ShotAsync(secretary, $"inbox-{width}");

            await secretary.GotoAsync("/Rectifications");
            var row = secretary.Locator("#ledger tr", new() { HasTextString = Problem });
            await Expect(row.Locator("td[data-label='红绿灯'] .light-grey")).ToHaveTextAsync("待指定");
            await ShotAsync(secretary, $"ledger-{width}");

            await row.Locator("td[data-label='编号'] a").ClickAsync();
            await Expect(secretary.Locator("#item-light")).ToHaveTextAsync("灰：待指定负责人和期限");
            var file = secretary.Locator("#evidence li[data-file='整改台账.pdf']");
            await Expect(file.Locator(".evidence-facts")).ToHaveTextAsync("· PDF · 1.2 MB");
            await Expect(file.Locator("details code")).ToBeHiddenAsync();
            await ShotAsync(secretary, $"item-{width}");
            await file.Locator("details summary").ClickAsync();
            await Expect(file.Locator("details code")).ToBeVisibleAsync();
            await Expect(file.Locator("details code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{64}$"));

            await secretary.GotoAsync($"/Rectifications/Details/{Guid.NewGuid()}");
            await Expect(secretary.Locator("#not-found-message")).ToContainTextAsync("整改事项不存在或您无权查看。");
            await ShotAsync(secretary, $"not-found-{width}");

            var committee = await browser.SignInAsync("committee.gongwei", width);
            await committee.GotoAsync("/Rectifications/Summary");
            var empty = committee.Locator("#summary-table tr", new() { HasTextString = "生态环境局" });
            await Expect(empty.Locator("td[data-label='事项总数']")).ToHaveTextAsync("0");
            await Expect(empty.Locator("td[data-label='销号率']")).ToHaveTextAsync("—");
            await Expect(committee.Locator("g[data-unit='生态环境局'] > text").Last).ToHaveTextAsync("—");
            await ShotAsync(committee, $"summary-{width}");
        }
    }

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name + ".png"), FullPage = true });
}
