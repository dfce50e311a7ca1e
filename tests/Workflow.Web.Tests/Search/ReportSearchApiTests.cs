using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Search;

/// <summary>
/// GET /api/reports and 全部报告 with search and filters: a Chinese substring of title or text, highlighted; scoped exactly as
/// the plain list (another unit's report never matches); filters, sort and pages; hostile queries are searched literally.
/// </summary>
public abstract class ReportSearchApiCases(AppFactory app)
{
    // Words no demo text and no other test uses, so only the reports written here match.
    private const string Phrase = "智慧党建云平台";

    private sealed record Written(Guid Kexie, int KexieYear, Guid Haishi);

    private Task<Written> WrittenAsync() => app.OnceAsync("report-search", async () =>
    {
        var kexie = await WriteAsync(DemoUnit.Kexie, $"市科协{Phrase}建设情况的报告", "推进数字化监督。");
        var haishi = await WriteAsync(DemoUnit.Haishi, "市海事法院年度报告", $"依托{Phrase}开展<b>谈心谈话</b>。");
        return new Written(kexie.Id, kexie.Year, haishi.Id);
    });

    private async Task<(Guid Id, int Year)> WriteAsync(DemoUnit unit, string title, string body)
    {
        var year = app.NextYear(unit);
        var report = await (await app.SharedClientAsync(unit.Drafter)).PostJsonAsync("/api/reports", new { title, year, body })
            .ExpectAsync<JsonElement>(HttpStatusCode.Created);
        return (report.GetProperty("id").GetGuid(), year);
    }

    private async Task<(JsonElement[] Rows, int Total)> ListAsync(string userName, string query)
    {
        var response = await (await app.SharedClientAsync(userName)).GetAsync("/api/reports" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
        return (rows, int.Parse(response.Headers.GetValues("X-Total-Count").Single()));
    }

    [Fact]
    public async Task The_committee_finds_both_reports_by_a_Chinese_phrase_with_the_match_marked_and_title_matches_first()
    {
        var written = await WrittenAsync();

        var (rows, total) = await ListAsync(DemoUnit.Committee, "?q=" + Uri.EscapeDataString("党建云"));

        Assert.Equal(2, total);
        Assert.Equal([written.Kexie, written.Haishi], rows.Select(r => r.GetProperty("id").GetGuid()));
        Assert.Equal($"市科协智慧<mark>党建云</mark>平台建设情况的报告", rows[0].GetProperty("titleHtml").GetString());
        Assert.Equal("依托智慧<mark>党建云</mark>平台开展&lt;b&gt;谈心谈话&lt;/b&gt;。", rows[1].GetProperty("snippetHtml").GetString());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("titleHtml").ValueKind);
        Assert.Equal("王丽（市科协办公室）", rows[0].GetProperty("holders").GetString());
    }

    [Theory]
    [InlineData("drafter.haishi", new[] { "Haishi" })]
    [InlineData("secretary.kexie", new[] { "Kexie" })]
    [InlineData("inspector.team1", new[] { "Kexie" })]
    [InlineData("inspector.team2", new[] { "Haishi" })]
    [InlineData(DemoUnit.Committee, new[] { "Kexie", "Haishi" })]
    public async Task Another_units_report_never_matches_a_search_or_a_unit_filter(string userName, string[] expected)
    {
        var written = await WrittenAsync();
        var ids = new Dictionary<string, Guid> { ["Kexie"] = written.Kexie, ["Haishi"] = written.Haishi };

        foreach (var q in new[] { Phrase, "党建", "云" })
        {
            var (rows, _) = await ListAsync(userName, "?q=" + Uri.EscapeDataString(q));
            var mine = rows.Select(r => r.GetProperty("id").GetGuid()).Where(ids.ContainsValue).Order();
            Assert.Equal(expected.Select(k => ids[k]).Order(), mine);
        }
        var (other, total) = await ListAsync("drafter.haishi", "?unitId=10000000-0000-0000-0000-000000000101");
        Assert.Empty(other);
        Assert.Equal(0, total);
    }

