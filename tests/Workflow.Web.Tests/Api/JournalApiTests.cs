using System.Net;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Api;

/// <summary>The journal and the revisions tell the whole story of a report: who did what, when, from where to where, and why.</summary>
[Collection(ClockedAppCollection.Name)]
public sealed class JournalApiTests(AppFactory app)
{
    private static readonly DemoUnit Unit = DemoUnit.Haishi;

    private const string Drafter = "孙婷（海事法院办公室）";
    private const string Secretary = "周强（海事法院党组书记）";
    private const string Inspector = "黄磊（派驻第二纪检监察组）";
    private const string Committee = "马骏（市直机关工委）";

    [Fact]
    public async Task A_route_with_withdrawals_and_returns_is_journaled_step_by_step()
    {
        var drafter = await app.SharedClientAsync(Unit.Drafter);
        var year = app.NextYear(Unit);
        var texts = new[]
        {
            ($"中共市海事法院党组关于{year}年度落实全面从严治党主体责任情况的报告", "一、主要工作\n二、存在的问题\n一是xx。"),
            ($"中共市海事法院党组关于{year}年度落实全面从严治党主体责任情况的报告（修改稿）", "一、主要工作\n二、存在的问题\n一是学习不够深入。\n三、下一步打算\n一是深化理论学习。"),
            ($"中共市海事法院党组关于{year}年度落实全面从严治党主体责任情况的报告（修改稿）", "一、主要工作\n二、存在的问题\n一是学习不够深入。\n二是巡察反馈问题整改不到位。\n三、下一步打算\n一是深化理论学习。"),
            ($"中共市海事法院党组关于{year}年度落实全面从严治党主体责任情况的报告（定稿）", "一、主要工作\n二、存在的问题\n一是学习不够深入。\n二是巡察反馈问题整改不到位。\n三、整改措施\n一是深化理论学习。"),
        };
        var start = app.Clock.GetUtcNow();
        var report = await drafter.PostJsonAsync("/api/reports", new { title = texts[0].Item1, year, body = texts[0].Item2 })
            .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.Created);
        var url = $"/api/reports/{report.Id}";

