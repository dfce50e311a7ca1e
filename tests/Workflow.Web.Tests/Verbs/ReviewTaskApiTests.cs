using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Identity;
using Workflow.Host.Seeding;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Verbs;

/// <summary>
/// 会签, 转办 and 加签 through the API on a route published for 市科协: 党组书记审核 (single), 纪检监察组会签 (all: inspector.team1 and a
/// second inspector), 市直机关工委审核 (或签 any: committee.gongwei and a second committee member).
/// </summary>
internal static class CountersignRoute
{
    public const string SecondInspector = "inspector.team1b";
    public const string SecondCommittee = "committee.gongwei2";

    public sealed record Waiter(string UserId, string Name, string? Kind, string? State);
    public sealed record TaskRow(int Number, string Step, int Round, string UserId, string UserName, string Kind, string State, string? By, string? DecidedBy);
    public sealed record Report(Guid Id, string Status, string[] AllowedActions, Waiter[] WaitingFor, TaskRow[] RoundTasks, Step? CurrentStep);
    public sealed record Step(string Status, string Mode);
    public sealed record Candidate(string Id, string Name, string UnitName);
    public sealed record Journal(int Sequence, string Actor, string Action, string ActionName, string? Target, string? TargetUserId, string ToStatus);
    public sealed record InboxRow(Guid Id, string Kind, string StatusName, string? OnBehalfOf);

    /// <summary>Adds the two colleagues and publishes the route for 市科协 (once per app).</summary>
    public static Task<string> PublishAsync(AppFactory app) => app.OnceAsync("countersign-route", async () =>
    {
        await AddUserAsync(app, SecondInspector, "派驻一组检查员乙", "DisciplineInspector", DemoSeeder.Team1);
        await AddUserAsync(app, SecondCommittee, "市直机关工委干部乙", "Committee", DemoSeeder.Committee);
        var admin = await app.ClientForAsync("admin");
        await admin.PutJsonAsync("/api/routes/draft", new
        {
            name = "市科协会签流程",
            appliesTo = new[] { DemoSeeder.Kexie },
            steps = new object[]
            {
                new { key = "SecretaryReview", name = "党组书记审核", deciderKind = "OwnUnit", role = "PartySecretary", timeLimitWorkingDays = 3, checksGate = false },
                new { key = "DisciplineReview", name = "纪检监察组会签", deciderKind = "InspectionTeam", role = "DisciplineInspector", timeLimitWorkingDays = 5, checksGate = false, mode = "All" },
                new { key = "CommitteeReview", name = "市直机关工委审核", deciderKind = "Supervisor", role = "Committee", timeLimitWorkingDays = 5, checksGate = true, mode = "Any" },
            },
        }).ExpectAsync(HttpStatusCode.OK);
        await admin.PostJsonAsync("/api/routes/draft/publish").ExpectAsync(HttpStatusCode.OK);
        return "published";
    });

    public static async Task AddUserAsync(AppFactory app, string userName, string displayName, string role, Guid unitId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = displayName, UnitId = unitId, Email = userName + "@example.gov.cn", EmailConfirmed = true };
        var created = await users.CreateAsync(user, AppFactory.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    public static async Task<string> IdOfAsync(AppFactory app, string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName))!.Id;
    }

    public static async Task<Report> GetAsync(HttpClient client, Guid id) =>
        await client.GetAsync($"/api/reports/{id}").ExpectAsync<Report>(HttpStatusCode.OK);

    public static async Task<bool> InInboxAsync(AppFactory app, string userName, Guid id) =>
        (await (await app.ClientForAsync(userName)).GetAsync("/api/inbox").ExpectAsync<InboxRow[]>(HttpStatusCode.OK)).Any(r => r.Id == id);
}

