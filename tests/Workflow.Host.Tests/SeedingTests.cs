using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflow.Activities;
using Workflow.Activities.Reports;
using Workflow.Host.Data;

namespace Workflow.Host.Tests;

/// <summary>Start-up creates the database file, publishes route v1 and seeds the demo data exactly once.</summary>
public sealed class SeedingTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Start_creates_the_sqlite_file_and_seeding_twice_changes_nothing()
    {
        Assert.True(File.Exists(Path.Combine(fixture.DataDirectory, "approvalflow.db")));
        await using (var scope = fixture.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(1, await db.Routes.CountAsync());
            // The demo users and leader.jiguan, who holds the added role 分管领导 (角色管理).
            Assert.Equal(21, await db.Users.CountAsync());
        }
        var before = await CountsAsync();

        await fixture.Services.InitializeApprovalFlowAsync();

        Assert.Equal(before, await CountsAsync());
        var statuses = await StatusesAsync();
        foreach (var status in ReportStatus.Standard)
            Assert.Contains(status, statuses);
    }

    [Fact]
    public async Task Start_recreates_a_missing_built_in_role_and_duplicates_none()
    {
        var missing = RoleNames.All.Last();
        await using (var scope = fixture.Scope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            var role = await roles.FindByNameAsync(missing);
            Assert.NotNull(role);
            Assert.True((await roles.DeleteAsync(role)).Succeeded);
        }

        await fixture.Services.InitializeApprovalFlowAsync();
        await fixture.Services.InitializeApprovalFlowAsync();

        await using (var scope = fixture.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var names = await db.Roles.Select(r => r.Name!).ToListAsync();
            Assert.Contains(missing, names);
            foreach (var name in RoleNames.All)
                Assert.Single(names, n => n == name);
        }
    }

    private async Task<(int, int, int, int)> CountsAsync()
    {
        await using var scope = fixture.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Units.CountAsync(), await db.Users.CountAsync(), await db.Reports.CountAsync(), await db.ReportJournal.CountAsync());
    }

    private async Task<List<ReportStatus>> StatusesAsync()
    {
        await using var scope = fixture.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Reports.Select(r => r.Status).Distinct().ToListAsync();
    }
}
