using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Calendar;
using Workflow.Activities.Reports;
using Workflow.Host.Delegations;
using Workflow.Host.Reminders;

namespace Workflow.Host.Tests;

/// <summary>
/// 委托 in the host: while it runs the delegate finds the delegator's step in his 待办 and gets its reminders (one each, his own
/// key); the day after its last day it has ended by itself and the report is "not found" to him again.
/// </summary>
public abstract class DelegationHostCases<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    [Fact]
    public async Task The_delegate_gets_the_step_and_its_reminders_until_the_range_ends_by_itself()
    {
        var reportId = await fixture.ReportIdAsync(HostScenarios.DemoUnitId("Shengtai"), 2026);
        var principal = await fixture.UserAsync("secretary.shengtai");
        var standIn = await fixture.UserAsync("secretary.kexie");
        var today = ChinaTime.Today(fixture.Clock);
        await fixture.InScopeAsync<DelegationService, Workflow.Activities.Delegations.Delegation>(d =>
            d.SetAsync(principal, standIn.User.Id, today, today.AddDays(1)));

        var row = Assert.Single(await fixture.InboxAsync("secretary.kexie"), r => r.Id == reportId);
        Assert.Equal(ReportStatus.SecretaryReview, row.ReportStatus);
        Assert.Contains("陈刚", row.OnBehalfOf);

        await fixture.InScopeAsync<ReminderSweep, int>(s => s.SweepAsync());
        var keys = await fixture.ReadAsync(db => db.Notifications.Where(n => n.Key.StartsWith($"review:{reportId}:")).Select(n => n.Key).ToListAsync());
        var forPrincipal = keys.Where(k => k.EndsWith(":" + principal.User.Id)).Select(k => k[..k.LastIndexOf(':')]).ToList();
        var forStandIn = keys.Where(k => k.EndsWith(":" + standIn.User.Id)).Select(k => k[..k.LastIndexOf(':')]).ToList();
        Assert.NotEmpty(forPrincipal);
        Assert.Equal(forPrincipal.Order(), forStandIn.Order());

        var seen = await fixture.ReportsAsync(async s => await s.GetAsync(await fixture.UserAsync("secretary.kexie"), reportId));
        Assert.Equal(reportId, seen.Id);

        fixture.Clock.Advance(TimeSpan.FromDays(2));
        var after = await fixture.UserAsync("secretary.kexie");
        Assert.Empty(after.Principals);
        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() => fixture.ReportsAsync(s => s.GetAsync(after, reportId)));
        Assert.Equal(RuleViolation.NotFound, refused.Violation);
        Assert.DoesNotContain(await fixture.InboxAsync("secretary.kexie"), r => r.Id == reportId);
    }
}

public sealed class DelegationHostTests(HostFixture fixture) : DelegationHostCases<HostFixture>(fixture);

public sealed class DelegationHostTestsOnPostgreSql(PostgresHostFixture fixture) : DelegationHostCases<PostgresHostFixture>(fixture);
