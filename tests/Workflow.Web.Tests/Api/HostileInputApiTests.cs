using System.Net;
using System.Text;
using System.Text.Json;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Api;

/// <summary>
/// Requests the API fuzz (tests/Workflow.Web.Tests/Fuzz) found answered with a 500, or worse; each is now a 4xx problem
/// naming the field, on both databases.
/// </summary>
public abstract class HostileInputApiCases(AppFactory app)
{
    private static readonly DemoUnit Unit = DemoUnit.Renda;

    public static TheoryData<string, string, string> OutOfRangeDates => new()
    {
        { "deadline in 9999", "create", "9999-12-31" },
        { "deadline in year 1", "create", "0001-01-01" },
        { "extension to 9999", "request-extension", "9999-12-31" },
        { "long-term review in 9999", "mark-long-term", "9999-12-31" },
    };

    /// <summary>A deadline in 9999 was stored, and from then on every reminder sweep failed on the date arithmetic (500).</summary>
    [Theory]
    [MemberData(nameof(OutOfRangeDates))]
    public async Task A_date_outside_2000_to_2100_is_refused_and_the_reminder_sweep_keeps_running(string _, string action, string date)
    {
        var drafter = await app.SharedClientAsync(Unit.Drafter);
        HttpResponseMessage response;
        if (action == "create")
            response = await drafter.PostJsonAsync("/api/rectifications", new { problem = "会议记录不完整", deadline = date });
        else
        {
            var item = await drafter.PostJsonAsync("/api/rectifications", new { problem = "会议记录不完整", deadline = "2027-03-31" })
                .ExpectAsync<JsonElement>(HttpStatusCode.Created);
            var url = $"/api/rectifications/{item.GetProperty("id").GetGuid()}";
            await drafter.PostJsonAsync(url + "/start").ExpectAsync(HttpStatusCode.OK);
            response = await drafter.PostJsonAsync($"{url}/{action}", new { comment = "需要长期推进。", deadline = date, nextReviewOn = date });
        }

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "date-out-of-range");
        Assert.Equal(action == "mark-long-term" ? "nextReviewOn" : "deadline", problem.Field);
        var admin = await app.SharedClientAsync(DemoUnit.Admin);
        await admin.PostJsonAsync("/api/admin/reminders/sweep").ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>The framework's JSON reader threw InvalidOperationException on a charset it does not know: a 500 on every JSON endpoint.</summary>
    [Theory]
    [InlineData("no-such-charset")]
    [InlineData("utf-7")]
    [InlineData("\"utf-8\"")]
    public async Task A_json_body_in_an_unknown_charset_is_a_415_problem(string charset)
    {
        var drafter = await app.SharedClientAsync(Unit.Drafter);

        var response = await PostReportAsync(drafter, $"application/json; charset={charset}");

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-charset");
    }

