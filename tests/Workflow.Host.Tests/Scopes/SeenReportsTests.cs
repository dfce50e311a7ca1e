using Workflow.Activities.Calendar;
using Workflow.Activities.Reports;
using Workflow.Host.Delegations;

namespace Workflow.Host.Tests.Scopes;

/// <summary>
/// A request checks a report's visibility once for all the sections it reads (<c>ReportService</c> remembers it for the scope),
/// but a save in the same request forgets it: a stand-in (委托) who has just approved no longer sees the report his decision moved
/// on, and a read after the decision is "not found", as in a request of its own.
/// </summary>
public abstract class SeenReportsCases<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    [Fact]
    public async Task A_save_in_the_request_forgets_what_the_request_found_visible()
    {
        var drafter = await fixture.UserAsync("drafter.shengtai");
        var report = await fixture.CreateAsync("drafter.shengtai", 2031);
        await fixture.ReportsAsync(s => s.SubmitAsync(drafter, report.Id));
        var principal = await fixture.UserAsync("secretary.shengtai");
        var today = ChinaTime.Today(fixture.Clock);
        var standInId = (await fixture.UserAsync("secretary.kexie")).User.Id;
        await fixture.InScopeAsync<DelegationService, Workflow.Activities.Delegations.Delegation>(d =>
            d.SetAsync(principal, standInId, today, today.AddDays(1)));
        var standIn = await fixture.UserAsync("secretary.kexie");

        var refused = await fixture.ReportsAsync(async s =>
        {
            Assert.NotEmpty(await s.JournalAsync(standIn, report.Id));
            Assert.NotEmpty(await s.RevisionsAsync(standIn, report.Id));
            var approved = await s.ApproveAsync(standIn, report.Id, "同意。");
            Assert.Equal(ReportStatus.DisciplineReview, approved.Status);
            return await Assert.ThrowsAsync<WorkflowRuleException>(() => s.JournalAsync(standIn, report.Id));
        });
        Assert.Equal(RuleViolation.NotFound, refused.Violation);
    }
}

public sealed class SeenReportsTests(HostFixture fixture) : SeenReportsCases<HostFixture>(fixture);

public sealed class SeenReportsTestsOnPostgreSql(PostgresHostFixture fixture) : SeenReportsCases<PostgresHostFixture>(fixture);
