using System.Net;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Api;

/// <summary>
/// Two people (or two tabs) decide on the same report at the same moment, over real parallel HTTP requests on the real
/// SQLite file: one decision wins, every other gets a 409 problem, never a 500, and the journal records one decision.
/// </summary>
public abstract class ConcurrentDecisionApiCases<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFactory
{
    private const int ReportCount = 10;
    private static readonly DemoUnit Unit = DemoUnit.Haishi;

    [Fact]
    public async Task Parallel_approvals_of_the_same_report_let_exactly_one_through()
    {
        HttpClient[] secretaries = [await app.ClientForAsync(Unit.Secretary), await app.ClientForAsync(Unit.Secretary)];
        var reports = await CreateReportsAsync("SecretaryReview");

        // Four approvals per report from two sessions, all forty requests released together.
        var outcomes = await Race.RunAsync(reports, Enumerable.Range(0, 4)
            .Select(i => (Func<Guid, Task<HttpResponseMessage>>)(id => secretaries[i % 2].PostJsonAsync($"/api/reports/{id}/approve", new { comment = $"同意（{i}）" })))
            .ToArray());

        foreach (var report in reports)
        {
            await AssertOneWinnerAsync(outcomes[report]);
            var journal = await JournalAsync(report);
            Assert.Single(journal, j => j.Action == "Approved");
            Assert.Equal("DisciplineReview", journal[^1].ToStatus);
        }
    }

    [Fact]
    public async Task Withdrawal_and_approval_racing_on_the_same_report_let_exactly_one_through()
    {
        var drafter = await app.ClientForAsync(Unit.Drafter);
        var secretary = await app.ClientForAsync(Unit.Secretary);
        var reports = await CreateReportsAsync("SecretaryReview");

        var outcomes = await Race.RunAsync(reports,
            id => drafter.PostJsonAsync($"/api/reports/{id}/withdraw"),
            id => secretary.PostJsonAsync($"/api/reports/{id}/approve"),
            id => secretary.PostJsonAsync($"/api/reports/{id}/return", new { comment = "请补充。" }));

        foreach (var report in reports)
        {
            await AssertOneWinnerAsync(outcomes[report]);
            var decisions = (await JournalAsync(report)).Where(j => j.Action is "Withdrawn" or "Approved" or "Returned").ToList();
            Assert.Single(decisions);
        }
    }

    [Fact]
    public async Task Parallel_creation_of_the_same_years_report_keeps_one_and_names_the_conflict()
    {
        HttpClient[] drafters = [await app.ClientForAsync(Unit.Drafter), await app.ClientForAsync(Unit.Drafter)];
        var years = Enumerable.Range(0, ReportCount).Select(_ => app.NextYear(Unit)).ToList();

        var outcomes = await Race.RunAsync(years, Enumerable.Range(0, 4)
            .Select(i => (Func<int, Task<HttpResponseMessage>>)(year =>
                drafters[i % 2].PostJsonAsync("/api/reports", new { title = $"{year}年度报告（{i}）", year, body = ReportScenarios.Body })))
            .ToArray());

        var list = await (await app.SharedClientAsync(Unit.Drafter)).GetAsync("/api/reports").ExpectAsync<ApiContract.ReportListItem[]>(HttpStatusCode.OK);
        foreach (var (year, responses) in outcomes)
        {
            await AssertOneWinnerAsync(responses, HttpStatusCode.Created, "report-exists");
            Assert.Single(list, r => r.Year == year);
        }
    }

    private async Task<List<Guid>> CreateReportsAsync(string status)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < ReportCount; i++)
            ids.Add((await app.CreateReportAsync(Unit, status)).Id);
        return ids;
    }

    /// <summary>
    /// One answer is <paramref name="success"/>, the others 409 problems of the given types; by default concurrent-update
    /// (both read the same version) or invalid-state (the loser read the report after the winner's commit).
    /// </summary>
    private static async Task AssertOneWinnerAsync(HttpResponseMessage[] responses, HttpStatusCode success = HttpStatusCode.OK,
        params string[] conflicts)
    {
        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.True(statuses.Count(s => s == (int)success) == 1, $"expected one {(int)success} and the rest 409, got " + string.Join(", ", statuses));
        foreach (var loser in responses.Where(r => r.StatusCode != success))
            await loser.AssertProblemAsync(HttpStatusCode.Conflict, conflicts.Length > 0 ? conflicts : ["concurrent-update", "invalid-state"]);
    }

    private async Task<ApiContract.JournalEntry[]> JournalAsync(Guid id) =>
        await (await app.SharedClientAsync(Unit.Drafter)).GetAsync($"/api/reports/{id}/journal")
            .ExpectAsync<ApiContract.JournalEntry[]>(HttpStatusCode.OK);
}

/// <summary>The race on SQLite, the embedded default.</summary>
public sealed class ConcurrentDecisionApiTests(AppFactory app) : ConcurrentDecisionApiCases<AppFactory>(app);

/// <summary>The same race on PostgreSQL, where xmin is the concurrency token.</summary>
public sealed class ConcurrentDecisionApiTestsOnPostgreSql(PostgresAppFactory app) : ConcurrentDecisionApiCases<PostgresAppFactory>(app);
