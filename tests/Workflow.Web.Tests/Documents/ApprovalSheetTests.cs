using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UglyToad.PdfPig;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Documents;

/// <summary>
/// The PDF 审批单 through the API, read back as text: every step, opinion, person and role of a report walked through a
/// return and three approvals; another unit's report is not found; the year's PDF has one sheet per approved report.
/// </summary>
public sealed class ApprovalSheetTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const int Year = AppFactory.FirstFreeYear;
    private const string Heading = "全面从严治党主体责任情况报告审批单";

    // Long enough to wrap over several lines of the 意见 column.
    private static readonly string LongOpinion = string.Concat(Enumerable.Repeat("问题清单不够具体，请逐条对照整改要求补充责任人和完成时限。", 6));

    private sealed record Walked(ApiContract.ReportDto Report, ApiContract.ReportDto Other, ApiContract.ReportDto AtCommittee);

    private Task<Walked> WalkedAsync() => app.OnceAsync("approval-sheet", async () =>
    {
        var unit = DemoUnit.Kexie;
        var drafter = await app.SharedClientAsync(unit.Drafter);
        var secretary = await app.SharedClientAsync(unit.Secretary);
        var report = await app.CreateReportAsync(unit, "Draft");
        var url = $"/api/reports/{report.Id}";
        await drafter.PostJsonAsync($"{url}/submit").ExpectAsync(HttpStatusCode.OK);
        await secretary.PostJsonAsync($"{url}/return", new { comment = LongOpinion }).ExpectAsync(HttpStatusCode.OK);
        await drafter.PostJsonAsync($"{url}/submit").ExpectAsync(HttpStatusCode.OK);
        await secretary.PostJsonAsync($"{url}/approve", new { comment = "修改到位，同意报送。" }).ExpectAsync(HttpStatusCode.OK);
        await (await app.SharedClientAsync(unit.Inspector)).PostJsonAsync($"{url}/approve", new { comment = "纪检监察组审核同意。" })
            .ExpectAsync(HttpStatusCode.OK);
        var approved = await (await app.SharedClientAsync(DemoUnit.Committee)).PostJsonAsync($"{url}/approve", new { comment = "工委审核通过。" })
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);
        return new Walked(approved, await app.CreateReportAsync(DemoUnit.Shengtai, "Approved"),
            await app.CreateReportAsync(DemoUnit.Haishi, "CommitteeReview"));
    });

    private static async Task<(string[] Pages, string FileName)> ExpectPdfAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return (PdfText(bytes), response.Content.Headers.ContentDisposition!.FileNameStar!);
    }

    /// <summary>Each page's text without white space: wrapped lines join up again.</summary>
    public static string[] PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        foreach (var page in document.GetPages())
        {
            // A4 portrait: 595 × 842 points.
            Assert.InRange(page.Width, 594, 596);
            Assert.InRange(page.Height, 841, 843);
        }
        return document.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value)).Replace(" ", "")).ToArray();
    }

    [Fact]
    public async Task The_sheet_holds_every_step_opinion_person_role_and_time_of_the_journal()
    {
        var walked = await WalkedAsync();
        var drafter = await app.SharedClientAsync(DemoUnit.Kexie.Drafter);
        var (pages, fileName) = await ExpectPdfAsync(await drafter.GetAsync($"/api/reports/{walked.Report.Id}/approval-sheet"));
        var text = string.Concat(pages);

        Assert.Equal($"{walked.Report.Title}（审批单）.pdf", fileName);
        Assert.Contains(Heading, text);
        Assert.Contains(walked.Report.Title, text);
        Assert.Contains("市科协", text);
        Assert.Contains($"{Year}年度", text);
        Assert.Contains("（第1版）", text);
        foreach (var opinion in new[] { LongOpinion, "修改到位，同意报送。", "纪检监察组审核同意。", "工委审核通过。" })
            Assert.Contains(opinion, text);
        foreach (var step in new[] { "起草报送", "党组书记审核", "纪检监察组审核", "市直机关工委审核" })
            Assert.Contains(step, text);
        foreach (var decision in new[] { "提交", "退回", "重新提交", "审核通过" })
            Assert.Contains(decision, text);
        foreach (var role in new[] { "起草人", "党组书记", "纪检监察组", "市直机关工委" })
            Assert.Contains(role, text);

        var journal = await (await drafter.GetAsync($"/api/reports/{walked.Report.Id}/journal"))
            .ReadAsync<List<ApiContract.JournalEntry>>();
        var china = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        foreach (var entry in journal.Where(j => j.Action is not ("Created" or "Edited")))
        {
            Assert.Contains(entry.Actor.Replace(" ", ""), text);
            Assert.Contains(TimeZoneInfo.ConvertTime(entry.At, china).ToString("yyyy-MM-ddHH:mm"), text);
        }
        // Submit, return, resubmit and three approvals: six rows, numbered.
        Assert.Equal(6, journal.Count(j => j.Action is not ("Created" or "Edited")));
    }

    [Fact]
    public async Task Another_units_report_is_not_found_and_so_is_a_made_up_one()
    {
        var walked = await WalkedAsync();
        var other = await app.SharedClientAsync(DemoUnit.Shengtai.Drafter);
        await (await other.GetAsync($"/api/reports/{walked.Report.Id}/approval-sheet")).AssertProblemAsync(HttpStatusCode.NotFound);
        var team2 = await app.SharedClientAsync(DemoUnit.Haishi.Inspector);
        await (await team2.GetAsync($"/api/reports/{walked.Report.Id}/approval-sheet")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/reports/{Guid.NewGuid()}/approval-sheet")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_years_pdf_has_one_sheet_per_approved_report_the_user_sees()
    {
        var walked = await WalkedAsync();
        var committee = await app.SharedClientAsync(DemoUnit.Committee);
        var (pages, fileName) = await ExpectPdfAsync(await committee.GetAsync($"/api/reports/approval-sheets?year={Year}"));
        Assert.Equal($"{Year}年度主体责任情况报告审批单（2份）.pdf", fileName);
        var sheets = pages.Where(p => p.Contains(Heading)).ToList();
        Assert.Equal(2, sheets.Count);
        Assert.Single(sheets, s => s.Contains(walked.Report.Title));
        Assert.Single(sheets, s => s.Contains(walked.Other.Title));
        Assert.DoesNotContain(pages, p => p.Contains(walked.AtCommittee.Title));

        // inspector.team2 covers 海事法院, whose report is still at the committee: nothing of team1's units.
        var team2 = await app.SharedClientAsync(DemoUnit.Haishi.Inspector);
        await (await team2.GetAsync($"/api/reports/approval-sheets?year={Year}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "approval-sheets-none");
        var drafter = await app.SharedClientAsync(DemoUnit.Kexie.Drafter);
        var (own, _) = await ExpectPdfAsync(await drafter.GetAsync($"/api/reports/approval-sheets?year={Year}"));
        Assert.DoesNotContain(own, p => p.Contains(walked.Other.Title));
        await (await committee.GetAsync("/api/reports/approval-sheets")).AssertProblemAsync(HttpStatusCode.BadRequest, "year-required");
    }

    [Fact]
    public async Task Many_steps_flow_onto_further_pages_with_the_table_header_repeated()
    {
        var unit = DemoUnit.Renda;
        var drafter = await app.SharedClientAsync(unit.Drafter);
        var secretary = await app.SharedClientAsync(unit.Secretary);
        var report = await app.CreateReportAsync(unit, "Draft");
        var url = $"/api/reports/{report.Id}";
        for (var round = 1; round <= 12; round++)
        {
            await drafter.PostJsonAsync($"{url}/submit").ExpectAsync(HttpStatusCode.OK);
            await secretary.PostJsonAsync($"{url}/return", new { comment = $"第{round}次退回：" + LongOpinion }).ExpectAsync(HttpStatusCode.OK);
        }
        var (pages, _) = await ExpectPdfAsync(await drafter.GetAsync($"{url}/approval-sheet"));

        Assert.True(pages.Length > 1, $"{pages.Length} page(s)");
        Assert.All(pages, p => Assert.Contains("审核环节", p));
        Assert.All(pages, (p, i) => Assert.Contains($"第{i + 1}页共{pages.Length}页", p));
        for (var round = 1; round <= 12; round++) Assert.Contains($"第{round}次退回：" + LongOpinion, string.Concat(pages));
    }

    [Fact]
    public async Task Without_a_chinese_font_the_sheet_is_refused_with_a_message_for_the_operator()
    {
        var walked = await WalkedAsync();
        await using var fontless = app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.RemoveAll<Workflow.Host.Documents.PdfFont>();
            services.AddSingleton(new Workflow.Host.Documents.PdfFont((string?)null));
        }));
        var client = fontless.CreateClient();
        var login = await client.PostJsonAsync("/api/auth/login", new { userName = DemoUnit.Committee, password = AppFactory.Password })
            .ExpectAsync<LoginAnswer>(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new("Bearer", login.AccessToken);

        var problem = await (await client.GetAsync($"/api/reports/{walked.Report.Id}/approval-sheet"))
            .AssertProblemAsync(HttpStatusCode.Conflict, "pdf-font-missing");
        Assert.Contains("Documents:PdfFontPath", problem.Title);
        await (await client.GetAsync($"/api/reports/approval-sheets?year={Year}")).AssertProblemAsync(HttpStatusCode.Conflict, "pdf-font-missing");
        // Scoping still comes first: a report the user may not see is not found, font or none.
        await (await client.GetAsync($"/api/reports/{Guid.NewGuid()}/approval-sheet")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_pages_download_the_sheets_and_keep_another_units_report_not_found()
    {
        var walked = await WalkedAsync();
        using var own = await PageSession.SignInAsync(app, DemoUnit.Kexie.Secretary);
        var (pages, _) = await ExpectPdfAsync(await own.GetAsync($"/Reports/Details/{walked.Report.Id}?handler=ApprovalSheet"));
        Assert.Contains("修改到位，同意报送。", string.Concat(pages));
        using var other = await PageSession.SignInAsync(app, DemoUnit.Shengtai.Secretary);
        var refusedSheet = await other.GetAsync($"/Reports/Details/{walked.Report.Id}?handler=ApprovalSheet");
        // Pages answer "not found" by sending the user to the 未找到 page, as for the report itself.
        Assert.Equal(HttpStatusCode.Redirect, refusedSheet.StatusCode);
        Assert.StartsWith("/NotFound", refusedSheet.Headers.Location?.OriginalString);

        using var committee = await PageSession.SignInAsync(app, DemoUnit.Committee);
        var (year, _) = await ExpectPdfAsync(await committee.GetAsync($"/Reports?handler=ApprovalSheets&year={Year}"));
        Assert.Equal(2, year.Count(p => p.Contains(Heading)));
        // A year without an approved report: the list again, with the reason beside the year.
        var refused = await committee.GetDecodedPageAsync($"/Reports?handler=ApprovalSheets&year={Year + 50}");
        Assert.Contains($"{Year + 50}年度还没有您可查看的已通过报告。", refused);
    }

    private sealed record LoginAnswer(string AccessToken);
}
