using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Data;

namespace Workflow.Host.Tests;

/// <summary>Demo users with a known password must never appear in a production database.</summary>
public sealed class ProductionSeedingTests : IAsyncLifetime
{
    private sealed class ProductionHost : HostFixture
    {
        protected override string EnvironmentName => "Production";
    }

    private readonly ProductionHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Demo_seed_is_refused_in_production_but_the_route_and_calendar_are_in_place()
    {
        await using var scope = _host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.Reports.CountAsync());
        Assert.Equal(0, await db.Units.CountAsync());
        Assert.Equal(1, await db.Routes.CountAsync());
        Assert.True(await db.CalendarDays.AnyAsync());
    }
}
