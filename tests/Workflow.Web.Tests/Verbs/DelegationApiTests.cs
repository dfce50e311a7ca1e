using System.Net;
using Workflow.Activities.Calendar;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Verbs;

/// <summary>委托 through the API: the delegate decides "代 X 审核" only what waits on X, only while the delegation runs.</summary>
public abstract class DelegationApiCases
{
    private readonly AppFactory _app;

    protected DelegationApiCases(AppFactory app) => _app = app;

    public sealed record Candidate(string Id, string Name);
    public sealed record DelegationDto(Guid Id, string DelegatorId, string DelegatorName, string DelegateId, string DelegateName, DateOnly From,
        DateOnly To, bool Active);
    public sealed record State(DelegationDto? Current, Candidate[] Candidates, DelegationDto[] StandingInFor);
    public sealed record InboxRow(Guid Id, string Kind, string? OnBehalfOf);
    public sealed record Journal(int Sequence, string Actor, string Action, string? OnBehalfOf, string ActorShown, string[] CopiedTo);
    public sealed record Copied(Guid ReportId, string CopiedBy);
    public sealed record CopyCandidate(string Id, string Name, string UnitName);

    [Fact]
    public async Task The_delegate_decides_for_the_secretary_while_it_runs_and_gets_404_outside_it()
    {
        var waiting = await _app.CreateReportAsync(DemoUnit.Haishi, "SecretaryReview");
        var atTeam = await _app.CreateReportAsync(DemoUnit.Haishi, "DisciplineReview");
        var second = await _app.CreateReportAsync(DemoUnit.Haishi, "SecretaryReview");
        var secretary = await _app.ClientForAsync(DemoUnit.Haishi.Secretary);
        var stand = await _app.ClientForAsync(DemoUnit.Kexie.Secretary);
        var today = ChinaTime.Today(_app.Clock);

        await stand.GetAsync($"/api/reports/{waiting.Id}").ExpectAsync(HttpStatusCode.NotFound);
        var state = await secretary.GetAsync("/api/account/delegation").ExpectAsync<State>(HttpStatusCode.OK);
        Assert.Null(state.Current);
        var delegateId = state.Candidates.Single(c => c.Name.Contains("市科协党组书记")).Id;
        Assert.DoesNotContain(state.Candidates, c => c.Name.Contains("办公室"));

        var set = await secretary.PutJsonAsync("/api/account/delegation", new { delegateId, from = today, to = today.AddDays(2) })
            .ExpectAsync<DelegationDto>(HttpStatusCode.OK);
        try
        {
            Assert.True(set.Active);
            var inbox = await stand.GetAsync("/api/inbox").ExpectAsync<InboxRow[]>(HttpStatusCode.OK);
            var row = Assert.Single(inbox, r => r.Id == waiting.Id);
            Assert.Equal("report-review", row.Kind);
            Assert.Contains("周强", row.OnBehalfOf);
            Assert.DoesNotContain(inbox, r => r.Id == atTeam.Id);
            Assert.Contains("周强", (await stand.GetAsync("/api/account/delegation").ExpectAsync<State>(HttpStatusCode.OK)).StandingInFor.Single().DelegatorName);

            // Only what waits on the secretary: the report at the inspection team stays hidden.
            await stand.GetAsync($"/api/reports/{atTeam.Id}").ExpectAsync(HttpStatusCode.NotFound);
            var seen = await stand.GetAsync($"/api/reports/{waiting.Id}").ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);
            Assert.Equal(["approve", "return"], seen.AllowedActions);

            var approved = await stand.PostJsonAsync($"/api/reports/{waiting.Id}/approve", new { comment = "同意。" })
                .ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);
            Assert.Equal("DisciplineReview", approved.Status);
            var journal = await secretary.GetAsync($"/api/reports/{waiting.Id}/journal").ExpectAsync<Journal[]>(HttpStatusCode.OK);
            var decision = journal[^1];
            Assert.Equal("Approved", decision.Action);
            Assert.Contains("李明", decision.Actor);
            Assert.Contains("周强", decision.OnBehalfOf);
            Assert.Equal($"{decision.Actor}（代 {decision.OnBehalfOf}）", decision.ActorShown);

