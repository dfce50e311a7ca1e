using System.Net;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Api;

public enum Role { Drafter, Secretary, Inspector, Committee, Admin }

public enum Scope { OwnUnit, OtherUnit }

public enum Endpoint { List, Inbox, Create, Get, Journal, Revisions, Revision, Update, Submit, Withdraw, Approve, Return }

/// <summary>
/// Who may call what: every role against every endpoint, on a report of a unit the caller covers and on one of a unit it
/// does not. Another unit's report is always 404 (never 403, which would confirm that it exists).
/// </summary>
public abstract class PermissionMatrixApiCases(AppFactory app)
{
    /// <summary>The callers' unit: drafter.haishi, secretary.haishi, inspector.team2 and the committee cover it.</summary>
    private static readonly DemoUnit Own = DemoUnit.Haishi;

    /// <summary>Covered by none of the callers but the committee, which covers every demo unit and so has no "other" case.</summary>
    private static readonly DemoUnit Other = DemoUnit.Kexie;

    private const int N = 404;

    /// <summary>
    /// Expected status when the role calls the endpoint on a report of its own unit that is in the given state.
    /// The admin covers no unit: every report is "not found" for him. 409 means the role could act at some step,
    /// but the report is not (or no longer) there; 403 means the role never acts at this step.
    /// </summary>
    private static readonly (Endpoint Endpoint, string State, int[] Expected)[] Table =
    [
        //                                        drafter secretary inspector committee admin
        (Endpoint.List,      "SecretaryReview",  [200,    200,      200,      200,      200]),
        (Endpoint.Inbox,     "SecretaryReview",  [200,    200,      200,      200,      200]),
        (Endpoint.Create,    "",                 [201,    403,      403,      403,      403]),
        (Endpoint.Get,       "SecretaryReview",  [200,    200,      200,      200,      N]),
        (Endpoint.Journal,   "SecretaryReview",  [200,    200,      200,      200,      N]),
        (Endpoint.Revisions, "SecretaryReview",  [200,    200,      200,      200,      N]),
        (Endpoint.Revision,  "SecretaryReview",  [200,    200,      200,      200,      N]),
        (Endpoint.Update,    "Draft",            [200,    403,      403,      403,      N]),
        (Endpoint.Update,    "Returned",         [200,    403,      403,      403,      N]),
        (Endpoint.Update,    "SecretaryReview",  [409,    403,      403,      403,      N]),
        (Endpoint.Submit,    "Draft",            [200,    403,      403,      403,      N]),
        (Endpoint.Submit,    "Returned",         [200,    403,      403,      403,      N]),
        (Endpoint.Submit,    "SecretaryReview",  [409,    403,      403,      403,      N]),
        (Endpoint.Withdraw,  "SecretaryReview",  [200,    403,      403,      403,      N]),
        (Endpoint.Withdraw,  "DisciplineReview", [409,    403,      403,      403,      N]),
        (Endpoint.Withdraw,  "Draft",            [409,    403,      403,      403,      N]),
        (Endpoint.Approve,   "Draft",            [403,    409,      409,      409,      N]),
        (Endpoint.Approve,   "SecretaryReview",  [403,    200,      403,      403,      N]),
        (Endpoint.Approve,   "DisciplineReview", [403,    409,      200,      403,      N]),
        (Endpoint.Approve,   "CommitteeReview",  [403,    409,      409,      200,      N]),
        (Endpoint.Approve,   "Approved",         [403,    409,      409,      409,      N]),
        (Endpoint.Return,    "Draft",            [403,    409,      409,      409,      N]),
        (Endpoint.Return,    "SecretaryReview",  [403,    200,      403,      403,      N]),
        (Endpoint.Return,    "DisciplineReview", [403,    409,      200,      403,      N]),
        (Endpoint.Return,    "CommitteeReview",  [403,    409,      409,      200,      N]),
        (Endpoint.Return,    "Approved",         [403,    409,      409,      409,      N]),
    ];

