using System.Net;
using System.Text.Json;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Points;

/// <summary>逐条说明 over the API: a return with points, answers on resubmission, verdicts before the next decision, on both providers.</summary>
public abstract class ReturnPointsApiCases(AppFactory app)
{
    private static readonly DemoUnit Unit = DemoUnit.Shengtai;

    private sealed record Point(int ReturnSequence, int Number, string Text, string Reviewer, int? CarriedFromSequence, string? Answer,
        string? AnswerNote, string[] LinkedSentences, int? AnswerSequence, string? Verdict, int? VerdictSequence);

    private sealed record Report(Guid Id, string Status, string Body, string Title, Point[] Points);

    private sealed record Entry(int Sequence, string Action, string? Comment, Point[] Points);

    [Fact]
    public async Task Points_are_returned_answered_judged_and_carried_over()
    {
        var created = await app.CreateReportAsync(Unit, "SecretaryReview");
        var url = $"/api/reports/{created.Id}";
        var drafter = await app.SharedClientAsync(Unit.Drafter);
        var secretary = await app.SharedClientAsync(Unit.Secretary);

        var returned = await secretary.PostJsonAsync(url + "/return",
            new { comment = "请按以下意见修改：一是问题查摆不具体；二是整改措施缺少时限。", splitComment = true }).ExpectAsync<Report>(HttpStatusCode.OK);
        Assert.Equal("Returned", returned.Status);
        Assert.Equal(["问题查摆不具体", "整改措施缺少时限。"], returned.Points.Select(p => p.Text));

        var changed = "二是对照检视问题，逐条列明具体表现。";
        await drafter.PutJsonAsync(url, new { title = returned.Title, body = returned.Body + "\n" + changed }).ExpectAsync(HttpStatusCode.OK);

        var unanswered = await drafter.PostJsonAsync(url + "/submit", new { answers = new[] { new { number = 1, kind = "Changed" } } });
        var problem = await unanswered.AssertProblemAsync(HttpStatusCode.Conflict, "points-unanswered");
        Assert.Contains("第2条", problem.Title);
        await (await drafter.PostJsonAsync(url + "/submit", new
        {
            answers = new object[] { new { number = 1, kind = "Changed", links = new[] { "学习不够深入。" } }, new { number = 2, kind = "Explained", note = "时限以党组会议定为准" } },
        })).AssertProblemAsync(HttpStatusCode.BadRequest, "answer-link-invalid");

        var resubmitted = await drafter.PostJsonAsync(url + "/submit", new
        {
            answers = new object[] { new { number = 1, kind = "Changed", links = new[] { changed } }, new { number = 2, kind = "Explained", note = "时限以党组会议定为准" } },
        }).ExpectAsync<Report>(HttpStatusCode.OK);
        Assert.Equal("SecretaryReview", resubmitted.Status);
        Assert.Equal([changed], resubmitted.Points[0].LinkedSentences);

        await (await secretary.PostJsonAsync(url + "/approve", new { comment = "同意" })).AssertProblemAsync(HttpStatusCode.Conflict, "points-unjudged");
        var again = await secretary.PostJsonAsync(url + "/return", new
        {
            points = new[] { "请补充主要负责人履职情况" },
            verdicts = new object[] { new { number = 1, verdict = "Resolved" }, new { number = 2, verdict = "Unresolved" } },
        }).ExpectAsync<Report>(HttpStatusCode.OK);
        var open = again.Points.Where(p => p.Answer is null).ToList();
        Assert.Equal([(1, "整改措施缺少时限。", true), (2, "请补充主要负责人履职情况", false)],
            open.Select(p => (p.Number, p.Text, p.CarriedFromSequence is not null)));

        var journal = await drafter.GetAsync(url + "/journal").ExpectAsync<Entry[]>(HttpStatusCode.OK);
        var resubmission = journal.Single(j => j.Action == "Resubmitted");
        Assert.Equal(["Changed", "Explained"], resubmission.Points.Select(p => p.Answer!));
        var secondReturn = journal.Last(j => j.Action == "Returned");
        Assert.Equal(4, secondReturn.Points.Length);
        Assert.Equal(["Resolved", "Unresolved"], secondReturn.Points.Where(p => p.VerdictSequence == secondReturn.Sequence).Select(p => p.Verdict!));

        // The 审批单 carries the points, the answers and the verdicts.
        var sheet = await drafter.GetAsync(url + "/approval-sheet").ExpectAsync(HttpStatusCode.OK);
        var text = string.Concat(Documents.ApprovalSheetTests.PdfText(await sheet.Content.ReadAsByteArrayAsync()));
        Assert.Contains("逐条意见：1.问题查摆不具体；2.整改措施缺少时限。", text);
        Assert.Contains("逐条答复：第1条已修改，关联修改1处；第2条说明（时限以党组会议定为准）", text);
        Assert.Contains("逐条评判：第1条已落实；第2条未落实", text);
        Assert.Contains("其中上次未落实：第1条", text);
    }

    [Fact]
    public async Task Points_of_another_unit_are_not_found_and_bad_points_are_refused()
    {
        var created = await app.CreateReportAsync(Unit, "SecretaryReview");
        var url = $"/api/reports/{created.Id}";
        var secretary = await app.SharedClientAsync(Unit.Secretary);
        var stranger = await app.SharedClientAsync(DemoUnit.Haishi.Drafter);

        await (await stranger.GetAsync(url + "/points")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await secretary.PostJsonAsync(url + "/return", new { points = Enumerable.Range(1, 21).Select(i => $"问题{i}").ToArray() }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "points-too-many");
        await (await secretary.PostJsonAsync(url + "/return", new { points = new[] { new string('长', 1001) } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "point-too-long");
        await (await secretary.PostJsonAsync(url + "/return", new { points = new[] { "  " } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "comment-required");
        await (await secretary.PostJsonAsync(url + "/approve", new { verdicts = new[] { new { number = 1, verdict = "Resolved" } } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "points-unknown");

        var split = await secretary.PostJsonAsync("/api/reports/points/split", new { comment = "（一）甲（二）乙" }).ExpectAsync<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(2, split.GetProperty("points").GetArrayLength());
        Assert.Equal("SecretaryReview", (await secretary.GetAsync(url).ExpectAsync<Report>(HttpStatusCode.OK)).Status);
    }
}

[Collection(SharedAppCollection.Name)]
public sealed class ReturnPointsApiTests(AppFactory app) : ReturnPointsApiCases(app);

[Collection(PostgresAppCollection.Name)]
public sealed class ReturnPointsApiTestsOnPostgreSql(PostgresAppFactory app) : ReturnPointsApiCases(app);
