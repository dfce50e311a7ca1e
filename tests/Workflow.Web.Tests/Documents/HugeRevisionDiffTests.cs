using System.Net;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Documents;

/// <summary>
/// Two revisions that are each one 200,000-character sentence: the diff answers (coarse, whole-sentence) through the API,
/// the 版本对比 page and the reviewer's report page, where it used to keep a core busy for minutes.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class HugeRevisionDiffTests(AppFactory app)
{
    private const int Length = 200_000;

    public sealed record Piece(string Kind, string Text);

    public sealed record Sentence(string Kind, Piece[] OldPieces, Piece[] NewPieces, bool Coarse);

    public sealed record Diff(int Modified, int Inserted, int Deleted, Sentence[] Sentences, bool Coarse);

    private static string Cycle(string pattern) =>
        string.Create(Length, pattern, (chars, p) => { for (var i = 0; i < chars.Length; i++) chars[i] = p[i % p.Length]; });

    private static readonly string First = Cycle("加强党的建设全面从严治党");
    private static readonly string Second = Cycle("落实主体责任压实监督职责");

    /// <summary>A haishi report returned by the secretary after revision 1 and resubmitted with revision 2, back with the secretary.</summary>
    private Task<ApiContract.ReportDto> ReportAsync() => app.OnceAsync("huge-diff", async () =>
    {
        var unit = DemoUnit.Haishi;
        var drafter = await app.SharedClientAsync(unit.Drafter);
        var secretary = await app.SharedClientAsync(unit.Secretary);
        var year = app.NextYear(unit);
        var report = await drafter.PostJsonAsync("/api/reports", new { title = $"中共{unit.Name}党组关于{year}年度落实全面从严治党主体责任情况的报告", year, body = First })
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.Created);
        var url = $"/api/reports/{report.Id}";
        await drafter.PostJsonAsync($"{url}/submit").ExpectAsync(HttpStatusCode.OK);
        await secretary.PostJsonAsync($"{url}/return", new { comment = "请重写。" }).ExpectAsync(HttpStatusCode.OK);
        await drafter.PutJsonAsync(url, new { title = report.Title, body = Second }).ExpectAsync(HttpStatusCode.OK);
        return await drafter.PostJsonAsync($"{url}/submit").ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);
    });

    [Fact]
    public async Task The_api_answers_with_one_sentence_deleted_and_inserted_whole_and_says_it_is_coarse()
    {
        var report = await ReportAsync();
        var secretary = await app.SharedClientAsync(DemoUnit.Haishi.Secretary);

        var diff = await secretary.GetAsync($"/api/reports/{report.Id}/diff?from=1&to=2").ExpectAsync<Diff>(HttpStatusCode.OK);

        Assert.True(diff.Coarse);
        Assert.Equal((1, 0, 0), (diff.Modified, diff.Inserted, diff.Deleted));
        var row = Assert.Single(diff.Sentences, s => s.Kind == "Modified");
        Assert.True(row.Coarse);
        Assert.Equal([new Piece("Deleted", First)], row.OldPieces);
        Assert.Equal([new Piece("Inserted", Second)], row.NewPieces);
        Assert.DoesNotContain(diff.Sentences, s => s.Kind == "Unchanged" && s.Coarse);
    }

    [Fact]
    public async Task The_reviewers_report_page_and_the_diff_page_render_with_the_note()
    {
        var report = await ReportAsync();
        using var secretary = await PageSession.SignInAsync(app, DemoUnit.Haishi.Secretary);

        var details = await secretary.GetPageAsync($"/Reports/Details/{report.Id}");
        Assert.Contains("id=\"since-return\"", details);
        Assert.Contains("句子过长，仅按整句对比", details);
        Assert.Contains($"<del>{First}</del><ins>{Second}</ins>", details);

        var side = await secretary.GetPageAsync($"/Reports/Diff/{report.Id}?from=1&to=2&changedOnly=true");
        Assert.Contains("id=\"diff-coarse\"", side);
        Assert.Contains("data-kind=\"Modified\" title=\"句子过长，仅按整句对比\"", side);
    }

    [Fact]
    public async Task A_diff_of_ordinary_revisions_is_not_coarse()
    {
        var unit = DemoUnit.Renda;
        var drafter = await app.SharedClientAsync(unit.Drafter);
        var year = app.NextYear(unit);
        var report = await drafter.PostJsonAsync("/api/reports", new { title = $"{year}年度报告", year, body = "开展调研xx次。召开会议5次。" })
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.Created);
        await drafter.PutJsonAsync($"/api/reports/{report.Id}", new { title = report.Title, body = "开展调研23次。召开会议5次。" })
            .ExpectAsync(HttpStatusCode.OK);

        var diff = await drafter.GetAsync($"/api/reports/{report.Id}/diff?from=1&to=2").ExpectAsync<Diff>(HttpStatusCode.OK);

        Assert.False(diff.Coarse);
        Assert.False(Assert.Single(diff.Sentences, s => s.Kind == "Modified").Coarse);
    }
}
