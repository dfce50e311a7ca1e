using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Calendar;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Reminders;
using Workflow.Host.Seeding;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Verbs;

/// <summary>
/// The route of issue 16's journey for 市科协 and its people: the 系统管理员 adds the role 办公室主任 (分管领导 comes with the demo data,
/// added the same way), two office directors, a 分管领导 and a second inspector of the first team get their roles from the 安全保密管理员,
/// and the five-step route is designed, validated and published through /api/routes.
/// </summary>
public static class FiveStepRoute
{
    public const string Office = "office.kexie";
    public const string Office2 = "office2.kexie";
    public const string Deputy = "deputy.kexie";
    public const string Inspector2 = "inspector.team1c";
    public const string OfficeRole = "办公室主任";
    public const string DeputyRole = DemoSeeder.LeaderRole;

    public sealed record Role(string Name, bool BuiltIn);
    public sealed record Published(int Version, List<Guid> AppliesTo);
    public sealed record ProblemDto(string Message);
    public sealed record ValidationDto(bool Valid, List<ProblemDto> Problems);

    public static async Task AddPeopleAsync(AppFactory app)
    {
        var admin = await app.ClientForAsync("admin");
        var secadmin = await app.ClientForAsync("secadmin");
        // Roles are data: 办公室主任 is added here, 分管领导 comes with the demo data (added the same way); accounts get them from 安全保密管理员.
        var roles = await admin.GetAsync("/api/admin/roles").ExpectAsync<Role[]>(HttpStatusCode.OK);
        Assert.Contains(roles, r => r.Name == DeputyRole && !r.BuiltIn);
        await admin.PostJsonAsync("/api/admin/roles", new { name = OfficeRole, unitKind = "Agency", description = "办公室核稿" })
            .ExpectAsync(HttpStatusCode.Created);
        foreach (var (name, shown, role, unit) in new[]
                 {
                     (Office, "赵敏（市科协办公室主任）", OfficeRole, DemoSeeder.Kexie), (Office2, "钱进（市科协办公室副主任）", OfficeRole, DemoSeeder.Kexie),
                     (Deputy, "孙立（市科协分管领导）", DeputyRole, DemoSeeder.Kexie), (Inspector2, "周洁（派驻一组）", "DisciplineInspector", DemoSeeder.Team1),
                 })
        {
            var account = await CreateAccountAsync(app, name, shown, unit);
            await secadmin.PutJsonAsync($"/api/security/accounts/{account}/roles", new { roles = new[] { role } }).ExpectAsync(HttpStatusCode.NoContent);
        }
    }

    public static async Task<Published> PublishAsync(AppFactory app)
    {
        var admin = await app.ClientForAsync("admin");
        await admin.PutJsonAsync("/api/routes/draft", new
        {
            name = "市科协五环节审核流程",
            appliesTo = new[] { DemoSeeder.Kexie },
            steps = new object[]
            {
                new { key = "OfficeReview", name = "办公室核稿", deciderKind = "OwnUnit", role = OfficeRole, timeLimitWorkingDays = 2, checksGate = false, mode = "Single" },
                new { key = "LeaderReview", name = "分管领导审核", deciderKind = "OwnUnit", role = DeputyRole, timeLimitWorkingDays = 3, checksGate = false, mode = "Single" },
                new { key = "SecretaryReview", name = "党组书记审核", deciderKind = "OwnUnit", role = "PartySecretary", timeLimitWorkingDays = 3, checksGate = false, mode = "Single" },
                new { key = "DisciplineReview", name = "纪检监察组会签", deciderKind = "InspectionTeam", role = "DisciplineInspector", timeLimitWorkingDays = 5, checksGate = false, mode = "All" },
                new { key = "CommitteeReview", name = "市直机关工委审核", deciderKind = "Supervisor", role = "Committee", timeLimitWorkingDays = 5, checksGate = true, mode = "Single" },
            },
        }).ExpectAsync(HttpStatusCode.OK);
        var validation = await admin.PostJsonAsync("/api/routes/draft/validate").ExpectAsync<ValidationDto>(HttpStatusCode.OK);
        Assert.True(validation.Valid, string.Join("; ", validation.Problems.Select(p => p.Message)));
        var published = await admin.PostJsonAsync("/api/routes/draft/publish").ExpectAsync<Published>(HttpStatusCode.OK);
        Assert.Equal([DemoSeeder.Kexie], published.AppliesTo);
        return published;
    }

