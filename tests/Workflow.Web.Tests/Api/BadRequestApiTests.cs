using System.Net;
using System.Net.Http.Json;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Api;

/// <summary>Requests the API must refuse with 400 problem+json naming what is wrong, never with a 500.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class BadRequestApiTests(AppFactory app)
{
    private static readonly DemoUnit Unit = DemoUnit.Renda;

    public static TheoryData<string, string?> MissingComments => new()
    {
        { "no body", null },
        { "empty object", "{}" },
        { "null comment", """{"comment":null}""" },
        { "empty comment", """{"comment":""}""" },
        { "blank comment", """{"comment":"  \n\t "}""" },
        { "full-width blanks", """{"comment":"\u3000\u3000"}""" },
    };

    [Theory]
    [MemberData(nameof(MissingComments))]
    public async Task Return_without_a_comment_is_refused_and_changes_nothing(string _, string? json)
    {
        var report = await app.OnceAsync("bad-request:return", () => app.CreateReportAsync(Unit, "SecretaryReview"));
        var secretary = await app.SharedClientAsync(Unit.Secretary);
        var url = $"/api/reports/{report.Id}/return";

        var response = json is null ? await secretary.PostAsync(url, null) : await secretary.SendRawAsync(HttpMethod.Post, url, json);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "comment-required");
        Assert.Equal("退回时必须填写退回意见。", problem.Title);
        var after = await secretary.GetAsync($"/api/reports/{report.Id}").ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);
        Assert.Equal("SecretaryReview", after.Status);
    }

    public static TheoryData<string, string, string> InvalidReports => new()
    {
        { "empty title", """{"title":"","year":2099,"body":"正文"}""", "title-required" },
        { "blank title", """{"title":"   ","year":2099,"body":"正文"}""", "title-required" },
        { "missing title", """{"year":2099,"body":"正文"}""", "title-required" },
        { "title too long", $$"""{"title":"{{new string('报', 201)}}","year":2099,"body":"正文"}""", "title-too-long" },
        { "missing year", """{"title":"年度报告","body":"正文"}""", "year-required" },
        { "null year", """{"title":"年度报告","year":null,"body":"正文"}""", "year-required" },
        { "year out of range", """{"title":"年度报告","year":1999,"body":"正文"}""", "year-invalid" },
        { "missing body", """{"title":"年度报告","year":2099}""", "body-required" },
        { "year as text", """{"title":"年度报告","year":"二〇二六","body":"正文"}""", "bad-request" },
    };

    [Theory]
    [MemberData(nameof(InvalidReports))]
    public async Task Creating_an_invalid_report_is_refused_with_the_field_at_fault(string _, string json, string code)
    {
        var drafter = await app.SharedClientAsync(Unit.Drafter);
        var before = await drafter.GetAsync("/api/reports").ExpectAsync<ApiContract.ReportListItem[]>(HttpStatusCode.OK);

        var response = await drafter.SendRawAsync(HttpMethod.Post, "/api/reports", json);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        var after = await drafter.GetAsync("/api/reports").ExpectAsync<ApiContract.ReportListItem[]>(HttpStatusCode.OK);
        Assert.Equal(before.Length, after.Length);
    }

    public static TheoryData<string, string, string> MalformedJson => new()
    {
        { "POST", "/api/auth/login", """{"userName":"drafter.renda","password":""" },
        { "POST", "/api/reports", """{"title":"年度报告","year":2099,""" },
        { "POST", "/api/reports", "这不是JSON" },
        { "POST", "/api/reports", "[1,2,3]" },
        { "PUT", "/api/reports/{id}", """{"title":"年度报告" "body":"正文"}""" },
        { "POST", "/api/reports/{id}/approve", "{comment:同意}" },
        { "POST", "/api/reports/{id}/return", """{"comment":"请补充""" },
        { "POST", "/api/auth/login", "null" },
        { "POST", "/api/reports", "null" },
        { "PUT", "/api/reports/{id}", "null" },
        { "PUT", "/api/reports/{id}", "" },
        { "POST", "/api/reports/{id}/return", """{"comment":"请补充。","restartFromFirstStep":"yes"}""" },
    };

    [Theory]
    [MemberData(nameof(MalformedJson))]
    public async Task Malformed_json_is_a_400_problem_not_a_500(string method, string url, string json)
    {
        var report = await app.OnceAsync("bad-request:malformed", () => app.CreateReportAsync(Unit, "Draft"));
        var client = await app.SharedClientAsync(Unit.Drafter);

        var response = await client.SendRawAsync(new HttpMethod(method), url.Replace("{id}", report.Id.ToString()), json);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "bad-request");
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("return")]
    public async Task A_comment_over_4000_characters_is_refused(string action)
    {
        var report = await app.OnceAsync("bad-request:return", () => app.CreateReportAsync(Unit, "SecretaryReview"));
        var secretary = await app.SharedClientAsync(Unit.Secretary);

        var response = await secretary.PostJsonAsync($"/api/reports/{report.Id}/{action}", new { comment = new string('意', 4001) });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "comment-too-long");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        var drafter = await app.SharedClientAsync(Unit.Drafter);

        var response = await drafter.SendRawAsync(HttpMethod.Post, "/api/reports", "title=年度报告&year=2099", "application/x-www-form-urlencoded");

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    // The title must fit every endpoint: an upload sent as JSON is told to use multipart, not JSON.
    [Fact]
    public async Task An_upload_sent_as_json_is_a_415_that_names_multipart()
    {
        var drafter = await app.SharedClientAsync(Unit.Drafter);

        var response = await drafter.SendRawAsync(HttpMethod.Post, "/api/reports/import", "{\"year\":2099}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Contains("multipart/form-data", problem.Title);
    }

    [Theory]
    [InlineData("/api/reports/not-a-guid")]
    [InlineData("/api/no-such-endpoint")]
    public async Task Unknown_api_addresses_are_a_404_problem(string url)
    {
        var drafter = await app.SharedClientAsync(Unit.Drafter);

        var response = await drafter.GetAsync(url);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task An_unsupported_method_is_a_405_problem()
    {
        var report = await app.OnceAsync("bad-request:malformed", () => app.CreateReportAsync(Unit, "Draft"));
        var drafter = await app.SharedClientAsync(Unit.Drafter);

        var response = await drafter.DeleteAsync($"/api/reports/{report.Id}");

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    [Theory]
    [InlineData("drafter.kexie", "Approved")]
    [InlineData("drafter.shengtai", "Returned")]
    public async Task The_list_filters_by_status(string userName, string status)
    {
        var client = await app.SharedClientAsync(userName);

        var all = await client.GetAsync("/api/reports").ExpectAsync<ApiContract.ReportListItem[]>(HttpStatusCode.OK);
        var list = await client.GetAsync($"/api/reports?status={status}").ExpectAsync<ApiContract.ReportListItem[]>(HttpStatusCode.OK);

        Assert.NotEmpty(list);
        Assert.Equal(all.Where(r => r.Status == status).Select(r => r.Id), list.Select(r => r.Id));
    }

    [Fact]
    public async Task A_status_filter_that_is_no_step_key_is_a_400_problem()
    {
        var drafter = await app.SharedClientAsync(Unit.Drafter);

        // Any route may name its own steps, so a well-formed key that no route uses finds nothing; a malformed one is refused.
        var response = await drafter.GetAsync("/api/reports?status=Finished%21");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        Assert.Empty(await (await drafter.GetAsync("/api/reports?status=Finished")).Content.ReadFromJsonAsync<List<object>>() ?? []);
    }

    [Fact]
    public async Task A_revision_that_does_not_exist_is_a_404_problem()
    {
        var report = await app.OnceAsync("bad-request:malformed", () => app.CreateReportAsync(Unit, "Draft"));
        var drafter = await app.SharedClientAsync(Unit.Drafter);

        var response = await drafter.GetAsync($"/api/reports/{report.Id}/revisions/99");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "revision-not-found");
    }
}
