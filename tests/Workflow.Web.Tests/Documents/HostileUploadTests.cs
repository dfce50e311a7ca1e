using System.Net;
using System.Text;
using Workflow.Tests.Shared;
using Workflow.Web.Tests.Infrastructure;
using static Workflow.Web.Tests.Documents.WordFiles;

namespace Workflow.Web.Tests.Documents;

/// <summary>
/// Issue 12 through the real app: a user who may not import is refused before his file is read, whatever it holds, and
/// a drafter's hostile file is refused with a problem the user can act on; either way the app keeps answering.
/// Time and memory are measured by hand on the running app (see the report of the change), not asserted here.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class HostileUploadTests(AppFactory app)
{
    // Not a zip: read as a .docx it would be file-unreadable, so a 403 or 404 for it shows the file was never read.
    private static readonly (string, byte[]) Garbage = ("报告.docx", "这不是 Word 文件"u8.ToArray());

    private async Task AppStillAnswersAsync(HttpClient client)
    {
        await client.GetAsync("/health/live").ExpectAsync(HttpStatusCode.OK);
        await client.GetAsync("/api/reports").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_user_who_may_not_create_is_refused_before_the_file_is_read()
    {
        var year = app.NextYear(DemoUnit.Kexie).ToString();
        foreach (var user in new[] { DemoUnit.Committee, DemoUnit.Kexie.Secretary, DemoUnit.Kexie.Inspector })
        {
            var client = await app.SharedClientAsync(user);
            await (await client.PostAsync("/api/reports/import", Form(Garbage, ("year", year)))).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await client.PostAsync("/api/reports/import", Form(("报告.docx", HostileFiles.EmptyParagraphBomb()), ("year", year))))
                .AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            await AppStillAnswersAsync(client);
        }
        // The drafter of a year that already has its report: the conflict, not the file, is the answer.
        var existing = await app.CreateReportAsync(DemoUnit.Kexie, "Draft");
        await (await (await app.SharedClientAsync(DemoUnit.Kexie.Drafter)).PostAsync("/api/reports/import",
            Form(Garbage, ("year", existing.Year.ToString())))).AssertProblemAsync(HttpStatusCode.Conflict, "report-exists");
    }

    [Fact]
    public async Task A_user_who_may_not_change_the_report_is_refused_before_the_file_is_read()
    {
        var draft = await app.CreateReportAsync(DemoUnit.Shengtai, "Draft");
        var url = $"/api/reports/{draft.Id}/docx";
        foreach (var user in new[] { DemoUnit.Committee, DemoUnit.Shengtai.Secretary })
            await (await (await app.SharedClientAsync(user)).PutAsync(url, Form(Garbage))).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await (await app.SharedClientAsync(DemoUnit.Haishi.Drafter)).PutAsync(url, Form(Garbage)))
            .AssertProblemAsync(HttpStatusCode.NotFound, "report-not-found");

        var inReview = await app.CreateReportAsync(DemoUnit.Shengtai, "SecretaryReview");
        var drafter = await app.SharedClientAsync(DemoUnit.Shengtai.Drafter);
        await (await drafter.PutAsync($"/api/reports/{inReview.Id}/docx", Form(("报告.docx", HostileFiles.EmptyParagraphBomb()))))
            .AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        await AppStillAnswersAsync(drafter);
    }

    private static byte[] HostileFile(string name) => name switch
    {
        "bomb of issue 12" => HostileFiles.EmptyParagraphBomb(),
        "empty paragraphs under the part limit" => HostileFiles.EmptyParagraphsUnderThePartLimit(),
        "lying zip sizes" => HostileFiles.LyingSizeBomb(),
        "100,000 entries" => HostileFiles.ManyEntries(100_000),
        "truncated archive" => HostileFiles.Docx(HostileFiles.Document("<w:p><w:r><w:t>正文</w:t></w:r></w:p>"))[..300],
        "pdf named docx" => HostileFiles.Pdf(),
        "old doc named docx" => HostileFiles.OldWordDocument(),
        "100,000 nested elements" => HostileFiles.DeeplyNested(100_000),
        "billion laughs" => HostileFiles.EntityExpansion(),
        "300,001 characters in one paragraph" =>
            HostileFiles.Docx(HostileFiles.Document($"<w:p><w:r><w:t>{new string('字', 300_001)}</w:t></w:r></w:p>")),
        "10 MB of one character" => Encoding.UTF8.GetBytes(new string('字', 10 * 1024 * 1024 / 3)),
        "bytes valid in no encoding" => [.. "一、情况"u8, 0xFF, 0xFF, 0xFE, 0x81],
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [InlineData("bomb of issue 12", "报告.docx", "file-package-too-large")]
    [InlineData("empty paragraphs under the part limit", "报告.docx", "body-too-long")]
    [InlineData("lying zip sizes", "报告.docx", "file-unreadable")]
    [InlineData("100,000 entries", "报告.docx", "file-package-too-large")]
    [InlineData("truncated archive", "报告.docx", "file-unreadable")]
    [InlineData("pdf named docx", "报告.docx", "file-unreadable")]
    [InlineData("old doc named docx", "报告.docx", "file-unreadable")]
    [InlineData("100,000 nested elements", "报告.docx", "file-unreadable")]
    [InlineData("billion laughs", "报告.docx", "file-unreadable")]
    [InlineData("300,001 characters in one paragraph", "报告.docx", "body-too-long")]
    [InlineData("10 MB of one character", "报告.txt", "body-too-long")]
    [InlineData("bytes valid in no encoding", "报告.txt", "file-encoding-unknown")]
    public async Task A_drafters_hostile_file_is_refused_with_a_problem_and_the_app_keeps_answering(string hostile, string fileName, string code)
    {
        var unit = DemoUnit.Haishi;
        var drafter = await app.SharedClientAsync(unit.Drafter);
        var file = (fileName, HostileFile(hostile));
        var year = app.NextYear(unit);

        var problem = await (await drafter.PostAsync("/api/reports/import", Form(file, ("year", year.ToString()))))
            .AssertProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.DoesNotContain(await drafter.GetAsync("/api/reports").ExpectAsync<ApiContract.ReportListItem[]>(HttpStatusCode.OK), r => r.Year == year);

        var report = await app.OnceAsync("hostile-replace-target", () => app.CreateReportAsync(unit, "Draft"));
        var again = await (await drafter.PutAsync($"/api/reports/{report.Id}/docx", Form(file))).AssertProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.Equal(problem.Title, again.Title);
        Assert.Equal(1, (await drafter.GetAsync($"/api/reports/{report.Id}").ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK)).Revision);
        await AppStillAnswersAsync(drafter);
    }

    [Fact]
    public async Task The_pages_refuse_a_user_who_may_not_upload_before_they_read_his_file()
    {
        using var committee = await PageSession.SignInAsync(app, DemoUnit.Committee);
        var create = await PageSession.RefusedAsync(await committee.PostMultipartAsync("/Reports/Create",
            PageForm(("Input.Year", app.NextYear(DemoUnit.Renda).ToString()))));
        Assert.Contains("只有起草人可以新建报告。", PageSession.SummaryErrors(create));
        Assert.DoesNotContain("无法读取", create);
        Assert.Contains("不超过 10 MB", create);

        var draft = await app.CreateReportAsync(DemoUnit.Renda, "Draft");
        using var secretary = await PageSession.SignInAsync(app, DemoUnit.Renda.Secretary);
        var edit = await PageSession.RefusedAsync(await secretary.PostMultipartAsync($"/Reports/Edit/{draft.Id}", PageForm(("Input.Title", draft.Title))));
        Assert.Contains("只有本单位起草人可以修改报告。", PageSession.SummaryErrors(edit));
        Assert.DoesNotContain("无法读取", edit);

        using var otherDrafter = await PageSession.SignInAsync(app, DemoUnit.Kexie.Drafter);
        // The token comes from a page he may open; the report itself he may not even see.
        var hidden = await otherDrafter.PostMultipartAsync("/Reports/Create", PageForm(("Input.Title", draft.Title)),
            action: $"/Reports/Edit/{draft.Id}");
        Assert.Equal("/NotFound", PageSession.RedirectPath(hidden));
    }

    private static MultipartFormDataContent PageForm(params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        form.Add(new ByteArrayContent(Garbage.Item2), "Upload", Garbage.Item1);
        return form;
    }
}