    private static async Task<string> CreateAccountAsync(AppFactory app, string userName, string displayName, Guid unitId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = displayName, UnitId = unitId, Email = userName + "@example.gov.cn", EmailConfirmed = true };
        var created = await users.CreateAsync(user, AppFactory.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return user.Id;
    }
}

/// <summary>
/// Issue 16's journey through the API: the 系统管理员 adds the roles, designs 办公室核稿 → 分管领导审核 → 党组书记审核 → 纪检监察组会签
/// (two inspectors, both must approve) → 市直机关工委审核 for 市科协 and publishes; a report goes through with one 抄送, one 转办, one
/// 前加签, one 委托, one 催办 and one return from the 会签 step (both asked again after the resubmission). At every step the 待办, the
/// waiting list, the reminder mails (step-entry notices of a sweep) and the journal are checked; a report started before the
/// publication finishes on its old version.
/// </summary>
public abstract class FiveStepRouteJourneyCases<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFactory
{
    private const string Office = FiveStepRoute.Office;
    private const string Office2 = FiveStepRoute.Office2;
    private const string Deputy = FiveStepRoute.Deputy;
    private const string Inspector2 = FiveStepRoute.Inspector2;
    private static readonly DemoUnit Unit = DemoUnit.Kexie;

    public sealed record Waiter(string UserId, string Name, string? Kind, string? State);
    public sealed record Step(string Status, string Name, string Mode);
    public sealed record Report(Guid Id, string Status, int RouteVersion, string[] AllowedActions, Waiter[] WaitingFor, Step? CurrentStep);
    public sealed record Journal(int Sequence, string Actor, string Action, string ActionName, string? Target, string? OnBehalfOf, string ToStatus,
        string[] CopiedTo);
    public sealed record InboxRow(Guid Id, string Kind, string? OnBehalfOf);
    public sealed record Copied(Guid ReportId, string CopiedBy);
    public sealed record Candidate(string Id, string Name);
    public sealed record DelegationState(Candidate[] Candidates);

    private long _lastMail;
    private bool _baseline;

