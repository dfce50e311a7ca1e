using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Identity;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Admin;

/// <summary>
/// 角色管理 and 兼职 through the API: an added role decides a route step in its own unit, a secretary of two agencies decides both,
/// a drafter here who is secretary there cannot write there, a used role stays, validation ignores disabled holders; on SQLite and
/// PostgreSQL.
/// </summary>
public abstract class RolesApiCases(AppFactory app)
{
    private const string Shengtai = "10000000-0000-0000-0000-000000000102";
    private const string Haishi = "10000000-0000-0000-0000-000000000103";
    private const string Renda = "10000000-0000-0000-0000-000000000104";
    private const string Tongji = "10000000-0000-0000-0000-000000000105";
    private const string Jiguan = "10000000-0000-0000-0000-000000000107";
    private const string Team1 = "10000000-0000-0000-0000-000000000011";

    public sealed record RoleDto(Guid? Id, string Name, string Label, string? UnitKind, string? Description, bool BuiltIn, int Holders,
        bool UsedByRoutes, bool MayDelete);

    public sealed record PostDto(long Id, Guid UnitId, string UnitName, string Role, string RoleLabel);

    public sealed record ValidationDto(bool Valid, List<RouteDesignApiTests.ProblemDto> Problems);

    private async Task<string> IdOfAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName))!.Id;
    }

    private static object Step(string key, string name, string kind, string role, int days, string? unitId = null) =>
        new { key, name, deciderKind = kind, role, unitId, timeLimitWorkingDays = days, checksGate = false };

    private async Task<ApiContract.ReportDto> SubmittedReportAsync(string drafterName, string unit, int year)
    {
        var drafter = await app.ClientForAsync(drafterName);
        var created = await (await drafter.PostJsonAsync("/api/reports",
            new { title = $"中共{unit}党组关于{year}年度落实全面从严治党主体责任情况的报告", year, body = "正文。" })).ReadAsync<ApiContract.ReportDto>();
        return await (await drafter.PostJsonAsync($"/api/reports/{created.Id}/submit")).ReadAsync<ApiContract.ReportDto>();
    }

    [Fact]
    public async Task An_added_role_held_beside_the_secretary_role_decides_its_own_unit_step_and_shows_in_the_holders_todo()
    {
        var admin = await app.ClientForAsync("admin");
        var created = await admin.PostJsonAsync("/api/admin/roles", new { name = "办公室主任", unitKind = "Agency", description = "核稿" })
            .ExpectAsync(HttpStatusCode.Created);
        var role = await created.ReadAsync<RoleDto>();
        Assert.Equal(("办公室主任", false, 0), (role.Name, role.BuiltIn, role.Holders));

        // Two roles in one unit: the 安全保密管理员 gives 生态环境局's secretary the added role beside his own.
        var secadmin = await app.ClientForAsync("secadmin");
        var secretaryId = await IdOfAsync("secretary.shengtai");
        await secadmin.PutJsonAsync($"/api/security/accounts/{secretaryId}/roles", new { roles = new[] { "PartySecretary", "办公室主任" } })
            .ExpectAsync(HttpStatusCode.NoContent);
        // It fits agencies only: an inspector may not hold it.
        await (await secadmin.PutJsonAsync($"/api/security/accounts/{await IdOfAsync("inspector.team1")}/roles",
            new { roles = new[] { "DisciplineInspector", "办公室主任" } })).AssertProblemAsync(HttpStatusCode.Conflict);

        await admin.PutJsonAsync("/api/routes/draft", new
        {
            name = "生态环境局办公室核稿流程",
            appliesTo = new[] { Shengtai },
            steps = new[]
            {
                Step("OfficeReview", "办公室核稿", "OwnUnit", "办公室主任", 2),
                Step("SecretaryReview", "党组书记审核", "OwnUnit", "PartySecretary", 5),
                Step("CommitteeReview", "市直机关工委审核", "Supervisor", "Committee", 5),
            },
        });
        Assert.True((await (await admin.PostJsonAsync("/api/routes/draft/validate")).ReadAsync<ValidationDto>()).Valid);
        await admin.PostJsonAsync("/api/routes/draft/publish").ExpectAsync(HttpStatusCode.OK);

        var report = await SubmittedReportAsync("drafter.shengtai", "生态环境局", 2031);
        Assert.Equal("OfficeReview", report.Status);
        var secretary = await app.ClientForAsync("secretary.shengtai");
        var todo = await (await secretary.GetAsync("/api/inbox")).ReadAsync<List<ApiContract.InboxItem>>();
        Assert.Contains(todo, i => i.Id == report.Id && i.Status == "OfficeReview");
        // Another agency's secretary holds neither the role nor the unit.
        var stranger = await app.ClientForAsync("secretary.kexie");
        await (await stranger.PostJsonAsync($"/api/reports/{report.Id}/approve", new { })).AssertProblemAsync(HttpStatusCode.NotFound);

        var next = await (await secretary.PostJsonAsync($"/api/reports/{report.Id}/approve", new { comment = "核稿完毕" })).ReadAsync<ApiContract.ReportDto>();
        Assert.Equal("SecretaryReview", next.Status);
        var last = await (await secretary.PostJsonAsync($"/api/reports/{report.Id}/approve", new { comment = "同意" })).ReadAsync<ApiContract.ReportDto>();
        Assert.Equal("CommitteeReview", last.Status);

        // Held and used by a route: not deleted, for either reason.
        await (await admin.DeleteAsync($"/api/admin/roles/{role.Id}")).AssertProblemAsync(HttpStatusCode.Conflict, "role-in-use");
        await secadmin.PutJsonAsync($"/api/security/accounts/{secretaryId}/roles", new { roles = new[] { "PartySecretary" } })
            .ExpectAsync(HttpStatusCode.NoContent);
        await (await admin.DeleteAsync($"/api/admin/roles/{role.Id}")).AssertProblemAsync(HttpStatusCode.Conflict, "role-in-use-by-route");
        var listed = await (await admin.GetAsync("/api/admin/roles")).ReadAsync<List<RoleDto>>();
        Assert.Contains(listed, r => r.Name == "办公室主任" && r.UsedByRoutes && !r.MayDelete);
        Assert.Contains(listed, r => r.Name == "PartySecretary" && r.BuiltIn && r.Label == "党组书记");
    }

    [Fact]
    public async Task Names_of_built_in_or_administrator_roles_duplicates_long_names_and_control_characters_are_refused_an_unused_role_is_deleted()
    {
        var admin = await app.ClientForAsync("admin");
        await (await admin.PostJsonAsync("/api/admin/roles", new { name = "党组书记", unitKind = "Agency" })).AssertProblemAsync(HttpStatusCode.BadRequest, "role-name-invalid");
        await (await admin.PostJsonAsync("/api/admin/roles", new { name = "SecurityAdmin", unitKind = "Agency" })).AssertProblemAsync(HttpStatusCode.BadRequest, "role-name-invalid");
        await (await admin.PostJsonAsync("/api/admin/roles", new { name = "系统管理员", unitKind = "Agency" })).AssertProblemAsync(HttpStatusCode.BadRequest, "role-name-invalid");
        await (await admin.PostJsonAsync("/api/admin/roles", new { name = new string('长', 21), unitKind = "Agency" })).AssertProblemAsync(HttpStatusCode.BadRequest, "role-name-invalid");
        await (await admin.PostJsonAsync("/api/admin/roles", new { name = "督\u0001导", unitKind = "Agency" })).AssertProblemAsync(HttpStatusCode.BadRequest, "role-name-invalid");
        await (await admin.PostJsonAsync("/api/admin/roles", new { name = "督导员" })).AssertProblemAsync(HttpStatusCode.BadRequest, "role-unit-kind-invalid");
        var role = await (await admin.PostJsonAsync("/api/admin/roles", new { name = "督导员", unitKind = "Committee" })).ReadAsync<RoleDto>();
        await (await admin.PostJsonAsync("/api/admin/roles", new { name = " 督导员 ", unitKind = "Agency" })).AssertProblemAsync(HttpStatusCode.Conflict, "role-exists");
        // The demo's added role is there already.
        await (await admin.PostJsonAsync("/api/admin/roles", new { name = "分管领导", unitKind = "Agency" })).AssertProblemAsync(HttpStatusCode.Conflict, "role-exists");

        await admin.DeleteAsync($"/api/admin/roles/{role.Id}").ExpectAsync(HttpStatusCode.NoContent);
        await (await admin.DeleteAsync($"/api/admin/roles/{role.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "role-not-found");
        Assert.DoesNotContain(await (await admin.GetAsync("/api/admin/roles")).ReadAsync<List<RoleDto>>(), r => r.Name == "督导员");
        // Only the 系统管理员.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("secadmin")).GetAsync("/api/admin/roles")).StatusCode);
    }

    [Fact]
    public async Task A_secretary_of_two_agencies_sees_and_decides_both_secretary_steps()
    {
        var admin = await app.ClientForAsync("admin");
        var secretaryId = await IdOfAsync("secretary.haishi");
        var post = await admin.PostJsonAsync($"/api/admin/users/{secretaryId}/posts", new { unitId = Renda, role = "PartySecretary" })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("市人大常委会机关", (await post.ReadAsync<PostDto>()).UnitName);
        // The post must fit the unit's kind, and once.
        await (await admin.PostJsonAsync($"/api/admin/users/{secretaryId}/posts", new { unitId = Team1, role = "PartySecretary" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "post-unit-kind");
        await (await admin.PostJsonAsync($"/api/admin/users/{secretaryId}/posts", new { unitId = Renda, role = "PartySecretary" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "post-exists");

        var own = await SubmittedReportAsync("drafter.haishi", "市海事法院", 2031);
        var other = await SubmittedReportAsync("drafter.renda", "市人大常委会机关", 2031);
        var secretary = await app.ClientForAsync("secretary.haishi");
        var todo = await (await secretary.GetAsync("/api/inbox")).ReadAsync<List<ApiContract.InboxItem>>();
        Assert.Contains(todo, i => i.Id == own.Id && i.Status == "SecretaryReview");
        Assert.Contains(todo, i => i.Id == other.Id && i.Status == "SecretaryReview");
        foreach (var id in new[] { own.Id, other.Id })
            Assert.Equal("DisciplineReview",
                (await (await secretary.PostJsonAsync($"/api/reports/{id}/approve", new { comment = "同意" })).ReadAsync<ApiContract.ReportDto>()).Status);
        // The journal names him in both.
        var journal = await (await secretary.GetAsync($"/api/reports/{other.Id}/journal")).ReadAsync<List<ApiContract.JournalEntry>>();
        Assert.Contains(journal, j => j.Actor.Contains("周强") && j.ToStatus == "DisciplineReview");

        // Taken away, the other agency is out of his sight again.
        var posts = await (await admin.GetAsync($"/api/admin/users/{secretaryId}/posts")).ReadAsync<List<PostDto>>();
        await admin.DeleteAsync($"/api/admin/users/{secretaryId}/posts/{Assert.Single(posts).Id}").ExpectAsync(HttpStatusCode.NoContent);
        var after = await app.ClientForAsync("secretary.haishi");
        Assert.Equal(HttpStatusCode.NotFound, (await after.GetAsync($"/api/reports/{other.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_drafter_here_who_is_secretary_there_decides_there_but_cannot_edit_or_submit_its_draft()
    {
        var admin = await app.ClientForAsync("admin");
        await admin.PostJsonAsync($"/api/admin/users/{await IdOfAsync("drafter.jiguan")}/posts", new { unitId = Tongji, role = "PartySecretary" })
            .ExpectAsync(HttpStatusCode.Created);
        var tongjiDrafter = await app.ClientForAsync("drafter.tongji");
        var draft = await (await tongjiDrafter.PostJsonAsync("/api/reports",
            new { title = "中共市统计局党组关于2031年度落实全面从严治党主体责任情况的报告", year = 2031, body = "正文。" })).ReadAsync<ApiContract.ReportDto>();

        var twoHats = await app.ClientForAsync("drafter.jiguan");
        var seen = await (await twoHats.GetAsync($"/api/reports/{draft.Id}")).ReadAsync<ApiContract.ReportDto>();
        Assert.DoesNotContain("edit", seen.AllowedActions, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain("submit", seen.AllowedActions, StringComparer.OrdinalIgnoreCase);
        await (await twoHats.PutJsonAsync($"/api/reports/{draft.Id}", new { title = "改", body = "改" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await twoHats.PostJsonAsync($"/api/reports/{draft.Id}/submit")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var todo = await (await twoHats.GetAsync("/api/inbox")).ReadAsync<List<ApiContract.InboxItem>>();
        Assert.DoesNotContain(todo, i => i.Id == draft.Id);

        // Submitted by its own drafter, it is his to decide as 市统计局's secretary.
        await tongjiDrafter.PostJsonAsync($"/api/reports/{draft.Id}/submit").ExpectAsync(HttpStatusCode.OK);
        todo = await (await twoHats.GetAsync("/api/inbox")).ReadAsync<List<ApiContract.InboxItem>>();
        Assert.Contains(todo, i => i.Id == draft.Id && i.Status == "SecretaryReview");
        Assert.Equal("DisciplineReview",
            (await (await twoHats.PostJsonAsync($"/api/reports/{draft.Id}/approve", new { })).ReadAsync<ApiContract.ReportDto>()).Status);
    }

    [Fact]
    public async Task Validation_counts_a_post_and_ignores_a_disabled_holder()
    {
        var admin = await app.ClientForAsync("admin");
        await admin.PostJsonAsync("/api/admin/roles", new { name = "纪委书记", unitKind = "Agency" }).ExpectAsync(HttpStatusCode.Created);
        // 市机关事务管理局's only holder of the added role holds it as a post.
        var holderId = await IdOfAsync("secretary.shengtai");
        await admin.PostJsonAsync($"/api/admin/users/{holderId}/posts", new { unitId = Jiguan, role = "纪委书记" }).ExpectAsync(HttpStatusCode.Created);
        await admin.PutJsonAsync("/api/routes/draft", new
        {
            name = "纪委书记审核",
            appliesTo = new[] { Jiguan },
            steps = new[] { Step("DisciplineSecretary", "纪委书记审核", "OwnUnit", "纪委书记", 3), Step("CommitteeReview", "工委审核", "Supervisor", "Committee", 5) },
        });
        Assert.True((await (await admin.PostJsonAsync("/api/routes/draft/validate")).ReadAsync<ValidationDto>()).Valid);

        var secadmin = await app.ClientForAsync("secadmin");
        await secadmin.PostJsonAsync($"/api/security/accounts/{holderId}/disable").ExpectAsync(HttpStatusCode.NoContent);
        try
        {
            var invalid = await (await admin.PostJsonAsync("/api/routes/draft/validate")).ReadAsync<ValidationDto>();
            var problem = Assert.Single(invalid.Problems);
            Assert.Equal((0, "decider"), (problem.Step, problem.Field));
            Assert.Equal(["市机关事务管理局"], problem.UnitsWithoutDecider);
        }
        finally
        {
            await secadmin.PostJsonAsync($"/api/security/accounts/{holderId}/enable").ExpectAsync(HttpStatusCode.NoContent);
            await admin.DeleteAsync("/api/routes/draft");
        }
    }

    [Fact]
    public async Task An_organisation_import_accepts_an_added_role_by_name_and_refuses_it_in_the_wrong_kind_of_unit()
    {
        var admin = await app.ClientForAsync("admin");
        await admin.PostJsonAsync("/api/admin/roles", new { name = "宣传委员", unitKind = "Agency" }).ExpectAsync(HttpStatusCode.Created);
        var wrong = OrganisationBook.Write([], [["xc.team1", "宣传干部", "JJ1", "宣传委员", "xc.team1@example.gov.cn"]]);
        var refused = await admin.PostAsync("/api/admin/organisation/import", OrganisationBook.Form(wrong));
        await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "import-rejected");
        var messages = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")
            .EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains("宣传委员") && m.Contains("报告单位"));

        var book = OrganisationBook.Write([], [["xc.kexie", "宣传干部", "KX", "宣传委员", "xc.kexie@example.gov.cn"]]);
        (await admin.PostAsync("/api/admin/organisation/import", OrganisationBook.Form(book))).EnsureSuccessStatusCode();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Equal(["宣传委员"], await users.GetRolesAsync((await users.FindByNameAsync("xc.kexie"))!));
    }
}

public sealed class RolesApiTests(AppFactory app) : RolesApiCases(app), IClassFixture<AppFactory>;

public sealed class RolesApiTestsOnPostgreSql(PostgresAppFactory app) : RolesApiCases(app), IClassFixture<PostgresAppFactory>;
