using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Admin;

namespace Workflow.Host.Tests.Admin;

/// <summary>Publishing a route version: limits of one to sixty working days, never from a stale form, always max+1.</summary>
public sealed class RoutePublishingServiceTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_new_version_copies_the_latest_steps_with_the_new_time_limits()
    {
        await using var scope = fixture.Scope();
        var admin = scope.ServiceProvider.GetRequiredService<AdminService>();
        var v1 = await admin.LatestRouteAsync();
        Assert.Equal(1, v1.Version);

        var refused = await admin.PublishRouteVersionAsync(1, [0, null, 61]);
        Assert.Equal(["TimeLimits[0]", "TimeLimits[1]", "TimeLimits[2]"], refused.Errors.Select(e => e.Field));
        Assert.Equal("“纪检监察组审核”的时限须为1至60个工作日。", refused.Errors[1].Message);
        Assert.Equal("各环节时限与当前版本相同，无需发布新版本。",
            (await admin.PublishRouteVersionAsync(1, [3, 5, 5])).Errors.Single().Message);
        Assert.Equal("当前流程有3个审核环节，请为每个环节填写时限。", (await admin.PublishRouteVersionAsync(1, [3, 5])).Errors.Single().Message);

        fixture.Clock.Advance(TimeSpan.FromDays(2));
        var published = await admin.PublishRouteVersionAsync(1, [1, 60, 10]);

        Assert.True(published.Succeeded, string.Join(" ", published.Errors));
        var v2 = await admin.LatestRouteAsync();
        Assert.Equal(2, v2.Version);
        Assert.Equal(v1.Name, v2.Name);
        Assert.Equal(fixture.Clock.GetUtcNow(), v2.PublishedAt);
        Assert.Equal(v1.Steps.Select(s => (s.Status, s.Role, s.Name, 0)), v2.Steps.Select(s => (s.Status, s.Role, s.Name, 0)));
        Assert.Equal([1, 60, 10], v2.Steps.Select(s => s.TimeLimitWorkingDays));
        Assert.Equal([3, 5, 5], (await admin.ListRoutesAsync()).Single(r => r.Version == 1).Steps.Select(s => s.TimeLimitWorkingDays));

        var stale = await admin.PublishRouteVersionAsync(1, [4, 4, 4]);
        Assert.Equal("流程刚刚已发布了新版本 v2，请刷新页面，在最新版本基础上修改。", stale.Errors.Single().Message);
        Assert.Equal(2, (await admin.LatestRouteAsync()).Version);
        Assert.True((await admin.PublishRouteVersionAsync(2, [2, 2, 2])).Succeeded);
        Assert.Equal([3, 2, 1], (await admin.ListRoutesAsync()).Select(r => r.Version));
    }
}