    [Fact]
    public async Task An_admin_designed_five_step_route_carries_a_report_through_every_verb_and_an_older_report_keeps_its_version()
    {
        await FiveStepRoute.AddPeopleAsync(app);

        // A report started on the standard route before the new version is published.
        var older = await app.CreateReportAsync(Unit, "SecretaryReview");

        var published = await FiveStepRoute.PublishAsync(app);
        var drafter = await app.ClientForAsync(Unit.Drafter);
        var committee = await app.ClientForAsync(DemoUnit.Committee);
        var committeeId = await IdOfAsync(DemoUnit.Committee);
        await SweepAsync(); // the mails so far (the older report's notices) are not this journey's

        // The new report takes the new version; its submission copies the committee member (抄送) and waits on both 办公室主任.
        var year = app.NextYear(Unit);
        var created = await drafter.PostJsonAsync("/api/reports", new { title = $"中共市科协党组关于{year}年度落实全面从严治党主体责任情况的报告", year, body = ReportScenarios.Body })
            .ExpectAsync<Report>(HttpStatusCode.Created);
        Assert.Equal(published.Version, created.RouteVersion);
        var id = created.Id;
        var url = $"/api/reports/{id}";
        var report = await drafter.PostJsonAsync($"{url}/submit", new { copyTo = new[] { committeeId } }).ExpectAsync<Report>(HttpStatusCode.OK);
        Assert.Equal(("OfficeReview", "办公室核稿"), (report.Status, report.CurrentStep!.Name));
        Assert.Contains(await committee.GetAsync("/api/inbox/copied").ExpectAsync<Copied[]>(HttpStatusCode.OK), c => c.ReportId == id);
        await AssertWaitingAsync(id, [Office, Office2]);

        // 转办: the office director hands the step to his deputy with a comment; from now only the deputy decides it.
        var office = await app.ClientForAsync(Office);
        var office2Id = await IdOfAsync(Office2);
        await (await office.PostJsonAsync($"{url}/transfer", new { toUserId = await IdOfAsync(Deputy), comment = "请办理。" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest); // 分管领导 could not decide 办公室核稿
        await office.PostJsonAsync($"{url}/transfer", new { toUserId = office2Id, comment = "本人出差，请钱进同志核稿。" }).ExpectAsync(HttpStatusCode.OK);
        await AssertWaitingAsync(id, [Office2], mailed: []);
        await (await office.PostJsonAsync($"{url}/approve")).AssertProblemAsync(HttpStatusCode.Forbidden, "not-your-step");
        report = await (await app.ClientForAsync(Office2)).PostJsonAsync($"{url}/approve", new { comment = "核稿完毕。" }).ExpectAsync<Report>(HttpStatusCode.OK);
        Assert.Equal("LeaderReview", report.Status);
        await AssertWaitingAsync(id, [Deputy]);

        // 前加签: the 分管领导 asks the office director to look first; it comes back to him, then he approves.
        var deputy = await app.ClientForAsync(Deputy);
        await deputy.PostJsonAsync($"{url}/reviewers", new { userId = await IdOfAsync(Office), position = "Before", comment = "请办公室再核一遍数据。" })
            .ExpectAsync(HttpStatusCode.OK);
        await AssertWaitingAsync(id, [Office]);
        report = await office.PostJsonAsync($"{url}/approve", new { comment = "数据已核。" }).ExpectAsync<Report>(HttpStatusCode.OK);
        Assert.Equal("LeaderReview", report.Status);
        await AssertWaitingAsync(id, [Deputy], mailed: []);
        report = await deputy.PostJsonAsync($"{url}/approve", new { comment = "同意。" }).ExpectAsync<Report>(HttpStatusCode.OK);
        Assert.Equal("SecretaryReview", report.Status);
        await AssertWaitingAsync(id, [Unit.Secretary]);

        // 委托: the secretary is away; his delegate decides "代 X" while the delegation runs.
        var secretary = await app.ClientForAsync(Unit.Secretary);
        var today = ChinaTime.Today(app.Clock);
        var candidates = (await secretary.GetAsync("/api/account/delegation").ExpectAsync<DelegationState>(HttpStatusCode.OK)).Candidates;
        var standInId = candidates.First(c => c.Name.Contains("党组书记")).Id;
        await secretary.PutJsonAsync("/api/account/delegation", new { delegateId = standInId, from = today, to = today.AddDays(3) }).ExpectAsync(HttpStatusCode.OK);
        var standIn = await app.ClientForAsync(await UserNameOfAsync(standInId));
        var standInRow = Assert.Single(await standIn.GetAsync("/api/inbox").ExpectAsync<InboxRow[]>(HttpStatusCode.OK), r => r.Id == id);
        Assert.NotNull(standInRow.OnBehalfOf);
        report = await standIn.PostJsonAsync($"{url}/approve", new { comment = "同意（代）。" }).ExpectAsync<Report>(HttpStatusCode.OK);
        await secretary.DeleteAsync("/api/account/delegation").ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal(("DisciplineReview", "All"), (report.Status, report.CurrentStep!.Mode));
        await AssertWaitingAsync(id, [Unit.Inspector, Inspector2]);

        // 催办 by the drafter: one 【催办】 mail to each member who has not decided; a second press the same day is 409.
        var inspector = await app.ClientForAsync(Unit.Inspector);
        var inspector2 = await app.ClientForAsync(Inspector2);
        await inspector.PostJsonAsync($"{url}/approve", new { comment = "同意。" }).ExpectAsync(HttpStatusCode.OK);
        await AssertWaitingAsync(id, [Inspector2], mailed: []);
        await drafter.PostJsonAsync($"{url}/urge").ExpectAsync(HttpStatusCode.OK);
        var urged = (await NewMailsAsync()).Where(m => m.TextBody.Contains(id.ToString())).ToList();
        Assert.Equal([Inspector2 + "@example.gov.cn"], urged.Where(m => m.Subject.StartsWith("【催办】")).Select(m => m.ToAddress));
        await (await drafter.PostJsonAsync($"{url}/urge")).AssertProblemAsync(HttpStatusCode.Conflict, "already-urged");

        // A return from the 会签 step; the resubmission comes back (原路返回) and asks both members again.
        await inspector2.PostJsonAsync($"{url}/return", new { comment = "请补充对上年度问题整改情况的说明。" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(await drafter.GetAsync("/api/inbox").ExpectAsync<InboxRow[]>(HttpStatusCode.OK), r => r.Id == id && r.Kind == "report-returned");
        report = await drafter.PostJsonAsync($"{url}/submit").ExpectAsync<Report>(HttpStatusCode.OK);
        Assert.Equal("DisciplineReview", report.Status);
        Assert.Equal(2, report.WaitingFor.Count(w => w.State == "Open"));
        await AssertWaitingAsync(id, [Unit.Inspector, Inspector2]);
        await inspector2.PostJsonAsync($"{url}/approve", new { comment = "同意。" }).ExpectAsync(HttpStatusCode.OK);
        report = await inspector.PostJsonAsync($"{url}/approve", new { comment = "同意。" }).ExpectAsync<Report>(HttpStatusCode.OK);
        Assert.Equal("CommitteeReview", report.Status);
        await AssertWaitingAsync(id, [DemoUnit.Committee]);
        report = await committee.PostJsonAsync($"{url}/approve", new { comment = "审核通过。" }).ExpectAsync<Report>(HttpStatusCode.OK);
        Assert.Equal("Approved", report.Status);

        var journal = await drafter.GetAsync($"{url}/journal").ExpectAsync<Journal[]>(HttpStatusCode.OK);
        Assert.Equal(["Created", "Submitted", "Transferred", "Approved", "ReviewerAddedBefore", "Countersigned", "Approved", "Approved",
            "Countersigned", "Returned", "Resubmitted", "Countersigned", "Approved", "Approved"], journal.Select(j => j.Action));
        Assert.Equal(["Draft", "OfficeReview", "OfficeReview", "LeaderReview", "LeaderReview", "LeaderReview", "SecretaryReview", "DisciplineReview",
            "DisciplineReview", "Returned", "DisciplineReview", "DisciplineReview", "CommitteeReview", "Approved"], journal.Select(j => j.ToStatus));
        Assert.Contains("钱进", journal.Single(j => j.Action == "Transferred").Target);
        Assert.Contains("赵敏", journal.Single(j => j.Action == "ReviewerAddedBefore").Target);
        Assert.Contains("李明", journal.Single(j => j.ToStatus == "DisciplineReview" && j.Action == "Approved").OnBehalfOf);
        Assert.Contains(journal[1].CopiedTo, c => c.Contains("工委"));

        // The 审批单 lists every opinion of the route's steps: the 会签 members', the 转办 and 加签 with whom they named.
        var sheetResponse = await drafter.GetAsync($"{url}/approval-sheet");
        Assert.Equal(HttpStatusCode.OK, sheetResponse.StatusCode);
        var sheet = string.Concat(Documents.ApprovalSheetTests.PdfText(await sheetResponse.Content.ReadAsByteArrayAsync()));
        foreach (var text in new[] { "办公室核稿", "分管领导审核", "纪检监察组会签", "会签同意", "加签意见", "转办给钱进", "前加签赵敏", "本人出差，请钱进同志核稿。" })
            Assert.Contains(text, sheet);

        // The report page draws the five steps of its version, the 会签 step marked as such.
        using (var page = await PageSession.SignInAsync(app, Unit.Drafter))
        {
            var html = await page.GetPageAsync($"/Reports/Details/{id}");
            foreach (var name in new[] { "办公室核稿", "分管领导审核", "党组书记审核", "纪检监察组会签", "市直机关工委审核" })
                Assert.Contains(name, html);
        }

        // The report started before the publication finishes on the standard route it began with.
        var oldUrl = $"/api/reports/{older.Id}";
        var oldReport = await secretary.PostJsonAsync($"{oldUrl}/approve", new { comment = "同意。" }).ExpectAsync<Report>(HttpStatusCode.OK);
        Assert.Equal(("DisciplineReview", "Single", older.RouteVersion), (oldReport.Status, oldReport.CurrentStep!.Mode, oldReport.RouteVersion));
        await AssertWaitingAsync(older.Id, [Unit.Inspector, Inspector2]);
        oldReport = await inspector2.PostJsonAsync($"{oldUrl}/approve").ExpectAsync<Report>(HttpStatusCode.OK);
        Assert.Equal("CommitteeReview", oldReport.Status);
        await (await inspector.PostJsonAsync($"{oldUrl}/approve")).AssertProblemAsync(HttpStatusCode.Conflict);
        oldReport = await committee.PostJsonAsync($"{oldUrl}/approve", new { comment = "审核通过。" }).ExpectAsync<Report>(HttpStatusCode.OK);
        Assert.Equal(("Approved", older.RouteVersion), (oldReport.Status, oldReport.RouteVersion));
    }

    // The people the report waits for: its waiting list, their 待办, nobody else's among the journey's reviewers; and the step-entry
    // mails the next reminder sweep sends for the report (to them, unless <paramref name="mailed"/> says otherwise: one notice per
    // person per entry into a step, so someone told at the entry is not told again when it comes back to him).
    private async Task AssertWaitingAsync(Guid id, string[] userNames, string[]? mailed = null)
    {
        var drafter = await app.SharedClientAsync(Unit.Drafter);
        var report = await drafter.GetAsync($"/api/reports/{id}").ExpectAsync<Report>(HttpStatusCode.OK);
        var expectedIds = new List<string>();
        foreach (var name in userNames) expectedIds.Add(await IdOfAsync(name));
        Assert.Equal(expectedIds.Order(), report.WaitingFor.Where(w => w.State is null or "Open").Select(w => w.UserId).Order());
        foreach (var name in new[] { Office, Office2, Deputy, Unit.Secretary, Unit.Inspector, Inspector2, DemoUnit.Committee })
        {
            var rows = await (await app.ClientForAsync(name)).GetAsync("/api/inbox").ExpectAsync<InboxRow[]>(HttpStatusCode.OK);
            Assert.True(userNames.Contains(name) == rows.Any(r => r.Id == id && r.Kind == "report-review"), $"待办 of {name} at {report.Status}");
        }
        var mails = (await NewMailsAsync()).Where(m => m.TextBody.Contains(id.ToString())).ToList();
        Assert.Equal((mailed ?? userNames).Select(n => n + "@example.gov.cn").Order(),
            mails.Where(m => m.Subject.StartsWith("【待办】")).Select(m => m.ToAddress).Order());
        // Time passes between one person's decision and the next (a re-entry into a step is a new entry, at a later time).
        app.Clock.Advance(TimeSpan.FromMinutes(2));
    }

    private async Task<List<Workflow.Host.Mail.OutboxMessage>> NewMailsAsync()
    {
        await SweepAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var mails = await db.Outbox.AsNoTracking().Where(m => m.Id > _lastMail).OrderBy(m => m.Id).ToListAsync();
        if (mails.Count > 0) _lastMail = mails[^1].Id;
        return mails;
    }

    private async Task SweepAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderSweep>().SweepAsync();
        if (_baseline) return;
        _lastMail = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Outbox.MaxAsync(m => (long?)m.Id) ?? 0;
        _baseline = true;
    }

    private async Task<string> IdOfAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName))!.Id;
    }

    private async Task<string> UserNameOfAsync(string id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(id))!.UserName!;
    }
}

public sealed class FiveStepRouteJourneyTests(AppFactory app) : FiveStepRouteJourneyCases<AppFactory>(app);

public sealed class FiveStepRouteJourneyTestsOnPostgreSql(PostgresAppFactory app) : FiveStepRouteJourneyCases<PostgresAppFactory>(app);
