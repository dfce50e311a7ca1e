using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities;
using Workflow.Activities.Cycles;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Reminders;
using Workflow.Host.Routes;
using Workflow.Host.Seeding;

namespace Workflow.Host.Tests;

/// <summary>
/// A five-step route published for 市科协 alone, through the real database: 办公室核稿 in the unit (a role of its own), the
/// secretary, the stationed team, the second team by name, the committee with the checks gate.
/// </summary>
public sealed class CustomRouteTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string OfficeRole = "OfficeDirector";

    private static readonly RouteStep[] FiveSteps =
    [
        new("OfficeReview", "办公室核稿", StepDecider.OwnUnit(OfficeRole), 2),
        new("SecretaryReview", "党组书记审核", StepDecider.OwnUnit(RoleNames.PartySecretary), 3),
        new("DisciplineReview", "纪检监察组审核", StepDecider.InspectionTeam(), 5),
        new("TeamTwoReview", "第二纪检监察组复核", StepDecider.Named(DemoSeeder.Team2, RoleNames.DisciplineInspector), 4),
        new("CommitteeReview", "市直机关工委审定", StepDecider.Supervisor(), 5, ChecksGate: true),
    ];

    private static readonly ReportStatus OfficeReview = new("OfficeReview");
    private static readonly ReportStatus TeamTwoReview = new("TeamTwoReview");

    private async Task<RouteDefinition> PublishForKexieAsync()
    {
        await using var scope = fixture.Scope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(OfficeRole)) await roles.CreateAsync(new IdentityRole(OfficeRole));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync("office.kexie") is null)
        {
            var office = new AppUser { UserName = "office.kexie", DisplayName = "科协办公室主任", Email = "office.kexie@example.cn", UnitId = DemoSeeder.Kexie };
            Assert.True((await users.CreateAsync(office, HostFixture.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(office, OfficeRole)).Succeeded);
        }
        var service = scope.ServiceProvider.GetRequiredService<RouteService>();
        return await service.PublishAsync("科协五环节流程", FiveSteps, [DemoSeeder.Kexie]);
    }

    [Fact]
    public async Task A_report_goes_through_five_steps_with_the_right_deciders_and_a_return_from_a_named_unit_comes_back_to_it()
    {
        var route = await PublishForKexieAsync();
        var report = await fixture.CreateAsync("drafter.kexie", 2031);
        Assert.Equal(route.Version, report.RouteVersion);
        var other = await fixture.CreateAsync("drafter.shengtai", 2031);
        Assert.NotEqual(route.Version, other.RouteVersion);

        await fixture.ExecuteAsync("drafter.kexie", report.Id, ReportCommand.Submit);
        Assert.Equal(OfficeReview, (await fixture.ReloadAsync(report.Id)).Status);
        var officeTodo = Assert.Single(await fixture.InboxAsync("office.kexie"), r => r.Id == report.Id);
        Assert.Equal("办公室核稿", officeTodo.State);
        Assert.DoesNotContain(await fixture.InboxAsync("secretary.kexie"), r => r.Id == report.Id);

        // 报送情况 names the office as holder; the sweep reminds it at the step entry.
        var holders = await HoldersAsync(report.Id);
        Assert.Equal(["科协办公室主任"], holders);
        await SweepAsync();
        var officeId = (await fixture.UserAsync("office.kexie")).User.Id;
        Assert.True(await fixture.ReadAsync(db => db.Notifications.AnyAsync(n => n.SubjectId == report.Id && n.UserId == officeId)));

        await fixture.ExecuteAsync("office.kexie", report.Id, ReportCommand.Approve);
        await fixture.ExecuteAsync("secretary.kexie", report.Id, ReportCommand.Approve);
        await fixture.ExecuteAsync("inspector.team1", report.Id, ReportCommand.Approve);
        Assert.Equal(TeamTwoReview, (await fixture.ReloadAsync(report.Id)).Status);

        // The named second team sees and decides it; the stationed team holds the role but not the unit.
        Assert.Contains(await fixture.InboxAsync("inspector.team2"), r => r.Id == report.Id);
        Assert.DoesNotContain(await fixture.InboxAsync("inspector.team1"), r => r.Id == report.Id);
        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() => fixture.ExecuteAsync("inspector.team1", report.Id, ReportCommand.Approve));
        Assert.Equal((RuleViolation.Forbidden, "not-your-step"), (refused.Violation, refused.Code));

        await fixture.ExecuteAsync("inspector.team2", report.Id, ReportCommand.Return, "请补充整改措施。");
        Assert.Equal(ReportStatus.Returned, (await fixture.ReloadAsync(report.Id)).Status);
        await fixture.ExecuteAsync("drafter.kexie", report.Id, ReportCommand.Submit);
        Assert.Equal(TeamTwoReview, (await fixture.ReloadAsync(report.Id)).Status);

        await fixture.ExecuteAsync("inspector.team2", report.Id, ReportCommand.Approve);
        await fixture.ExecuteAsync("committee.gongwei", report.Id, ReportCommand.Approve);
        var done = await fixture.ReloadAsync(report.Id);
        Assert.Equal(ReportStatus.Approved, done.Status);
        Assert.Equal(["Draft", "OfficeReview", "SecretaryReview", "DisciplineReview", "TeamTwoReview", "Returned", "TeamTwoReview", "CommitteeReview", "Approved"],
            (await fixture.JournalAsync(report.Id)).Select(j => j.ToStatus.Key));
    }

    [Fact]
    public async Task A_route_version_stored_in_the_old_shape_loads_with_the_deciders_and_gate_the_fixed_route_had()
    {
        await fixture.ReadAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"Routes\" SET \"Steps\" = {0} WHERE \"Version\" = 1",
            """[{"Status":"SecretaryReview","Role":"PartySecretary","Name":"党组书记审核","TimeLimitWorkingDays":3},""" +
            """{"Status":"DisciplineReview","Role":"DisciplineInspector","Name":"纪检监察组审核","TimeLimitWorkingDays":5},""" +
            """{"Status":"CommitteeReview","Role":"Committee","Name":"市直机关工委审核","TimeLimitWorkingDays":5}]"""));

        var v1 = await fixture.ReadAsync(db => db.Routes.AsNoTracking().SingleAsync(r => r.Version == 1));

        Assert.Equal(RouteDefinition.StandardV1(v1.PublishedAt).Steps, v1.Steps);
        Assert.Empty(v1.AppliesTo);
        Assert.Equal([false, false, true], v1.Steps.Select(s => s.ChecksGate));
        Assert.Equal([DeciderKind.OwnUnit, DeciderKind.InspectionTeam, DeciderKind.Supervisor], v1.Steps.Select(s => s.Decider.Kind));
    }

    private async Task<IReadOnlyList<string>> HoldersAsync(Guid reportId)
    {
        var report = await fixture.ReloadAsync(reportId);
        return await fixture.ReadAsync(async db =>
            (await Recipients.DecidingAsync(db, report.UnitId, report.CurrentStep!, default)).Select(r => r.Name).ToList() as IReadOnlyList<string>);
    }

    private async Task SweepAsync()
    {
        await using var scope = fixture.Scope();
        await scope.ServiceProvider.GetRequiredService<ReminderSweep>().SweepAsync();
    }
}