    [Fact]
    public async Task Filters_combine_and_a_page_is_cut_with_the_total_in_a_header()
    {
        var written = await WrittenAsync();

        var (byYear, _) = await ListAsync(DemoUnit.Committee, $"?year={written.KexieYear}&unitId=10000000-0000-0000-0000-000000000101&status=Draft");
        var (firstPage, total) = await ListAsync(DemoUnit.Committee, "?q=" + Uri.EscapeDataString(Phrase) + "&pageSize=1&page=2");
        var (overdue, _) = await ListAsync(DemoUnit.Committee, "?overdue=true");
        var (drafts, _) = await ListAsync(DemoUnit.Committee, "?status=Draft&sort=updated");

        Assert.Equal(written.Kexie, Assert.Single(byYear).GetProperty("id").GetGuid());
        Assert.Equal((2, written.Haishi), (total, Assert.Single(firstPage).GetProperty("id").GetGuid()));
        Assert.NotEmpty(overdue);
        Assert.All(overdue, r => Assert.True(r.GetProperty("overdue").GetBoolean()));
        Assert.All(overdue, r => Assert.True(r.GetProperty("workingDaysLeft").GetInt32() < 0));
        Assert.All(drafts, r => Assert.Equal("Draft", r.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("NEAR(党建 云")]
    [InlineData("*")]
    [InlineData("党建\" OR \"云")]
    [InlineData("%_\\")]
    public async Task Search_syntax_is_searched_literally(string q)
    {
        await WrittenAsync();

        var (rows, total) = await ListAsync(DemoUnit.Committee, "?q=" + Uri.EscapeDataString(q));

        Assert.Empty(rows);
        Assert.Equal(0, total);
    }

    [Fact]
    public async Task A_very_long_query_is_cut_not_refused_and_a_bad_sort_or_page_is_a_problem()
    {
        var committee = await app.SharedClientAsync(DemoUnit.Committee);

        await committee.GetAsync("/api/reports?q=" + Uri.EscapeDataString(new string('党', 5000))).ExpectAsync(HttpStatusCode.OK);
        await (await committee.GetAsync("/api/reports?sort=title")).AssertProblemAsync(HttpStatusCode.BadRequest, "sort-invalid");
        await (await committee.GetAsync("/api/reports?page=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "page-invalid");
        await (await committee.GetAsync("/api/reports?pageSize=500")).AssertProblemAsync(HttpStatusCode.BadRequest, "page-size-invalid");
    }

    [Fact]
    public async Task The_page_marks_the_match_and_keeps_the_filters_in_the_link()
    {
        var written = await WrittenAsync();
        using var committee = await PageSession.SignInAsync(app, DemoUnit.Committee);
        using var drafter = await PageSession.SignInAsync(app, "drafter.shengtai");

        var page = await committee.GetPageAsync("/Reports?q=" + Uri.EscapeDataString("党建云") + "&sort=relevance");
        var theirs = await drafter.GetPageAsync("/Reports?q=" + Uri.EscapeDataString("党建云"));
        var badSort = await committee.GetPageAsync("/Reports?sort=nonsense");

        var decoded = WebUtility.HtmlDecode(page);
        Assert.Contains($"/Reports/Details/{written.Kexie}", page);
        Assert.Contains("<mark>党建云</mark>", decoded);
        // The report's own markup is text: escaped in the page, never an element.
        Assert.Contains("&lt;b&gt;", page);
        Assert.DoesNotContain("<b>", page);
        Assert.Contains("value=\"党建云\"", decoded);
        Assert.DoesNotContain(Phrase, WebUtility.HtmlDecode(theirs));
        Assert.Contains("没有符合条件的报告", theirs);
        Assert.Contains("排序方式无效", WebUtility.HtmlDecode(badSort));
    }
}

[Collection(SharedAppCollection.Name)]
public sealed class ReportSearchApiTests(AppFactory app) : ReportSearchApiCases(app);

[Collection(PostgresAppCollection.Name)]
public sealed class ReportSearchApiTestsOnPostgreSql(PostgresAppFactory app) : ReportSearchApiCases(app);