public sealed class ReviewTaskApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DemoUnit Unit = DemoUnit.Kexie;

    [Fact]
    public async Task A_report_goes_through_add_before_countersign_return_add_after_and_transfer_and_each_inbox_is_right()
    {
        await CountersignRoute.PublishAsync(app);
        var secretary = await app.ClientForAsync(Unit.Secretary);
        var inspector = await app.ClientForAsync(Unit.Inspector);
        var inspector2 = await app.ClientForAsync(CountersignRoute.SecondInspector);
        var committee = await app.ClientForAsync(DemoUnit.Committee);
        var committee2 = await app.ClientForAsync(CountersignRoute.SecondCommittee);
        var drafter = await app.ClientForAsync(Unit.Drafter);
        var committeeId = await CountersignRoute.IdOfAsync(app, DemoUnit.Committee);
        var committee2Id = await CountersignRoute.IdOfAsync(app, CountersignRoute.SecondCommittee);

        var created = await app.CreateReportAsync(Unit, "SecretaryReview");
        var id = created.Id;
        var atSecretary = await CountersignRoute.GetAsync(secretary, id);
        Assert.Equal(["approve", "return", "transfer", "addReviewer"], atSecretary.AllowedActions);
        Assert.All(atSecretary.WaitingFor, w => Assert.Null(w.Kind));

        // 前加签: the committee member reviews first; the secretary's row leaves his 待办 until it comes back.
        var candidates = await secretary.GetAsync($"/api/reports/{id}/reviewer-candidates").ExpectAsync<CountersignRoute.Candidate[]>(HttpStatusCode.OK);
        Assert.Contains(candidates, c => c.Id == committeeId);
        Assert.DoesNotContain(candidates, c => c.Name.Contains("起草"));
        await secretary.PostJsonAsync($"/api/reports/{id}/reviewers", new { userId = committeeId, position = "before", comment = "请工委先把关。" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.False(await CountersignRoute.InInboxAsync(app, Unit.Secretary, id));
        Assert.True(await CountersignRoute.InInboxAsync(app, DemoUnit.Committee, id));
        await (await secretary.PostJsonAsync($"/api/reports/{id}/approve")).AssertProblemAsync(HttpStatusCode.Forbidden, "not-your-step");
        var added = await committee.PostJsonAsync($"/api/reports/{id}/approve", new { comment = "可以。" }).ExpectAsync<CountersignRoute.Report>(HttpStatusCode.OK);
        Assert.Equal("SecretaryReview", added.Status);
        Assert.True(await CountersignRoute.InInboxAsync(app, Unit.Secretary, id));

        // 会签: both inspectors are asked; the first approval keeps the status, a second try is 409, the other unit's drafter 404.
        var atTeam = await secretary.PostJsonAsync($"/api/reports/{id}/approve", new { comment = "同意。" }).ExpectAsync<CountersignRoute.Report>(HttpStatusCode.OK);
        Assert.Equal(("DisciplineReview", "All"), (atTeam.Status, atTeam.CurrentStep!.Mode));
        Assert.Equal(2, atTeam.WaitingFor.Length);
        Assert.All(atTeam.WaitingFor, w => Assert.Equal(("Member", "Open"), (w.Kind, w.State)));
        Assert.True(await CountersignRoute.InInboxAsync(app, Unit.Inspector, id));
        Assert.True(await CountersignRoute.InInboxAsync(app, CountersignRoute.SecondInspector, id));
        var first = await inspector.PostJsonAsync($"/api/reports/{id}/approve", new { comment = "同意。" }).ExpectAsync<CountersignRoute.Report>(HttpStatusCode.OK);
        Assert.Equal("DisciplineReview", first.Status);
        await (await inspector.PostJsonAsync($"/api/reports/{id}/approve")).AssertProblemAsync(HttpStatusCode.Conflict, "already-decided");
        Assert.False(await CountersignRoute.InInboxAsync(app, Unit.Inspector, id));
        await (await (await app.ClientForAsync(DemoUnit.Shengtai.Drafter)).GetAsync($"/api/reports/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);

        // A return from the 会签 step: the resubmission comes back and asks both again.
        await inspector2.PostJsonAsync($"/api/reports/{id}/return", new { comment = "请补充整改措施。" }).ExpectAsync(HttpStatusCode.OK);
        var again = await drafter.PostJsonAsync($"/api/reports/{id}/submit").ExpectAsync<CountersignRoute.Report>(HttpStatusCode.OK);
        Assert.Equal("DisciplineReview", again.Status);
        Assert.Equal(2, again.WaitingFor.Length);
        Assert.True(await CountersignRoute.InInboxAsync(app, Unit.Inspector, id));

        // 后加签: the second inspector approves and hands on to the second committee member before the step completes.
        await inspector.PostJsonAsync($"/api/reports/{id}/approve").ExpectAsync(HttpStatusCode.OK);
        var after = await inspector2.PostJsonAsync($"/api/reports/{id}/reviewers", new { userId = committee2Id, position = "After", comment = "同意，请工委同志再看。" })
            .ExpectAsync<CountersignRoute.Report>(HttpStatusCode.OK);
        Assert.Equal("DisciplineReview", after.Status);
        Assert.Equal(["市直机关工委干部乙"], after.WaitingFor.Select(w => w.Name));
        Assert.True(await CountersignRoute.InInboxAsync(app, CountersignRoute.SecondCommittee, id));
        var onward = await committee2.PostJsonAsync($"/api/reports/{id}/approve").ExpectAsync<CountersignRoute.Report>(HttpStatusCode.OK);
        Assert.Equal("CommitteeReview", onward.Status);

        // 转办 at the 或签 committee step: only the colleague decides it now.
        var transferable = await committee.GetAsync($"/api/reports/{id}/transfer-candidates").ExpectAsync<CountersignRoute.Candidate[]>(HttpStatusCode.OK);
        Assert.Equal([committee2Id], transferable.Select(c => c.Id));
        await (await committee.PostJsonAsync($"/api/reports/{id}/transfer", new { toUserId = committee2Id, comment = "" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "comment-required");
        await (await committee.PostJsonAsync($"/api/reports/{id}/transfer", new { toUserId = await CountersignRoute.IdOfAsync(app, Unit.Drafter), comment = "请办理。" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "reviewer-not-allowed");
        await committee.PostJsonAsync($"/api/reports/{id}/transfer", new { toUserId = committee2Id, comment = "请代为审核。" }).ExpectAsync(HttpStatusCode.OK);
        Assert.False(await CountersignRoute.InInboxAsync(app, DemoUnit.Committee, id));
        Assert.True(await CountersignRoute.InInboxAsync(app, CountersignRoute.SecondCommittee, id));
        await (await committee.PostJsonAsync($"/api/reports/{id}/approve")).AssertProblemAsync(HttpStatusCode.Forbidden, "not-your-step");
        var done = await committee2.PostJsonAsync($"/api/reports/{id}/approve").ExpectAsync<CountersignRoute.Report>(HttpStatusCode.OK);
        Assert.Equal("Approved", done.Status);

        var journal = await drafter.GetAsync($"/api/reports/{id}/journal").ExpectAsync<CountersignRoute.Journal[]>(HttpStatusCode.OK);
        Assert.Equal(["Created", "Submitted", "ReviewerAddedBefore", "Countersigned", "Approved", "Countersigned", "Returned", "Resubmitted",
            "Countersigned", "ReviewerAddedAfter", "Approved", "Transferred", "Approved"], journal.Select(j => j.Action));
        Assert.Equal(["前加签", "加签意见", "会签同意", "后加签", "转办"],
            journal.Where(j => j.Action is "ReviewerAddedBefore" or "Countersigned" or "ReviewerAddedAfter" or "Transferred").Select(j => j.ActionName).Distinct());
        Assert.Equal("市直机关工委干部乙", journal.Single(j => j.Action == "Transferred").Target);
        var tasks = await drafter.GetAsync($"/api/reports/{id}/tasks").ExpectAsync<CountersignRoute.TaskRow[]>(HttpStatusCode.OK);
        Assert.Equal(["Transferee", "AddedBefore", "Member", "Member", "Member", "Member", "AddedAfter", "Transferee"], tasks.Select(t => t.Kind));
        Assert.DoesNotContain(tasks, t => t.State == "Open");

        // 已办 lists the 会签 and 转办 rows too.
        var doneRows = await inspector.GetAsync("/api/inbox/done").ExpectAsync<ApiContract.DoneItem[]>(HttpStatusCode.OK);
        Assert.Contains(doneRows, d => d.Id == id && d.Action == "会签同意");
        Assert.Contains(await committee.GetAsync("/api/inbox/done").ExpectAsync<ApiContract.DoneItem[]>(HttpStatusCode.OK),
            d => d.Id == id && d.Action == "转办");
    }

    [Fact]
    public async Task A_countersign_member_who_already_approved_and_the_other_units_see_what_they_may()
    {
        await CountersignRoute.PublishAsync(app);
        var report = await app.CreateReportAsync(Unit, "DisciplineReview");
        var inspector = await app.ClientForAsync(Unit.Inspector);
        var other = await app.ClientForAsync(DemoUnit.Haishi.Inspector);
        await (await other.PostJsonAsync($"/api/reports/{report.Id}/approve")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.PostJsonAsync($"/api/reports/{report.Id}/transfer", new { toUserId = "x", comment = "请办理。" })).AssertProblemAsync(HttpStatusCode.NotFound);
        var drafter = await app.ClientForAsync(Unit.Drafter);
        await (await drafter.PostJsonAsync($"/api/reports/{report.Id}/reviewers", new { userId = "x", position = "Before" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Empty(await drafter.GetAsync($"/api/reports/{report.Id}/reviewer-candidates").ExpectAsync<CountersignRoute.Candidate[]>(HttpStatusCode.OK));
        await inspector.PostJsonAsync($"/api/reports/{report.Id}/approve").ExpectAsync(HttpStatusCode.OK);
        var seen = await CountersignRoute.GetAsync(inspector, report.Id);
        Assert.Empty(seen.AllowedActions);
        Assert.Contains(seen.RoundTasks, t => t.State == "Approved" && t.DecidedBy != null);
        Assert.Equal(["派驻一组检查员乙"], seen.WaitingFor.Select(w => w.Name));
        // The drafter can no longer withdraw: a member has acted.
        await (await drafter.PostJsonAsync($"/api/reports/{report.Id}/withdraw")).AssertProblemAsync(HttpStatusCode.Conflict);
    }
}

/// <summary>Two 会签 members approving the same reports at the same moment: both count once, the step closes exactly once.</summary>
public abstract class CountersignRaceCases<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFactory
{
    [Fact]
    public async Task Two_members_approving_at_once_both_count_and_the_step_closes_once()
    {
        await CountersignRoute.PublishAsync(app);
        var reports = new List<Guid>();
        for (var i = 0; i < 6; i++) reports.Add((await app.CreateReportAsync(DemoUnit.Kexie, "DisciplineReview")).Id);
        var first = await app.ClientForAsync(DemoUnit.Kexie.Inspector);
        var second = await app.ClientForAsync(CountersignRoute.SecondInspector);

        var outcomes = await Race.RunAsync(reports,
            id => first.PostJsonAsync($"/api/reports/{id}/approve", new { comment = "同意（一）" }),
            id => second.PostJsonAsync($"/api/reports/{id}/approve", new { comment = "同意（二）" }));

        var drafter = await app.SharedClientAsync(DemoUnit.Kexie.Drafter);
        foreach (var (id, responses) in outcomes)
        {
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            var journal = await drafter.GetAsync($"/api/reports/{id}/journal").ExpectAsync<CountersignRoute.Journal[]>(HttpStatusCode.OK);
            var decisions = journal.Where(j => j.Action is "Countersigned" or "Approved" && j.Sequence > 3).ToList();
            Assert.Equal(["Countersigned", "Approved"], decisions.Select(j => j.Action));
            Assert.Equal(2, decisions.Select(j => j.Actor).Distinct().Count());
            Assert.Equal("CommitteeReview", journal[^1].ToStatus);
        }
    }
}

public sealed class CountersignRaceTests(AppFactory app) : CountersignRaceCases<AppFactory>(app);

public sealed class CountersignRaceTestsOnPostgreSql(PostgresAppFactory app) : CountersignRaceCases<PostgresAppFactory>(app);
