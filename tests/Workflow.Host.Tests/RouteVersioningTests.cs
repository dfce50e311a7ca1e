using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using Workflow.Host.Routes;
using Workflow.Host.Seeding;

namespace Workflow.Host.Tests;

/// <summary>Publishing a new route version through the database: reports in flight keep theirs, new reports take the latest.</summary>
public sealed class RouteVersioningTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly RouteStep[] ShortRoute =
    [
        RouteStep.For(ReportStatus.SecretaryReview, RoleNames.PartySecretary, "党组书记审核", 2),
        RouteStep.For(ReportStatus.CommitteeReview, RoleNames.Committee, "市直机关工委审核", 10, checksGate: true),
    ];

    [Fact]
    public async Task Publishing_stores_the_next_version_with_its_steps_and_lists_every_version_oldest_first()
    {
        var before = await RoutesAsync(s => s.ListAsync());
        fixture.Clock.Advance(TimeSpan.FromDays(1));

        var published = await RoutesAsync(s => s.PublishAsync("简化审核流程", ShortRoute));
        var again = await RoutesAsync(s => s.PublishAsync("简化审核流程（修订）", [ShortRoute[1], ShortRoute[0]]));

        Assert.Equal(before.Max(r => r.Version) + 1, published.Version);
        Assert.Equal(published.Version + 1, again.Version);
        var after = await RoutesAsync(s => s.ListAsync());
        Assert.Equal(before.Select(r => r.Version).Concat([published.Version, again.Version]), after.Select(r => r.Version));
        var stored = after.Single(r => r.Version == published.Version);
        Assert.Equal(("简化审核流程", fixture.Clock.GetUtcNow()), (stored.Name, stored.PublishedAt));
        Assert.Equal(ShortRoute, stored.Steps);
        Assert.Equal(1, after[0].Version);
        Assert.Equal(RouteDefinition.StandardV1(fixture.Clock.GetUtcNow()).Steps, after[0].Steps);
    }

    [Fact]
    public async Task Publishing_an_invalid_route_stores_nothing()
    {
        var before = (await RoutesAsync(s => s.ListAsync())).Count;

        await Assert.ThrowsAnyAsync<ArgumentException>(() => RoutesAsync(s => s.PublishAsync("空流程", [])));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => RoutesAsync(s => s.PublishAsync("错误", [ShortRoute[0] with { TimeLimitWorkingDays = 0 }])));

        Assert.Equal(before, (await RoutesAsync(s => s.ListAsync())).Count);
    }

    [Fact]
    public async Task After_publishing_a_new_version_a_report_in_flight_follows_its_old_route_and_a_new_report_the_new_one()
    {
        var inFlightId = await fixture.ReportIdAsync(DemoSeeder.Shengtai, 2026);
        Assert.Equal(1, (await fixture.ReloadAsync(inFlightId)).RouteVersion);

        var published = await RoutesAsync(s => s.PublishAsync("简化审核流程", ShortRoute));

        await fixture.ExecuteAsync("secretary.shengtai", inFlightId, ReportCommand.Approve);
        var inFlight = await fixture.ReloadAsync(inFlightId);
        Assert.Equal((1, 1, ReportStatus.DisciplineReview), (inFlight.RouteVersion, inFlight.Route.Version, inFlight.Status));
        Assert.Equal(5, inFlight.CurrentStep!.TimeLimitWorkingDays);
        Assert.Contains(await fixture.InboxAsync("inspector.team1"), i => i.Id == inFlightId);

        var created = await fixture.CreateAsync("drafter.kexie", 2030);
        await fixture.ExecuteAsync("drafter.kexie", created.Id, ReportCommand.Submit);
        Assert.Equal(2, (await fixture.ReloadAsync(created.Id)).CurrentStep!.TimeLimitWorkingDays);
        await fixture.ExecuteAsync("secretary.kexie", created.Id, ReportCommand.Approve);

        var fresh = await fixture.ReloadAsync(created.Id);
        Assert.Equal((published.Version, published.Version, ReportStatus.CommitteeReview), (fresh.RouteVersion, fresh.Route.Version, fresh.Status));
        Assert.Equal(ShortRoute, fresh.Route.Steps);
        Assert.Equal(10, fresh.CurrentStep!.TimeLimitWorkingDays);
        Assert.DoesNotContain(await fixture.InboxAsync("inspector.team1"), i => i.Id == created.Id);
        Assert.Contains(await fixture.InboxAsync("committee.gongwei"), i => i.Id == created.Id);
        var listed = await fixture.ReportsAsync(async s => await s.ListAsync(await fixture.UserAsync("drafter.kexie")));
        Assert.Equal(published.Version, listed.Single(r => r.Id == created.Id).RouteVersion);
    }

    [Fact]
    public async Task Publishers_racing_each_other_never_share_a_version_and_the_losers_get_a_conflict()
    {
        var before = (await RoutesAsync(s => s.ListAsync())).Max(r => r.Version);

        var attempts = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => Task.Run(async () =>
        {
            try { return (Version: (await RoutesAsync(s => s.PublishAsync($"并发发布{i}", ShortRoute))).Version, Code: ""); }
            catch (WorkflowRuleException e) when (e.Violation == RuleViolation.Conflict) { return (Version: 0, e.Code); }
        })));

        var won = attempts.Where(a => a.Version > 0).Select(a => a.Version).Order().ToList();
        Assert.NotEmpty(won);
        Assert.Equal(Enumerable.Range(before + 1, won.Count), won);
        Assert.All(attempts.Where(a => a.Version == 0), a => Assert.Equal("route-version-taken", a.Code));
        Assert.Equal(before + won.Count, (await RoutesAsync(s => s.ListAsync())).Max(r => r.Version));
    }

    private async Task<T> RoutesAsync<T>(Func<RouteService, Task<T>> work)
    {
        await using var scope = fixture.Scope();
        return await work(scope.ServiceProvider.GetRequiredService<RouteService>());
    }
}