        async Task<string> Act(string userName, string action, object? body = null)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            var client = await app.SharedClientAsync(userName);
            var response = action == "edit" ? client.PutJsonAsync(url, body!) : client.PostJsonAsync($"{url}/{action}", body);
            return (await response.ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK)).Status;
        }
        object Text(int revision) => new { title = texts[revision - 1].Item1, body = texts[revision - 1].Item2 };

        Assert.Equal("SecretaryReview", await Act(Unit.Drafter, "submit"));
        Assert.Equal("Draft", await Act(Unit.Drafter, "withdraw"));
        Assert.Equal("Draft", await Act(Unit.Drafter, "edit", Text(2)));
        Assert.Equal("SecretaryReview", await Act(Unit.Drafter, "submit"));
        Assert.Equal("DisciplineReview", await Act(Unit.Secretary, "approve", new { comment = "同意报送。" }));
        Assert.Equal("Returned", await Act(Unit.Inspector, "return", new { comment = "请逐条列明巡察反馈问题。" }));
        Assert.Equal("Returned", await Act(Unit.Drafter, "edit", Text(3)));
        Assert.Equal("DisciplineReview", await Act(Unit.Drafter, "submit"));
        Assert.Equal("Draft", await Act(Unit.Drafter, "withdraw"));
        Assert.Equal("DisciplineReview", await Act(Unit.Drafter, "submit"));
        Assert.Equal("CommitteeReview", await Act(Unit.Inspector, "approve"));
        Assert.Equal("Returned", await Act(DemoUnit.Committee, "return", new { comment = "  请党组书记重新审核整改措施。  ", restartFromFirstStep = true }));
        Assert.Equal("Returned", await Act(Unit.Drafter, "edit", Text(4)));
        Assert.Equal("SecretaryReview", await Act(Unit.Drafter, "submit"));
        Assert.Equal("DisciplineReview", await Act(Unit.Secretary, "approve"));
        Assert.Equal("CommitteeReview", await Act(Unit.Inspector, "approve", new { comment = "同意。" }));
        Assert.Equal("Approved", await Act(DemoUnit.Committee, "approve", new { comment = "审核通过。" }));

        // Nearly three hours on, past a token's lifetime: the drafter signs in again.
        drafter = await app.SharedClientAsync(Unit.Drafter);
        var journal = await drafter.GetAsync($"{url}/journal").ExpectAsync<ApiContract.JournalEntry[]>(HttpStatusCode.OK);

        (string Action, string Actor, string Role, string From, string To, string? Comment, int Revision)[] expected =
        [
            ("Created", Drafter, "Drafter", "Draft", "Draft", null, 1),
            ("Submitted", Drafter, "Drafter", "Draft", "SecretaryReview", null, 1),
            ("Withdrawn", Drafter, "Drafter", "SecretaryReview", "Draft", null, 1),
            ("Edited", Drafter, "Drafter", "Draft", "Draft", null, 2),
            ("Submitted", Drafter, "Drafter", "Draft", "SecretaryReview", null, 2),
            ("Approved", Secretary, "PartySecretary", "SecretaryReview", "DisciplineReview", "同意报送。", 2),
            ("Returned", Inspector, "DisciplineInspector", "DisciplineReview", "Returned", "请逐条列明巡察反馈问题。", 2),
            ("Edited", Drafter, "Drafter", "Returned", "Returned", null, 3),
            ("Resubmitted", Drafter, "Drafter", "Returned", "DisciplineReview", null, 3),
            ("Withdrawn", Drafter, "Drafter", "DisciplineReview", "Draft", null, 3),
            ("Submitted", Drafter, "Drafter", "Draft", "DisciplineReview", null, 3),
            ("Approved", Inspector, "DisciplineInspector", "DisciplineReview", "CommitteeReview", null, 3),
            ("Returned", Committee, "Committee", "CommitteeReview", "Returned", "请党组书记重新审核整改措施。", 3),
            ("Edited", Drafter, "Drafter", "Returned", "Returned", null, 4),
            ("Resubmitted", Drafter, "Drafter", "Returned", "SecretaryReview", null, 4),
            ("Approved", Secretary, "PartySecretary", "SecretaryReview", "DisciplineReview", null, 4),
            ("Approved", Inspector, "DisciplineInspector", "DisciplineReview", "CommitteeReview", "同意。", 4),
            ("Approved", Committee, "Committee", "CommitteeReview", "Approved", "审核通过。", 4),
        ];
        Assert.Equal(expected, journal.Select(j => (j.Action, j.Actor, j.Role, j.FromStatus, j.ToStatus, j.Comment, j.Revision)));
        Assert.Equal(Enumerable.Range(1, expected.Length), journal.Select(j => j.Sequence));
        Assert.Equal(Enumerable.Range(0, expected.Length).Select(i => start + TimeSpan.FromMinutes(10 * i)), journal.Select(j => j.At));
        Assert.Equal([12], journal.Select((j, i) => (j, i)).Where(x => x.j.RestartFromFirstStep).Select(x => x.i));

        // Every reviewer who can see the report reads the same journal.
        foreach (var reviewer in new[] { Unit.Secretary, Unit.Inspector, DemoUnit.Committee })
            Assert.Equal(journal, await (await app.SharedClientAsync(reviewer)).GetAsync($"{url}/journal")
                .ExpectAsync<ApiContract.JournalEntry[]>(HttpStatusCode.OK));

        var revisions = await drafter.GetAsync($"{url}/revisions").ExpectAsync<ApiContract.Revision[]>(HttpStatusCode.OK);
        Assert.Equal([1, 2, 3, 4], revisions.Select(v => v.Number));
        Assert.All(revisions, v => Assert.Equal(Drafter, v.Author));
        Assert.All(revisions, v => Assert.Null(v.Body));
        Assert.Equal(texts.Select(t => t.Item1), revisions.Select(v => v.Title));
        Assert.Equal(texts.Select(t => t.Item2.Length), revisions.Select(v => v.Length));
        Assert.Equal(journal.Where(j => j.Action is "Created" or "Edited").Select(j => j.At), revisions.Select(v => v.At));

        for (var number = 1; number <= texts.Length; number++)
        {
            var revision = await drafter.GetAsync($"{url}/revisions/{number}").ExpectAsync<ApiContract.Revision>(HttpStatusCode.OK);
            Assert.Equal((number, texts[number - 1].Item1, texts[number - 1].Item2), (revision.Number, revision.Title, revision.Body));
        }
        var current = await drafter.GetAsync(url).ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);
        Assert.Equal((4, texts[3].Item2), (current.Revision, current.Body));
        Assert.Empty(current.AllowedActions);
    }
}
