using System.Net;
using Workflow.Web.Tests.Infrastructure;
using static Workflow.Web.Tests.Documents.WordFiles;

namespace Workflow.Web.Tests.Documents;

/// <summary>
/// Checks, revision diff, Word export, import and replacement through /api: the happy paths, the problem+json refusals,
/// another unit's report as 404 and who may upload.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class ReportDocumentsApiTests(AppFactory app)
{
    public sealed record Finding(string Code, string Severity, string Message, int? Paragraph, int? Start, int? Length, string Excerpt);

    public sealed record Piece(string Kind, string Text);

    public sealed record Sentence(string Kind, int Paragraph, string? Old, string? New, Piece[] OldPieces, Piece[] NewPieces);

    public sealed record Diff(int From, int To, int Inserted, int Deleted, int Modified, Sentence[] Sentences);

    private async Task<ApiContract.ReportDto> DraftAsync(DemoUnit unit, string body)
    {
        var drafter = await app.SharedClientAsync(unit.Drafter);
        var year = app.NextYear(unit);
        return await drafter.PostJsonAsync("/api/reports", new { title = TitleFor(unit, year), year, body })
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.Created);
    }

    private async Task<ApiContract.ReportDto> EditAsync(DemoUnit unit, ApiContract.ReportDto report, string body) =>
        await (await app.SharedClientAsync(unit.Drafter)).PutJsonAsync($"/api/reports/{report.Id}", new { title = report.Title, body })
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);

    // ---- checks ----

    [Fact]
    public async Task Checks_list_each_finding_with_code_severity_and_where_it_is()
    {
        var report = await DraftAsync(DemoUnit.Kexie, CleanBody("xx") + "\n##paidbegin##");
        var findings = await (await app.SharedClientAsync(DemoUnit.Kexie.Secretary)).GetAsync($"/api/reports/{report.Id}/checks")
            .ExpectAsync<Finding[]>(HttpStatusCode.OK);

        var placeholder = Assert.Single(findings, f => f.Code == "placeholder");
        Assert.Equal("Error", placeholder.Severity);
        Assert.Equal(2, placeholder.Paragraph);
        Assert.Equal("党组全年召开专题会议xx次，研究部署全面从严治党工作。".IndexOf("xx", StringComparison.Ordinal), placeholder.Start);
        Assert.Equal(2, placeholder.Length);
        Assert.Contains("xx", placeholder.Excerpt);
        Assert.True(ApiContract.ContainsChinese(placeholder.Message), placeholder.Message);
        var marker = Assert.Single(findings, f => f.Code == "paste-marker");
        Assert.Equal(("Error", 9, "##paidbegin##"), (marker.Severity, marker.Paragraph!.Value, marker.Excerpt));
    }

    [Fact]
    public async Task A_clean_text_has_no_blocking_findings_and_the_checks_follow_the_latest_revision()
    {
        var report = await DraftAsync(DemoUnit.Kexie, CleanBody("xx"));
        var drafter = await app.SharedClientAsync(DemoUnit.Kexie.Drafter);
        Assert.Contains(await drafter.GetAsync($"/api/reports/{report.Id}/checks").ExpectAsync<Finding[]>(HttpStatusCode.OK),
            f => f.Severity == "Error");

        await EditAsync(DemoUnit.Kexie, report, CleanBody());
        var findings = await drafter.GetAsync($"/api/reports/{report.Id}/checks").ExpectAsync<Finding[]>(HttpStatusCode.OK);
        Assert.DoesNotContain(findings, f => f.Severity == "Error");
        // The body is far shorter than a real report: only informed, not blocked.
        Assert.Equal("Warning", Assert.Single(findings, f => f.Code == "too-short").Severity);
    }

    [Fact]
    public async Task Errors_stop_the_report_before_the_committee_and_a_fixed_text_passes()
    {
        var unit = DemoUnit.Shengtai;
        var report = await DraftAsync(unit, CleanBody("xx"));
        var url = $"/api/reports/{report.Id}";
        await (await app.SharedClientAsync(unit.Drafter)).PostJsonAsync($"{url}/submit").ExpectAsync(HttpStatusCode.OK);
        await (await app.SharedClientAsync(unit.Secretary)).PostJsonAsync($"{url}/approve", new { comment = "同意。" })
            .ExpectAsync(HttpStatusCode.OK);
        var inspector = await app.SharedClientAsync(unit.Inspector);

        var problem = await (await inspector.PostJsonAsync($"{url}/approve")).AssertProblemAsync(HttpStatusCode.Conflict, "report-checks-failed");
        Assert.Contains("xx", problem.Title);
        Assert.Equal("DisciplineReview", (await inspector.GetAsync(url).ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK)).Status);

        await inspector.PostJsonAsync($"{url}/return", new { comment = "请补全占位符。" }).ExpectAsync(HttpStatusCode.OK);
        await EditAsync(unit, report, CleanBody());
        await (await app.SharedClientAsync(unit.Drafter)).PostJsonAsync($"{url}/submit").ExpectAsync(HttpStatusCode.OK);
        var approved = await inspector.PostJsonAsync($"{url}/approve").ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);
        Assert.Equal("CommitteeReview", approved.Status);
    }

    // ---- diff ----

    [Fact]
    public async Task Diff_shows_a_filled_placeholder_as_exactly_that_change()
    {
        var report = await DraftAsync(DemoUnit.Kexie, CleanBody("xx"));
        await EditAsync(DemoUnit.Kexie, report, CleanBody("23"));

        var diff = await (await app.SharedClientAsync(DemoUnit.Kexie.Inspector)).GetAsync($"/api/reports/{report.Id}/diff?from=1&to=2")
            .ExpectAsync<Diff>(HttpStatusCode.OK);

        Assert.Equal((1, 2, 1, 0, 0), (diff.From, diff.To, diff.Modified, diff.Inserted, diff.Deleted));
        var changed = Assert.Single(diff.Sentences, s => s.Kind != "Unchanged");
        Assert.Equal(("Modified", 2), (changed.Kind, changed.Paragraph));
        Assert.Equal([new Piece("Deleted", "xx")], changed.OldPieces.Where(p => p.Kind != "Unchanged"));
        Assert.Equal([new Piece("Inserted", "23")], changed.NewPieces.Where(p => p.Kind != "Unchanged"));
        Assert.Equal(changed.New, string.Concat(changed.NewPieces.Select(p => p.Text)));
    }

    [Theory]
    [InlineData("from=1&to=9", 404, "revision-not-found")]
    [InlineData("from=0&to=1", 404, "revision-not-found")]
    [InlineData("to=1", 400, "diff-revisions-required")]
    [InlineData("from=1", 400, "diff-revisions-required")]
    [InlineData("", 400, "diff-revisions-required")]
    [InlineData("from=eins&to=1", 400, "bad-request")]
    public async Task Diff_refuses_revisions_that_do_not_exist_or_are_not_named(string query, int status, string code)
    {
        var report = await app.OnceAsync("diff-refusals", () => DraftAsync(DemoUnit.Haishi, CleanBody()));
        var response = await (await app.SharedClientAsync(DemoUnit.Haishi.Drafter)).GetAsync($"/api/reports/{report.Id}/diff?{query}");
        await response.AssertProblemAsync((HttpStatusCode)status, code);
    }

    // ---- export ----

    [Fact]
    public async Task Export_is_a_docx_in_the_official_layout_with_the_text_of_the_report()
    {
        var report = await DraftAsync(DemoUnit.Renda, CleanBody());
        var (content, fileName) = await (await (await app.SharedClientAsync(DemoUnit.Committee)).GetAsync($"/api/reports/{report.Id}/docx"))
            .ExpectDocxAsync();

        Assert.Equal($"{report.Title}（第1版）.docx", fileName);
        var doc = Open(content);
        Assert.Equal(new WordParagraph("ReportTitle", report.Title, false, false), doc.Paragraphs[0]);
        Assert.Equal(CleanBody().Split('\n'), doc.Paragraphs.Skip(1).Select(p => p.Text));
        Assert.Equal(["ReportHeading1", null, "ReportHeading2", "ReportHeading3", "ReportHeading1", null, "ReportHeading1", null],
            doc.Paragraphs.Skip(1).Select(p => p.Style));
        Assert.Equal("方正小标宋简体", doc.EastAsiaFontOfStyle["ReportTitle"]);
        Assert.Equal("仿宋_GB2312", doc.EastAsiaFontOfStyle["(default)"]);
        Assert.Equal("黑体", doc.EastAsiaFontOfStyle["ReportHeading1"]);
        Assert.Equal("楷体_GB2312", doc.EastAsiaFontOfStyle["ReportHeading2"]);
        Assert.Equal("PAGE", doc.Footer);
    }

    [Fact]
    public async Task Export_of_an_earlier_revision_holds_that_revision_and_an_unknown_one_is_404()
    {
        var report = await DraftAsync(DemoUnit.Renda, CleanBody("xx"));
        await EditAsync(DemoUnit.Renda, report, CleanBody("23"));
        var drafter = await app.SharedClientAsync(DemoUnit.Renda.Drafter);

        var (first, name) = await (await drafter.GetAsync($"/api/reports/{report.Id}/docx?revision=1")).ExpectDocxAsync();
        Assert.EndsWith("（第1版）.docx", name);
        Assert.Contains(Open(first).Paragraphs, p => p.Text.Contains("xx次"));
        var (latest, latestName) = await (await drafter.GetAsync($"/api/reports/{report.Id}/docx")).ExpectDocxAsync();
        Assert.EndsWith("（第2版）.docx", latestName);
        Assert.Contains(Open(latest).Paragraphs, p => p.Text.Contains("23次"));

        await (await drafter.GetAsync($"/api/reports/{report.Id}/docx?revision=3")).AssertProblemAsync(HttpStatusCode.NotFound, "revision-not-found");
    }

    // ---- import and replace ----

    [Fact]
    public async Task Import_of_a_docx_creates_a_draft_with_the_title_and_paragraphs_of_the_file()
    {
        var unit = DemoUnit.Shengtai;
        var year = app.NextYear(unit);
        var drafter = await app.SharedClientAsync(unit.Drafter);
        var response = await drafter.PostAsync("/api/reports/import",
            Form(("报告.docx", Docx(TitleFor(unit, year), CleanBody())), ("year", year.ToString())));
        var report = await Task.FromResult(response).ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.Created);

        Assert.Equal($"/api/reports/{report.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((TitleFor(unit, year), year, "Draft", 1, unit.Name), (report.Title, report.Year, report.Status, report.Revision, report.UnitName));
        Assert.Equal(CleanBody(), report.Body);
    }

    [Fact]
    public async Task Import_of_a_gb18030_text_file_reads_the_chinese_and_a_typed_title_wins()
    {
        var unit = DemoUnit.Shengtai;
        var year = app.NextYear(unit);
        var report = await (await app.SharedClientAsync(unit.Drafter)).PostAsync("/api/reports/import",
                Form(("旧报告.txt", Gb18030("旧标题\r\n" + CleanBody().Replace("\n", "\r\n"))), ("year", year.ToString()), ("title", TitleFor(unit, year))))
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.Created);

        Assert.Equal(TitleFor(unit, year), report.Title);
        Assert.Equal(CleanBody(), report.Body);
    }

    public static TheoryData<string, byte[]?, string> BadFiles() => new()
    {
        { "报告.pdf", "%PDF-1.4"u8.ToArray(), "file-type-unsupported" },
        { "报告.doc", [0xD0, 0xCF, 0x11, 0xE0], "file-type-unsupported" },
        { "报告", "一、情况"u8.ToArray(), "file-type-unsupported" },
        { "报告.docx", "PK\u0003\u0004 not really a zip"u8.ToArray(), "file-unreadable" },
        { "报告.docx", [], "file-empty" },
        { "报告.txt", new byte[10 * 1024 * 1024 + 1], "file-too-large" },
        { "报告.txt", "\n \n"u8.ToArray(), "file-no-text" },
        { "报告.txt", null, "file-required" },
    };

    [Theory]
    // Not enumerated at discovery: xunit would serialise the 10 MB array element by element (gigabytes in the test host).
    [MemberData(nameof(BadFiles), DisableDiscoveryEnumeration = true)]
    public async Task Import_and_replace_refuse_a_bad_file_with_a_chinese_problem_and_keep_nothing(string name, byte[]? content, string code)
    {
        var unit = DemoUnit.Renda;
        var drafter = await app.SharedClientAsync(unit.Drafter);
        var year = app.NextYear(unit);
        (string, byte[])? file = content is null ? null : (name, content);

        var problem = await (await drafter.PostAsync("/api/reports/import", Form(file, ("year", year.ToString()))))
            .AssertProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.DoesNotContain(await drafter.GetAsync("/api/reports").ExpectAsync<ApiContract.ReportListItem[]>(HttpStatusCode.OK), r => r.Year == year);

        var report = await app.OnceAsync("replace-target", () => DraftAsync(unit, CleanBody()));
        var again = await (await drafter.PutAsync($"/api/reports/{report.Id}/docx", Form(file, ("title", "不应保存的标题"))))
            .AssertProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.Equal(problem.Title, again.Title);
        Assert.Equal(1, (await drafter.GetAsync($"/api/reports/{report.Id}").ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK)).Revision);
    }

    [Fact]
    public async Task Import_without_a_year_is_refused()
    {
        var drafter = await app.SharedClientAsync(DemoUnit.Renda.Drafter);
        await (await drafter.PostAsync("/api/reports/import", Form(("报告.docx", Docx("标题", CleanBody())))))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "year-required");
    }

    [Fact]
    public async Task Replace_makes_a_new_revision_from_the_file_in_draft_and_after_a_return()
    {
        var unit = DemoUnit.Haishi;
        var drafter = await app.SharedClientAsync(unit.Drafter);
        var draft = await DraftAsync(unit, CleanBody("xx"));
        var replaced = await drafter.PutAsync($"/api/reports/{draft.Id}/docx", Form(("新稿.docx", Docx(draft.Title, CleanBody()))))
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);
        Assert.Equal((2, CleanBody(), draft.Title), (replaced.Revision, replaced.Body, replaced.Title));

        var returned = await app.CreateReportAsync(unit, "Returned");
        var edited = await drafter.PutAsync($"/api/reports/{returned.Id}/docx", Form(("改稿.txt", "改后的标题\n"u8.ToArray().Concat(
                System.Text.Encoding.UTF8.GetBytes(CleanBody())).ToArray())))
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);
        Assert.Equal(("Returned", 2, "改后的标题", CleanBody()), (edited.Status, edited.Revision, edited.Title, edited.Body));
    }

    [Fact]
    public async Task Only_the_drafter_uploads_and_only_while_the_report_is_his_to_change()
    {
        var unit = DemoUnit.Haishi;
        var file = ("报告.docx", Docx(TitleFor(unit, 2029), CleanBody()));
        foreach (var user in new[] { unit.Secretary, unit.Inspector, DemoUnit.Committee, DemoUnit.Admin })
        {
            var client = await app.SharedClientAsync(user);
            await (await client.PostAsync("/api/reports/import", Form(file, ("year", app.NextYear(unit).ToString()))))
                .AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        var inReview = await app.CreateReportAsync(unit, "SecretaryReview");
        await (await (await app.SharedClientAsync(unit.Drafter)).PutAsync($"/api/reports/{inReview.Id}/docx", Form(file)))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        foreach (var user in new[] { unit.Secretary, unit.Inspector, DemoUnit.Committee })
            await (await (await app.SharedClientAsync(user)).PutAsync($"/api/reports/{inReview.Id}/docx", Form(file)))
                .AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, (await (await app.SharedClientAsync(unit.Drafter)).GetAsync($"/api/reports/{inReview.Id}")
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK)).Revision);
    }

    // ---- scoping ----

    [Theory]
    [InlineData("drafter.haishi")]
    [InlineData("secretary.haishi")]
    [InlineData("inspector.team2")]
    [InlineData("admin")]
    public async Task Another_units_report_is_not_found_on_every_document_endpoint(string user)
    {
        var report = await app.OnceAsync("kexie-two-revisions", async () =>
        {
            var draft = await DraftAsync(DemoUnit.Kexie, CleanBody("xx"));
            return await EditAsync(DemoUnit.Kexie, draft, CleanBody());
        });
        var client = await app.SharedClientAsync(user);
        var url = $"/api/reports/{report.Id}";

        await (await client.GetAsync($"{url}/checks")).AssertProblemAsync(HttpStatusCode.NotFound, "report-not-found");
        await (await client.GetAsync($"{url}/diff?from=1&to=2")).AssertProblemAsync(HttpStatusCode.NotFound, "report-not-found");
        await (await client.GetAsync($"{url}/docx")).AssertProblemAsync(HttpStatusCode.NotFound, "report-not-found");
        await (await client.GetAsync($"{url}/docx?revision=1")).AssertProblemAsync(HttpStatusCode.NotFound, "report-not-found");
        await (await client.PutAsync($"{url}/docx", Form(("报告.docx", Docx(report.Title, CleanBody())))))
            .AssertProblemAsync(HttpStatusCode.NotFound, "report-not-found");
        // Even a bad file must not tell whether the report exists.
        await (await client.PutAsync($"{url}/docx", Form(("报告.pdf", "%PDF"u8.ToArray()))))
            .AssertProblemAsync(HttpStatusCode.NotFound, "report-not-found");
    }
}