    public static TheoryData<Endpoint, string, Role, Scope, int> Cases()
    {
        var data = new TheoryData<Endpoint, string, Role, Scope, int>();
        foreach (var (endpoint, state, expected) in Table)
            foreach (var role in Enum.GetValues<Role>())
            {
                data.Add(endpoint, state, role, Scope.OwnUnit, expected[(int)role]);
                if (endpoint == Endpoint.Create || role == Role.Committee) continue;
                data.Add(endpoint, state, role, Scope.OtherUnit, endpoint is Endpoint.List or Endpoint.Inbox ? 200 : N);
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Role_gets_the_expected_status(Endpoint endpoint, string state, Role role, Scope scope, int expected)
    {
        var unit = scope == Scope.OwnUnit ? Own : Other;
        var client = await app.SharedClientAsync(UserOf(role));
        var mutates = endpoint is Endpoint.Update or Endpoint.Submit or Endpoint.Withdraw or Endpoint.Approve or Endpoint.Return;
        ApiContract.ReportDto? report = null;
        if (endpoint != Endpoint.Create)
            report = mutates && expected < 300 ? await app.CreateReportAsync(unit, state) : await SharedReportAsync(unit, state);
        (string, int, int)? before = report is null ? null : await SnapshotAsync(unit, report.Id);

        var response = await CallAsync(client, endpoint, report?.Id);

        if (expected >= 400)
        {
            string[] codes = expected switch
            {
                403 => ["forbidden", "not-your-step"],
                404 => ["report-not-found"],
                _ => ["invalid-state"],
            };
            await response.AssertProblemAsync((HttpStatusCode)expected, codes);
            if (report is not null)
                Assert.Equal(before, await SnapshotAsync(unit, report.Id));
            return;
        }

        Assert.True((int)response.StatusCode == expected, $"expected {expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        switch (endpoint)
        {
            case Endpoint.List:
                var ids = (await response.ReadAsync<ApiContract.ReportListItem[]>()).Select(r => r.Id).ToList();
                Assert.Equal(scope == Scope.OwnUnit && role != Role.Admin, ids.Contains(report!.Id));
                break;
            case Endpoint.Inbox:
                var waiting = (await response.ReadAsync<ApiContract.InboxItem[]>()).Select(i => i.Id).ToList();
                // The report waits for the secretary of its own unit, and for nobody else.
                Assert.Equal(scope == Scope.OwnUnit && role == Role.Secretary, waiting.Contains(report!.Id));
                break;
            case Endpoint.Create:
                var created = await response.ReadAsync<ApiContract.ReportDto>();
                Assert.Equal($"/api/reports/{created.Id}", response.Headers.Location?.OriginalString);
                Assert.Equal(Own.Name, created.UnitName);
                break;
            case Endpoint.Revisions:
                Assert.Single(await response.ReadAsync<ApiContract.Revision[]>());
                break;
            case Endpoint.Journal:
                Assert.NotEmpty(await response.ReadAsync<ApiContract.JournalEntry[]>());
                break;
            case Endpoint.Revision:
                Assert.Equal(ReportScenarios.Body, (await response.ReadAsync<ApiContract.Revision>()).Body);
                break;
            default:
                Assert.Equal(report!.Id, (await response.ReadAsync<ApiContract.ReportDto>()).Id);
                break;
        }
    }

    public static TheoryData<string, Role> AdvertisedCases()
    {
        var data = new TheoryData<string, Role>();
        foreach (var state in Table.Select(row => row.State).Where(s => s.Length > 0).Distinct())
            foreach (var role in Enum.GetValues<Role>().Where(r => r != Role.Admin))
                data.Add(state, role);
        return data;
    }

    /// <summary>allowedActions of GET /api/reports/{id} promises exactly the actions of the table that succeed.</summary>
    [Theory]
    [MemberData(nameof(AdvertisedCases))]
    public async Task Allowed_actions_advertise_exactly_what_the_role_may_do(string state, Role role)
    {
        var report = await SharedReportAsync(Own, state);
        var client = await app.SharedClientAsync(UserOf(role));

        var seen = await client.GetAsync($"/api/reports/{report.Id}").ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);

        var rows = Table.Where(row => row.State == state && ActionName(row.Endpoint) is not null).ToList();
        Assert.Equal(rows.Where(row => row.Expected[(int)role] == 200).Select(row => ActionName(row.Endpoint)).Order(),
            seen.AllowedActions.Where(a => rows.Any(row => ActionName(row.Endpoint) == a)).Order());
    }

    private static string? ActionName(Endpoint endpoint) => endpoint switch
    {
        Endpoint.Update => "edit",
        Endpoint.Submit or Endpoint.Withdraw or Endpoint.Approve or Endpoint.Return => endpoint.ToString().ToLowerInvariant(),
        _ => null,
    };

    public static TheoryData<string, string[]> Visibility => new()
    {
        { "drafter.kexie", ["市科协"] },
        { "secretary.kexie", ["市科协"] },
        { "drafter.shengtai", ["生态环境局"] },
        { "secretary.shengtai", ["生态环境局"] },
        { "drafter.haishi", ["市海事法院"] },
        { "secretary.haishi", ["市海事法院"] },
        { "drafter.renda", ["市人大常委会机关"] },
        { "secretary.renda", ["市人大常委会机关"] },
        { "inspector.team1", ["市科协", "生态环境局", "市统计局"] },
        { "inspector.team2", ["市海事法院", "市人大常委会机关", "市审计局"] },
        { DemoUnit.Committee, ["市科协", "生态环境局", "市海事法院", "市人大常委会机关", "市统计局", "市审计局"] },
        { DemoUnit.Admin, [] },
    };

    [Theory]
    [MemberData(nameof(Visibility))]
    public async Task List_and_inbox_hold_only_the_units_the_user_covers(string userName, string[] units)
    {
        var client = await app.SharedClientAsync(userName);

        var list = await client.GetAsync("/api/reports").ExpectAsync<ApiContract.ReportListItem[]>(HttpStatusCode.OK);
        var inbox = await client.GetAsync("/api/inbox").ExpectAsync<ApiContract.InboxItem[]>(HttpStatusCode.OK);

        // Every demo unit with a report is listed (市机关事务管理局 has none yet), so the list shows exactly the covered units.
        Assert.Equal(units.Order(StringComparer.Ordinal), list.Select(r => r.UnitName).Distinct().Order(StringComparer.Ordinal));
        Assert.All(inbox, i => Assert.Contains(i.UnitName, units));
        // A report row of the 待办 is a report of the list; item rows are the same units' rectification items.
        Assert.All(inbox.Where(i => i.Kind is "report-draft" or "report-returned" or "report-review"), i => Assert.Contains(i.Id, list.Select(r => r.Id)));
    }

    [Fact]
    public async Task Another_units_report_is_indistinguishable_from_a_missing_one()
    {
        var report = await SharedReportAsync(Other, "SecretaryReview");
        var secretary = await app.SharedClientAsync(Own.Secretary);

        var hidden = await (await secretary.PostJsonAsync($"/api/reports/{report.Id}/approve")).AssertProblemAsync(HttpStatusCode.NotFound);
        var missing = await (await secretary.PostJsonAsync($"/api/reports/{Guid.NewGuid()}/approve")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(missing, hidden);
    }

    private static string UserOf(Role role) => role switch
    {
        Role.Drafter => Own.Drafter,
        Role.Secretary => Own.Secretary,
        Role.Inspector => Own.Inspector,
        Role.Committee => DemoUnit.Committee,
        _ => DemoUnit.Admin,
    };

    private Task<HttpResponseMessage> CallAsync(HttpClient client, Endpoint endpoint, Guid? id)
    {
        var url = $"/api/reports/{id}";
        return endpoint switch
        {
            Endpoint.List => client.GetAsync("/api/reports"),
            Endpoint.Inbox => client.GetAsync("/api/inbox"),
            Endpoint.Create => client.PostJsonAsync("/api/reports", new
            {
                title = "中共市海事法院党组关于年度落实全面从严治党主体责任情况的报告",
                year = app.NextYear(Own),
                body = ReportScenarios.Body,
            }),
            Endpoint.Get => client.GetAsync(url),
            Endpoint.Journal => client.GetAsync(url + "/journal"),
            Endpoint.Revisions => client.GetAsync(url + "/revisions"),
            Endpoint.Revision => client.GetAsync(url + "/revisions/1"),
            Endpoint.Update => client.PutJsonAsync(url, new { title = "修改后的标题", body = ReportScenarios.Body + "\n二是已补充。" }),
            Endpoint.Submit => client.PostJsonAsync(url + "/submit"),
            Endpoint.Withdraw => client.PostJsonAsync(url + "/withdraw"),
            Endpoint.Approve => client.PostJsonAsync(url + "/approve", new { comment = "同意。" }),
            Endpoint.Return => client.PostJsonAsync(url + "/return", new { comment = "请补充整改措施。" }),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null),
        };
    }

    /// <summary>One report per unit and state for the calls expected to be refused; they must leave it as it was.</summary>
    private Task<ApiContract.ReportDto> SharedReportAsync(DemoUnit unit, string state) =>
        app.OnceAsync($"matrix:{unit.Key}:{state}", () => app.CreateReportAsync(unit, state));

    /// <summary>What a refused call must not change, as the unit's drafter sees it.</summary>
    private async Task<(string Status, int Revision, int JournalRows)> SnapshotAsync(DemoUnit unit, Guid id)
    {
        var drafter = await app.SharedClientAsync(unit.Drafter);
        var report = await drafter.GetAsync($"/api/reports/{id}").ExpectAsync<ApiContract.ReportDto>(HttpStatusCode.OK);
        var journal = await drafter.GetAsync($"/api/reports/{id}/journal").ExpectAsync<ApiContract.JournalEntry[]>(HttpStatusCode.OK);
        return (report.Status, report.Revision, journal.Length);
    }
}

[Collection(SharedAppCollection.Name)]
public sealed class PermissionMatrixApiTests(AppFactory app) : PermissionMatrixApiCases(app);

[Collection(PostgresAppCollection.Name)]
public sealed class PermissionMatrixApiTestsOnPostgreSql(PostgresAppFactory app) : PermissionMatrixApiCases(app);