            // Decided: no longer waiting on the secretary, so no longer the delegate's.
            await stand.GetAsync($"/api/reports/{waiting.Id}").ExpectAsync(HttpStatusCode.NotFound);
            await stand.GetAsync($"/api/reports/{second.Id}").ExpectAsync(HttpStatusCode.OK);
        }
        finally
        {
            await secretary.DeleteAsync("/api/account/delegation").ExpectAsync(HttpStatusCode.NoContent);
        }
        // Ended: the delegate is a stranger to the unit again.
        await stand.GetAsync($"/api/reports/{second.Id}").ExpectAsync(HttpStatusCode.NotFound);
        await (await stand.PostJsonAsync($"/api/reports/{second.Id}/approve", new { comment = "同意。" }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "report-not-found");
        Assert.DoesNotContain(await stand.GetAsync("/api/inbox").ExpectAsync<InboxRow[]>(HttpStatusCode.OK), r => r.Id == second.Id);
        await (await secretary.DeleteAsync("/api/account/delegation")).AssertProblemAsync(HttpStatusCode.NotFound, "delegation-not-found");
    }

    [Fact]
    public async Task A_delegation_is_refused_in_the_past_backwards_too_long_to_oneself_or_by_a_drafter()
    {
        var secretary = await _app.ClientForAsync(DemoUnit.Renda.Secretary);
        var today = ChinaTime.Today(_app.Clock);
        var state = await secretary.GetAsync("/api/account/delegation").ExpectAsync<State>(HttpStatusCode.OK);
        var other = state.Candidates[0].Id;

        Assert.Equal("from", (await (await secretary.PutJsonAsync("/api/account/delegation", new { delegateId = other, from = today.AddDays(-1), to = today }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "delegation-from-past")).Field);
        Assert.Equal("to", (await (await secretary.PutJsonAsync("/api/account/delegation", new { delegateId = other, from = today.AddDays(3), to = today.AddDays(2) }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "delegation-range")).Field);
        Assert.Equal("to", (await (await secretary.PutJsonAsync("/api/account/delegation", new { delegateId = other, from = today, to = today.AddDays(366) }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "delegation-too-long")).Field);
        var drafterId = (await (await _app.ClientForAsync(DemoUnit.Renda.Drafter)).GetAsync("/api/account/delegation").ExpectAsync<State>(HttpStatusCode.OK));
        Assert.Empty(drafterId.Candidates);
        await (await (await _app.ClientForAsync(DemoUnit.Renda.Drafter)).PutJsonAsync("/api/account/delegation", new { delegateId = other, from = today, to = today }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "delegation-forbidden");
        Assert.Equal("delegateId", (await (await secretary.PutJsonAsync("/api/account/delegation", new { delegateId = "nobody", from = today, to = today }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "delegate-unknown")).Field);
        Assert.Null((await secretary.GetAsync("/api/account/delegation").ExpectAsync<State>(HttpStatusCode.OK)).Current);
    }

    [Fact]
    public async Task A_copy_gives_read_access_and_a_notice_and_an_outsider_is_refused()
    {
        var report = await _app.CreateReportAsync(DemoUnit.Shengtai, "Draft");
        var drafter = await _app.SharedClientAsync(DemoUnit.Shengtai.Drafter);
        var inspector = await _app.ClientForAsync(DemoUnit.Shengtai.Inspector);
        var url = $"/api/reports/{report.Id}";
        var candidates = await drafter.GetAsync(url + "/copy-candidates").ExpectAsync<CopyCandidate[]>(HttpStatusCode.OK);
        var committee = candidates.Single(c => c.Name.Contains("市直机关工委"));
        Assert.Contains(candidates, c => c.Name.Contains("生态环境局党组书记"));
        Assert.DoesNotContain(candidates, c => c.Name.Contains("派驻第二"));

        // Someone of another team may not read it, so he may not be copied.
        var outsider = (await inspector.GetAsync("/api/account/delegation").ExpectAsync<State>(HttpStatusCode.OK)).Candidates
            .Single(c => c.Name.Contains("派驻第二")).Id;
        Assert.Equal("copyTo", (await (await drafter.PostJsonAsync(url + "/submit", new { copyTo = new[] { committee.Id, "nobody" } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "copy-to-unknown")).Field);
        Assert.Equal("Draft", (await drafter.GetAsync(url).ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK)).Status);

        Assert.Equal("copyTo", (await (await drafter.PostJsonAsync(url + "/submit", new { copyTo = new[] { committee.Id, outsider } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "copy-to-unknown")).Field);
        var submitted = await drafter.PostJsonAsync(url + "/submit", new { copyTo = new[] { committee.Id } }).ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);
        Assert.Equal("SecretaryReview", submitted.Status);

        var gongwei = await _app.ClientForAsync(DemoUnit.Committee);
        var copied = await gongwei.GetAsync("/api/inbox/copied").ExpectAsync<Copied[]>(HttpStatusCode.OK);
        Assert.Contains("赵敏", Assert.Single(copied, c => c.ReportId == report.Id).CopiedBy);
        var seen = await gongwei.GetAsync(url).ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);
        Assert.Empty(seen.AllowedActions);
        var journal = await gongwei.GetAsync(url + "/journal").ExpectAsync<Journal[]>(HttpStatusCode.OK);
        Assert.Contains("马骏", Assert.Single(journal[^1].CopiedTo));
        await (await gongwei.PostJsonAsync(url + "/approve", new { comment = "同意。" })).AssertProblemAsync(HttpStatusCode.Forbidden, "not-your-step");
    }
}

[Collection(SharedAppCollection.Name)]
public sealed class DelegationApiTests(AppFactory app) : DelegationApiCases(app);

[Collection(PostgresAppCollection.Name)]
public sealed class DelegationApiTestsOnPostgreSql(PostgresAppFactory app) : DelegationApiCases(app);
