using System.Net;
using System.Text.RegularExpressions;
using Workflow.Web.Tests.Infrastructure;
using static Workflow.Web.Tests.Documents.WordFiles;

namespace Workflow.Web.Tests.Documents;

/// <summary>
/// The committee's 汇编 through the API and the 报告汇编 page, on an app of its own so that the approved reports of
/// the year are exactly the ones made here: three approved, one still at the committee, one approved a year later.
/// </summary>
public sealed class CompilationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const int Year = AppFactory.FirstFreeYear;

    private sealed record Reports(ApiContract.ReportDto[] Approved, ApiContract.ReportDto AtCommittee, ApiContract.ReportDto NextYear);

    // Each unit's first report in a fresh app gets FirstFreeYear, its second the year after.
    private Task<Reports> ReportsAsync() => app.OnceAsync("compilation", async () =>
    {
        var approved = new List<ApiContract.ReportDto>();
        foreach (var unit in new[] { DemoUnit.Kexie, DemoUnit.Shengtai, DemoUnit.Haishi })
            approved.Add(await app.CreateReportAsync(unit, "Approved"));
        var atCommittee = await app.CreateReportAsync(DemoUnit.Renda, "CommitteeReview");
        var nextYear = await app.CreateReportAsync(DemoUnit.Kexie, "Approved");
        Assert.All(approved.Append(atCommittee), r => Assert.Equal(Year, r.Year));
        Assert.Equal(Year + 1, nextYear.Year);
        return new Reports([.. approved], atCommittee, nextYear);
    });

    private async Task<HttpResponseMessage> CompileAsync(string user, object body) =>
        await (await app.SharedClientAsync(user)).PostJsonAsync("/api/reports/compilation", body);

    [Fact]
    public async Task The_compilation_has_the_cover_title_a_table_of_contents_and_each_report_on_a_new_page()
    {
        var reports = await ReportsAsync();
        var (content, fileName) = await (await CompileAsync(DemoUnit.Committee,
            new { year = Year, reportIds = reports.Approved.Select(r => r.Id) })).ExpectDocxAsync();

        var cover = $"{Year}年落实全面从严治党主体责任情况报告材料汇编（3篇）";
        Assert.Equal(cover + ".docx", fileName);
        var doc = Open(content);
        Assert.Equal(cover, Assert.Single(doc.Styled("CoverTitle")).Text);
        Assert.Equal("目  录", Assert.Single(doc.Styled("TocTitle")).Text);
        Assert.Contains(doc.FieldCodes, code => code.StartsWith("TOC ", StringComparison.Ordinal));
        Assert.True(doc.UpdatesFieldsOnOpen);
        Assert.Equal("方正小标宋简体", doc.EastAsiaFontOfStyle["CoverTitle"]);
        // The cover stands alone on its page: a page break follows it before the contents.
        var coverAt = doc.Paragraphs.ToList().FindIndex(p => p.Style == "CoverTitle");
        Assert.True(doc.Paragraphs[coverAt + 1].BreaksPageAfter);

        var titles = doc.Styled("ReportTitle").ToList();
        Assert.Equal(reports.Approved.Select(r => r.Title).Order(), titles.Select(t => t.Text).Order());
        Assert.All(titles, t => Assert.True(t.PageBreakBefore, $"{t.Text} does not start on a new page"));
        var contents = doc.Paragraphs.SkipWhile(p => p.Style != "TocTitle").Skip(1).Take(3).Select(p => p.Text).ToList();
        Assert.Equal(titles.Select((t, i) => $"{i + 1}. {t.Text}"), contents);
        Assert.Contains(doc.Paragraphs, p => p.Text == "一是学习不够深入。");
    }

    [Fact]
    public async Task Only_approved_reports_of_that_year_may_go_in()
    {
        var reports = await ReportsAsync();
        var ok = reports.Approved[0].Id;
        await (await CompileAsync(DemoUnit.Committee, new { year = Year, reportIds = new[] { ok, reports.AtCommittee.Id } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "compilation-not-approved");
        await (await CompileAsync(DemoUnit.Committee, new { year = Year, reportIds = new[] { ok, reports.NextYear.Id } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "compilation-not-approved");
        await (await CompileAsync(DemoUnit.Committee, new { year = Year, reportIds = new[] { ok, Guid.NewGuid() } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "compilation-not-approved");
        await (await CompileAsync(DemoUnit.Committee, new { year = Year, reportIds = Array.Empty<Guid>() }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "compilation-empty");
        await (await CompileAsync(DemoUnit.Committee, new { reportIds = new[] { ok } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "year-required");

        var (single, name) = await (await CompileAsync(DemoUnit.Committee, new { year = Year + 1, reportIds = new[] { reports.NextYear.Id } }))
            .ExpectDocxAsync();
        Assert.Equal($"{Year + 1}年落实全面从严治党主体责任情况报告材料汇编（1篇）.docx", name);
        Assert.Equal(reports.NextYear.Title, Assert.Single(Open(single).Styled("ReportTitle")).Text);
    }

    [Theory]
    [InlineData("drafter.kexie")]
    [InlineData("secretary.kexie")]
    [InlineData("inspector.team1")]
    [InlineData("admin")]
    public async Task Only_the_committee_compiles(string user)
    {
        var reports = await ReportsAsync();
        await (await CompileAsync(user, new { year = Year, reportIds = new[] { reports.Approved[0].Id } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        using var session = await PageSession.SignInAsync(app, user);
        Assert.StartsWith("/Account/AccessDenied?", PageSession.RedirectPath(await session.GetAsync($"/Reports/Compilation?year={Year}")));
    }

    [Fact]
    public async Task The_compilation_page_lists_the_approved_reports_of_the_year_and_downloads_the_chosen_ones()
    {
        var reports = await ReportsAsync();
        using var committee = await PageSession.SignInAsync(app, DemoUnit.Committee);
        var html = await committee.GetPageAsync($"/Reports/Compilation?year={Year}");

        var listed = Regex.Matches(html, "name=\"Ids\" value=\"([0-9a-f-]{36})\"").Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(reports.Approved.Select(r => r.Id).Order(), listed.Order());
        Assert.Contains("共 3 篇", html);

        var two = listed.Take(2).ToArray();
        var response = await committee.PostFormAsync($"/Reports/Compilation?year={Year}",
            ("Year", Year.ToString()), ("Ids", two[0].ToString()), ("Ids", two[1].ToString()));
        var (content, fileName) = await response.ExpectDocxAsync();
        Assert.Equal($"{Year}年落实全面从严治党主体责任情况报告材料汇编（2篇）.docx", fileName);
        Assert.Equal(2, Open(content).Styled("ReportTitle").Count());

        var none = await committee.PostFormAsync($"/Reports/Compilation?year={Year}", ("Year", Year.ToString()));
        var page = await none.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Contains("请至少选择一篇已通过的报告。", page);
        Assert.Contains("共 3 篇", page);

        var empty = await committee.GetPageAsync($"/Reports/Compilation?year={Year + 5}");
        Assert.Contains("id=\"compilation-empty\"", empty);
    }

    [Fact]
    public async Task The_create_page_fills_a_new_draft_from_an_uploaded_file_and_shows_a_refusal_beside_the_field()
    {
        using var drafter = await PageSession.SignInAsync(app, DemoUnit.Renda.Drafter);
        var year = app.NextYear(DemoUnit.Renda);
        var refused = await drafter.PostMultipartAsync("/Reports/Create", UploadForm("报告.docx", "not a zip"u8.ToArray(), year));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("无法读取这个 Word 文件", Regex.Match(html, "id=\"upload-error\">(.*?)</span>", RegexOptions.Singleline).Value);

        var created = await drafter.PostMultipartAsync("/Reports/Create", UploadForm("报告.docx", Docx(TitleFor(DemoUnit.Renda, year), CleanBody()), year));
        var details = await drafter.GetPageAsync(PageSession.RedirectPath(created));
        Assert.Contains(TitleFor(DemoUnit.Renda, year), details);
        Assert.Contains("党组全年召开专题会议23次", details);
    }

    private static MultipartFormDataContent UploadForm(string name, byte[] content, int year)
    {
        var form = new MultipartFormDataContent { { new StringContent(year.ToString()), "Input.Year" }, { new StringContent(""), "Input.Title" } };
        form.Add(new ByteArrayContent(content), "Upload", name);
        return form;
    }
}
