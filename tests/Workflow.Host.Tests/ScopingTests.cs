using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities;
using Workflow.Activities.Reports;
using Workflow.Host.Identity;
using Workflow.Host.Seeding;

namespace Workflow.Host.Tests;

/// <summary>Each user sees the reports of the units he covers and nothing else; outside them a report "does not exist".</summary>
public abstract class ScopingTestsCases<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    [Theory]
    [InlineData("drafter.kexie", new[] { "市科协" })]
    [InlineData("secretary.shengtai", new[] { "生态环境局" })]
    [InlineData("inspector.team1", new[] { "市机关事务管理局", "市科协", "市统计局", "生态环境局" })]
    [InlineData("inspector.team2", new[] { "市人大常委会机关", "市审计局", "市海事法院" })]
    [InlineData("committee.gongwei", new[] { "市人大常委会机关", "市审计局", "市机关事务管理局", "市海事法院", "市科协", "市统计局", "生态环境局" })]
    [InlineData("admin", new string[0])]
    public async Task A_user_covers_exactly_the_units_of_his_post(string userName, string[] expectedUnits)
    {
        var user = await fixture.UserAsync(userName);

        var names = await fixture.ReadAsync(db => db.Units.Where(u => user.VisibleUnitIds.Contains(u.Id)).Select(u => u.Name).ToListAsync());

        Assert.Equal(expectedUnits.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.Equal(expectedUnits.Length, user.VisibleUnitIds.Count);
    }

    [Theory]
    [InlineData("drafter.kexie", RoleNames.Drafter, "王丽（市科协办公室）")]
    [InlineData("inspector.team1", RoleNames.DisciplineInspector, "刘洋（派驻第一纪检监察组）")]
    [InlineData("committee.gongwei", RoleNames.Committee, "马骏（市直机关工委）")]
    public async Task The_directory_loads_the_users_roles_and_name_as_the_domain_actor(string userName, string role, string displayName)
    {
        var user = await fixture.UserAsync(userName);

        Assert.Equal([role], user.Actor.Roles);
        Assert.Equal(displayName, user.Actor.DisplayName);
        Assert.Equal(user.User.Id, user.Actor.UserId);
    }

    [Fact]
    public async Task An_unknown_user_id_loads_as_nobody()
    {
        await using var scope = fixture.Scope();

        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserDirectory>().LoadAsync("no-such-user"));
    }

    [Theory]
    [InlineData("drafter.kexie", "Shengtai")]
    [InlineData("secretary.kexie", "Haishi")]
    [InlineData("inspector.team1", "Haishi")]
    [InlineData("inspector.team2", "Shengtai")]
    [InlineData("admin", "Kexie")]
    public async Task Reading_a_report_of_a_unit_the_user_does_not_cover_is_not_found(string userName, string unit)
    {
        var user = await fixture.UserAsync(userName);
        var id = await fixture.ReportIdAsync(HostScenarios.DemoUnitId(unit), 2026);

        var refusal = await Assert.ThrowsAsync<WorkflowRuleException>(() => fixture.ReportsAsync(s => s.GetAsync(user, id)));
        Assert.Equal((RuleViolation.NotFound, "report-not-found"), (refusal.Violation, refusal.Code));
        await Assert.ThrowsAsync<WorkflowRuleException>(() => fixture.ReportsAsync(s => s.JournalAsync(user, id)));
        await Assert.ThrowsAsync<WorkflowRuleException>(() => fixture.ReportsAsync(s => s.RevisionsAsync(user, id)));
        await Assert.ThrowsAsync<WorkflowRuleException>(() => fixture.ReportsAsync(s => s.RevisionAsync(user, id, 1)));
    }

    [Theory]
    [InlineData("drafter.shengtai", "Shengtai")]
    [InlineData("inspector.team1", "Kexie")]
    [InlineData("inspector.team1", "Shengtai")]
    [InlineData("committee.gongwei", "Haishi")]
    [InlineData("committee.gongwei", "Renda")]
    public async Task Reading_a_report_of_a_covered_unit_returns_it_with_its_route(string userName, string unit)
    {
        var user = await fixture.UserAsync(userName);
        var id = await fixture.ReportIdAsync(HostScenarios.DemoUnitId(unit), 2026);

        var report = await fixture.ReportsAsync(s => s.GetAsync(user, id));

        Assert.Equal(id, report.Id);
        Assert.Equal(1, report.Route.Version);
        Assert.Equal(3, report.Route.Steps.Count);
        Assert.NotEmpty(await fixture.ReportsAsync(s => s.JournalAsync(user, id)));
    }

    [Fact]
    public async Task Acting_on_another_units_report_is_not_found_and_changes_nothing()
    {
        var id = await fixture.ReportIdAsync(DemoSeeder.Shengtai, 2026);
        var before = await fixture.ReloadAsync(id);

        var refusal = await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            fixture.ExecuteAsync("secretary.kexie", id, ReportCommand.Approve));

        Assert.Equal(RuleViolation.NotFound, refusal.Violation);
        var after = await fixture.ReloadAsync(id);
        Assert.Equal((before.Status, before.JournalSequence), (after.Status, after.JournalSequence));
    }

    [Theory]
    [InlineData("drafter.kexie", new[] { "Kexie" })]
    [InlineData("inspector.team2", new[] { "Haishi", "Renda", "Shenji" })]
    [InlineData("committee.gongwei", new[] { "Kexie", "Shengtai", "Haishi", "Renda", "Tongji", "Shenji" })]
    public async Task The_report_list_holds_only_reports_of_covered_units(string userName, string[] units)
    {
        var user = await fixture.UserAsync(userName);

        var list = await fixture.ReportsAsync(s => s.ListAsync(user));

        Assert.NotEmpty(list);
        Assert.All(list, r => Assert.Contains(r.UnitId, units.Select(HostScenarios.DemoUnitId)));
        Assert.Equal(units.Select(HostScenarios.DemoUnitId).Order(), list.Select(r => r.UnitId).Distinct().Order());
    }
}

/// <summary>The cases on SQLite, the embedded default.</summary>
public sealed class ScopingTests(HostFixture fixture) : ScopingTestsCases<HostFixture>(fixture);

/// <summary>The same cases on PostgreSQL.</summary>
public sealed class ScopingTestsOnPostgreSql(PostgresHostFixture fixture) : ScopingTestsCases<PostgresHostFixture>(fixture);
