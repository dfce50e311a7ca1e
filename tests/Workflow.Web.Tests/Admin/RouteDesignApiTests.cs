using System.Net;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Admin;

/// <summary>流程设计 through the API: the draft copies the latest version, validation names the units without a decider, publishing makes the next version for the chosen agencies.</summary>
public sealed class RouteDesignApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Kexie = "10000000-0000-0000-0000-000000000101";
    private const string Team1 = "10000000-0000-0000-0000-000000000011";

    public sealed record StepDto(string Key, string Name, string DeciderKind, string Role, Guid? UnitId, int TimeLimitWorkingDays, bool ChecksGate,
        string DeciderName);

    public sealed record DraftDto(int BasedOnVersion, string Name, List<Guid> AppliesTo, List<StepDto> Steps);

    public sealed record VersionDto(int Version, string Name, List<Guid> AppliesTo, List<StepDto> Steps);

    public sealed record ProblemDto(int? Step, string Field, string Message, List<string> UnitsWithoutDecider);

    public sealed record ValidationDto(bool Valid, List<ProblemDto> Problems);

    public sealed record ReportDto(Guid Id, string Status, string StatusName, int RouteVersion);

    private static object Step(string key, string name, string kind, string role, int days, string? unitId = null, bool gate = false) =>
        new { key, name, deciderKind = kind, role, unitId, timeLimitWorkingDays = days, checksGate = gate };

    [Fact]
    public async Task An_admin_designs_validates_and_publishes_a_four_step_route_for_one_agency_and_its_new_report_follows_it()
    {
        var admin = await app.ClientForAsync("admin");
        var draft = await (await admin.GetAsync("/api/routes/draft")).ReadAsync<DraftDto>();
        Assert.Equal(["SecretaryReview", "DisciplineReview", "CommitteeReview"], draft.Steps.Select(s => s.Key));
        Assert.Equal([false, false, true], draft.Steps.Select(s => s.ChecksGate));

        // A named unit that holds no committee member: every agency the route applies to is listed for that step.
        var saved = await admin.PutJsonAsync("/api/routes/draft", new
        {
            name = "市科协四环节流程",
            appliesTo = new[] { Kexie },
            steps = new[]
            {
                Step("OfficeReview", "办公室核稿", "OwnUnit", "PartySecretary", 2),
                Step("DisciplineReview", "纪检监察组审核", "InspectionTeam", "DisciplineInspector", 5),
                Step("TeamCommittee", "工委复核", "NamedUnit", "Committee", 3, Team1),
                Step("CommitteeReview", "市直机关工委审核", "Supervisor", "Committee", 5, gate: true),
            },
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var invalid = await (await admin.PostJsonAsync("/api/routes/draft/validate")).ReadAsync<ValidationDto>();
        Assert.False(invalid.Valid);
        var problem = Assert.Single(invalid.Problems);
        Assert.Equal((2, "decider"), (problem.Step, problem.Field));
        Assert.Equal(["市科协"], problem.UnitsWithoutDecider);
        await (await admin.PostJsonAsync("/api/routes/draft/publish")).AssertProblemAsync(HttpStatusCode.BadRequest, "route-invalid");

        // A bad key is named too.
        await admin.PutJsonAsync("/api/routes/draft", new
        {
            name = "市科协四环节流程", appliesTo = new[] { Kexie },
            steps = new[] { Step("Approved", "错误", "Supervisor", "Committee", 2) },
        });
        Assert.Contains((await (await admin.PostJsonAsync("/api/routes/draft/validate")).ReadAsync<ValidationDto>()).Problems, p => p.Field == "key");

        await admin.PutJsonAsync("/api/routes/draft", new
        {
            name = "市科协四环节流程",
            appliesTo = new[] { Kexie },
            steps = new[]
            {
                Step("OfficeReview", "办公室核稿", "OwnUnit", "PartySecretary", 2),
                Step("DisciplineReview", "纪检监察组审核", "InspectionTeam", "DisciplineInspector", 5),
                Step("CommitteeCheck", "工委初审", "Supervisor", "Committee", 3),
                Step("CommitteeReview", "市直机关工委审核", "Supervisor", "Committee", 5, gate: true),
            },
        });
        Assert.True((await (await admin.PostJsonAsync("/api/routes/draft/validate")).ReadAsync<ValidationDto>()).Valid);
        var published = await (await admin.PostJsonAsync("/api/routes/draft/publish")).ReadAsync<VersionDto>();
        Assert.Equal(2, published.Version);
        Assert.Equal([Guid.Parse(Kexie)], published.AppliesTo);
        var versions = await (await admin.GetAsync("/api/routes")).ReadAsync<List<VersionDto>>();
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(2, (await (await admin.GetAsync("/api/routes/draft")).ReadAsync<DraftDto>()).BasedOnVersion);

        // 市科协's new report runs on v2; 生态环境局's on v1.
        var drafter = await app.ClientForAsync("drafter.kexie");
        var created = await (await drafter.PostJsonAsync("/api/reports",
            new { title = "中共市科协党组关于2029年度落实全面从严治党主体责任情况的报告", year = 2029, body = "正文。" })).ReadAsync<ReportDto>();
        Assert.Equal(2, created.RouteVersion);
        var submitted = await (await drafter.PostJsonAsync($"/api/reports/{created.Id}/submit")).ReadAsync<ReportDto>();
        Assert.Equal(("OfficeReview", "办公室核稿"), (submitted.Status, submitted.StatusName));
        var secretary = await app.ClientForAsync("secretary.kexie");
        var inbox = await (await secretary.GetAsync("/api/inbox")).ReadAsync<List<ApiContract.InboxItem>>();
        Assert.Contains(inbox, i => i.Id == created.Id && i.Status == "OfficeReview");
        var next = await (await secretary.PostJsonAsync($"/api/reports/{created.Id}/approve", new { comment = "同意" })).ReadAsync<ReportDto>();
        Assert.Equal("DisciplineReview", next.Status);
        var inspector = await app.ClientForAsync("inspector.team1");
        var third = await (await inspector.PostJsonAsync($"/api/reports/{created.Id}/approve", new { })).ReadAsync<ReportDto>();
        Assert.Equal(("CommitteeCheck", "工委初审"), (third.Status, third.StatusName));

        var other = await (await (await app.ClientForAsync("drafter.shengtai")).PostJsonAsync("/api/reports",
            new { title = "中共生态环境局党组关于2029年度落实全面从严治党主体责任情况的报告", year = 2029, body = "正文。" })).ReadAsync<ReportDto>();
        Assert.Equal(1, other.RouteVersion);
    }

    [Fact]
    public async Task Only_the_system_administrator_reads_or_changes_routes()
    {
        var committee = await app.ClientForAsync("committee.gongwei");
        Assert.Equal(HttpStatusCode.Forbidden, (await committee.GetAsync("/api/routes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await committee.PostJsonAsync("/api/routes/draft/publish")).StatusCode);
    }
}
