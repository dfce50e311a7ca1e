using System.Net;
using System.Text.RegularExpressions;
using Workflow.Web.Tests.Infrastructure;
using static Workflow.Web.Tests.Documents.WordFiles;

namespace Workflow.Web.Tests.Documents;

/// <summary>The 版本对比 page and the Word download of the report page, through a signed-in browser-like session.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class DiffPageTests(AppFactory app)
{
    /// <summary>A kexie report with a filled placeholder (revision 1 → 2).</summary>
    private Task<ApiContract.ReportDto> ReportAsync() => app.OnceAsync("diff-page", async () =>
    {
        var unit = DemoUnit.Kexie;
        var drafter = await app.SharedClientAsync(unit.Drafter);
        var year = app.NextYear(unit);
        var report = await drafter.PostJsonAsync("/api/reports", new { title = TitleFor(unit, year), year, body = CleanBody("xx") })
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.Created);
        return await drafter.PutJsonAsync($"/api/reports/{report.Id}", new { title = report.Title, body = CleanBody() + "\n二是加强监督。" })
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);
    });

    [Fact]
    public async Task Side_by_side_marks_the_filled_placeholder_and_the_added_sentence()
    {
        var report = await ReportAsync();
        using var inspector = await PageSession.SignInAsync(app, DemoUnit.Kexie.Inspector);
        var html = await inspector.GetPageAsync($"/Reports/Diff/{report.Id}?from=1&to=2");

        Assert.Contains("修改 1 句，新增 1 句，删除 0 句", Collapse(html));
        var modified = Regex.Match(html, "<tr class=\"row-modified\" data-kind=\"Modified\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("<del>xx</del>", modified);
        Assert.Contains("<ins>23</ins>", modified);
        Assert.Contains("<ins>二是加强监督。</ins>", html);
    }

    [Fact]
    public async Task Inline_view_shows_the_changes_in_one_text_and_the_default_compares_the_last_two_revisions()
    {
        var report = await ReportAsync();
        using var secretary = await PageSession.SignInAsync(app, DemoUnit.Kexie.Secretary);
        var html = await secretary.GetPageAsync($"/Reports/Diff/{report.Id}?view=inline");

        Assert.Contains("第1版 → 第2版", Collapse(html));
        var inline = Regex.Match(html, "id=\"diff-inline\">(.*)", RegexOptions.Singleline).Groups[1].Value;
        // No gaps inside a Chinese sentence: the pieces follow each other without whitespace.
        Assert.Contains("专题会议<del>xx</del><ins>23</ins>次，", inline);
        Assert.DoesNotContain("id=\"diff-side\"", html);
    }

    [Fact]
    public async Task Only_changes_hides_the_sentences_both_revisions_share()
    {
        var report = await ReportAsync();
        using var drafter = await PageSession.SignInAsync(app, DemoUnit.Kexie.Drafter);
        var all = await drafter.GetPageAsync($"/Reports/Diff/{report.Id}?from=1&to=2");
        var changed = await drafter.GetPageAsync($"/Reports/Diff/{report.Id}?from=1&to=2&changedOnly=true");

        Assert.Equal(CleanBody().Split('\n').Length + 2, Regex.Count(all, "<tr class=\"row-"));
        Assert.Equal(["Modified", "Inserted"], Regex.Matches(changed, "<tr class=\"row-[a-z]+\" data-kind=\"([A-Za-z]+)\"").Select(m => m.Groups[1].Value));
        Assert.Contains("id=\"diff-hidden\"", changed);
        Assert.Matches("id=\"diff-changed-only\"[^>]*checked", changed);
        var inline = await drafter.GetPageAsync($"/Reports/Diff/{report.Id}?from=1&to=2&view=inline&changedOnly=true");
        Assert.Equal(2, Regex.Count(Regex.Match(inline, "id=\"diff-inline\">(.*)", RegexOptions.Singleline).Value, "<p[ >]"));
    }

    [Theory]
    [InlineData("drafter.haishi", "?from=1&to=2")]
    [InlineData("inspector.team2", "")]
    [InlineData("drafter.kexie", "?from=1&to=7")]
    public async Task Another_units_report_or_an_unknown_revision_is_not_found(string user, string query)
    {
        var report = await ReportAsync();
        using var session = await PageSession.SignInAsync(app, user);
        // Pages answer a 404 by sending the browser to the 页面不存在 page.
        Assert.Equal("/NotFound", PageSession.RedirectPath(await session.GetAsync($"/Reports/Diff/{report.Id}{query}")));
        if (query.Length == 0)
            Assert.Equal("/NotFound", PageSession.RedirectPath(await session.GetAsync($"/Reports/Details/{report.Id}?handler=Docx")));
    }

    [Fact]
    public async Task The_report_page_downloads_any_revision_as_word()
    {
        var report = await ReportAsync();
        using var committee = await PageSession.SignInAsync(app, DemoUnit.Committee);
        var (latest, name) = await (await committee.GetAsync($"/Reports/Details/{report.Id}?handler=Docx")).ExpectDocxAsync();
        Assert.Equal($"{report.Title}（第2版）.docx", name);
        Assert.Equal("二是加强监督。", Open(latest).Paragraphs[^1].Text);

        var (first, _) = await (await committee.GetAsync($"/Reports/Details/{report.Id}?handler=Docx&revision=1")).ExpectDocxAsync();
        Assert.Contains(Open(first).Paragraphs, p => p.Text.Contains("xx次"));
    }

    private static string Collapse(string html) => Regex.Replace(html, "\\s+", " ");
}