    [Theory]
    [InlineData("UTF-8")]
    [InlineData("utf-8")]
    public async Task A_json_body_in_a_known_charset_is_read(string charset)
    {
        var drafter = await app.SharedClientAsync(Unit.Drafter);

        await PostReportAsync(drafter, $"application/json; charset={charset}").ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>string.Normalize threw on U+FFFF (500 on both databases); PostgreSQL refused the NUL in the user query (500).</summary>
    [Theory]
    [InlineData("\\uffff\\ufffe")]
    [InlineData("\\u0000")]
    [InlineData("admin\\u0000")]
    public async Task Signing_in_with_a_name_no_user_can_have_is_a_401_problem(string escapedName)
    {
        var response = await app.CreateClient().SendRawAsync(HttpMethod.Post, "/api/auth/login",
            $$"""{"userName":"{{escapedName}}","password":"{{AppFactory.Password}}"}""");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    public static TheoryData<string, string> NulTexts => new()
    {
        { "new report title", "title" },
        { "new report body", "body" },
        { "edited title", "title" },
        { "imported title", "title" },
        { "approval comment", "comment" },
        { "requirement", "problem" },
        { "item measures", "measures" },
        { "item owner", "ownerUserName" },
        { "long-term reason", "comment" },
    };

    /// <summary>PostgreSQL cannot store U+0000 in text: each of these was a 500 there (SQLite stored it).</summary>
    [Theory]
    [MemberData(nameof(NulTexts))]
    public async Task Text_with_a_nul_character_is_refused_on_its_field(string what, string field)
    {
        var drafter = await app.SharedClientAsync(Unit.Drafter);
        var draft = await app.OnceAsync("hostile:draft", () => app.CreateReportAsync(Unit, "Draft"));
        var waiting = await app.OnceAsync("hostile:waiting", () => app.CreateReportAsync(Unit, "SecretaryReview"));
        var secretary = await app.SharedClientAsync(Unit.Secretary);

        var response = what switch
        {
            "new report title" => await drafter.PostJsonAsync("/api/reports", new { title = "年度\0报告", year = app.NextYear(Unit), body = "正文" }),
            "new report body" => await drafter.PostJsonAsync("/api/reports", new { title = "年度报告", year = app.NextYear(Unit), body = "正文\0" }),
            "edited title" => await drafter.PutJsonAsync($"/api/reports/{draft.Id}", new { title = "\0", body = "正文" }),
            "imported title" => await drafter.PostAsync("/api/reports/import", Documents.WordFiles.Form(
                ("报告.txt", Encoding.UTF8.GetBytes(ReportScenarios.Body)), ("year", app.NextYear(Unit).ToString()), ("title", "年度\0报告"))),
            "approval comment" => await secretary.PostJsonAsync($"/api/reports/{waiting.Id}/approve", new { comment = "同意\0" }),
            "requirement" => await secretary.PostJsonAsync($"/api/reports/{waiting.Id}/approve", new { comment = "同意。", requirements = new[] { "整改\0" } }),
            "item measures" => await drafter.PostJsonAsync("/api/rectifications", new { problem = "会议记录不完整", measures = "补齐\0记录" }),
            "item owner" => await drafter.PostJsonAsync("/api/rectifications", new { problem = "会议记录不完整", ownerUserName = "drafter.renda\0" }),
            _ => await MarkLongTermAsync(drafter, reason: "长期\0坚持"),
        };

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "text-invalid-character");
        Assert.Equal(field, problem.Field);
        // A refused decision leaves the report where it was.
        var after = await secretary.GetAsync($"/api/reports/{waiting.Id}").ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);
        Assert.Equal("SecretaryReview", after.Status);
    }

    /// <summary>U+FFFF was stored in a report, and exporting it to Word failed for ever after (500): the .docx is XML, which cannot hold it.</summary>
    [Theory]
    [InlineData("title", "年度报告\uFFFF")]
    [InlineData("body", "正文\u0001正文")]
    public async Task Report_text_a_word_file_cannot_hold_is_refused(string field, string text)
    {
        var drafter = await app.SharedClientAsync(Unit.Drafter);

        var response = await drafter.PostJsonAsync("/api/reports", new
        {
            title = field == "title" ? text : "年度报告", year = app.NextYear(Unit), body = field == "body" ? text : "正文",
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "text-invalid-character");
        Assert.Equal(field, problem.Field);
    }

    private async Task<HttpResponseMessage> MarkLongTermAsync(HttpClient drafter, string reason)
    {
        var item = await drafter.PostJsonAsync("/api/rectifications", new { problem = "会议记录不完整", deadline = "2027-03-31" })
            .ExpectAsync<JsonElement>(HttpStatusCode.Created);
        return await drafter.PostJsonAsync($"/api/rectifications/{item.GetProperty("id").GetGuid()}/mark-long-term",
            new { comment = reason, nextReviewOn = "2027-06-30" });
    }

    /// <summary>The ledger's owner filter looked the text up as given: a NUL was a 500 on PostgreSQL; now it matches nobody.</summary>
    [Fact]
    public async Task An_owner_filter_with_a_nul_character_matches_nothing()
    {
        var drafter = await app.SharedClientAsync(Unit.Drafter);

        var items = await drafter.GetAsync("/api/rectifications?owner=drafter.renda%00").ExpectAsync<JsonElement[]>(HttpStatusCode.OK);

        Assert.Empty(items);
    }

    /// <summary>A new report in UTF-8 under the given Content-Type, set as is (HttpClient would refuse a charset it does not know).</summary>
    private Task<HttpResponseMessage> PostReportAsync(HttpClient client, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"title":"年度报告","year":{{app.NextYear(Unit)}},"body":"正文"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return client.PostAsync("/api/reports", content);
    }
}

/// <summary>The fuzz findings on SQLite.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class HostileInputApiTests(AppFactory app) : HostileInputApiCases(app);

/// <summary>The fuzz findings on PostgreSQL, where a NUL in text was a 500.</summary>
[Collection(PostgresAppCollection.Name)]
public sealed class HostileInputApiTestsOnPostgreSql(PostgresAppFactory app) : HostileInputApiCases(app);
