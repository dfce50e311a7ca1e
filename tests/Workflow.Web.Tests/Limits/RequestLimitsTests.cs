using System.Net;
using System.Text;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Limits;

/// <summary>Oversize requests and texts are refused with a clear answer before they are buffered or kept as a revision.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class RequestLimitsTests(AppFactory app)
{
    private static readonly DemoUnit Unit = DemoUnit.Kexie;
    private const int MaxBody = 300_000;

    [Fact]
    public async Task A_25_MB_edit_is_refused_with_413_and_keeps_no_revision()
    {
        var report = await app.CreateReportAsync(Unit, "Draft");
        var drafter = await app.SharedClientAsync(Unit.Drafter);
        var json = $$"""{"title":"标题","body":"{{new string('报', 25 * 1024 * 1024 / 3)}}"}""";

        var response = await drafter.SendRawAsync(HttpMethod.Put, $"/api/reports/{report.Id}", json);

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request-too-large");
        Assert.Contains("4 MB", problem.Title);
        var after = await drafter.GetAsync($"/api/reports/{report.Id}").ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);
        Assert.Equal(report.Revision, after.Revision);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_on_the_body_field_and_one_at_the_limit_is_kept()
    {
        var report = await app.CreateReportAsync(Unit, "Draft");
        var drafter = await app.SharedClientAsync(Unit.Drafter);
        var url = $"/api/reports/{report.Id}";

        var tooLong = await drafter.PutJsonAsync(url, new { title = report.Title, body = new string('报', MaxBody + 1) });
        var problem = await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest, "body-too-long");
        Assert.Equal("body", problem.Field);
        Assert.Contains("300,000", problem.Title);

        var atLimit = await drafter.PutJsonAsync(url, new { title = report.Title, body = new string('报', MaxBody) })
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);
        Assert.Equal(report.Revision + 1, atLimit.Revision);
        Assert.Equal(MaxBody, atLimit.Body.Length);
    }

    [Fact]
    public async Task Creating_a_report_over_the_limit_is_refused_too()
    {
        var drafter = await app.SharedClientAsync(Unit.Drafter);
        var response = await drafter.PostJsonAsync("/api/reports",
            new { title = "年度报告", year = app.NextYear(Unit), body = new string('报', MaxBody + 1) });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "body-too-long");
    }

    [Fact]
    public async Task An_upload_endpoint_takes_a_file_larger_than_a_json_request_but_not_larger_than_its_own_limit()
    {
        var drafter = await app.SharedClientAsync(Unit.Drafter);

        // 6 MB is over the 4 MB of ordinary requests and under the 10 MB of a spreadsheet: it reaches the reader, which refuses it.
        var fits = await drafter.PostAsync("/api/rectifications/import", Upload(6 * 1024 * 1024, "ledger.xlsx"));
        var refusedByReader = await fits.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEqual("urn:approvalflow:problem:request-too-large", refusedByReader.Type);

        var tooLarge = await drafter.PostAsync("/api/rectifications/import", Upload(11 * 1024 * 1024, "ledger.xlsx"));
        var problem = await tooLarge.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request-too-large");
        Assert.Contains("10.1 MB", problem.Title);
    }

    [Fact]
    public async Task More_requirements_than_one_decision_may_carry_are_refused_and_the_report_stays()
    {
        var report = await app.CreateReportAsync(Unit, "SecretaryReview");
        var secretary = await app.SharedClientAsync(Unit.Secretary);
        var requirements = Enumerable.Range(1, 31).Select(i => $"第{i}条整改要求").ToArray();

        var response = await secretary.PostJsonAsync($"/api/reports/{report.Id}/return", new { comment = "请修改。", requirements });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "requirements-too-many");
        Assert.Equal("requirements", problem.Field);
        var after = await secretary.GetAsync($"/api/reports/{report.Id}").ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);
        Assert.Equal("SecretaryReview", after.Status);
    }

    [Fact]
    public async Task The_edit_page_shows_an_over_long_body_beside_the_field()
    {
        var report = await app.CreateReportAsync(Unit, "Draft");
        using var session = await PageSession.SignInAsync(app, Unit.Drafter);
        var page = $"/Reports/Edit/{report.Id}";

        var response = await session.PostFormAsync(page, ("Input.Title", report.Title), ("Input.Body", new string('报', MaxBody + 1)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("不能超过300,000个字符", PageSession.FieldError(html, "Input.Body"));
    }

    private static MultipartFormDataContent Upload(int bytes, string name)
    {
        var form = new MultipartFormDataContent();
        var content = new byte[bytes];
        Encoding.ASCII.GetBytes("not a zip").CopyTo(content, 0);
        form.Add(new ByteArrayContent(content), "file", name);
        return form;
    }
}
