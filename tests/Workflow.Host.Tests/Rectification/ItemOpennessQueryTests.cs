using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Rectification;
using Workflow.Host.Rectification;
using Workflow.Host.Seeding;

namespace Workflow.Host.Tests.Rectification;

/// <summary>
/// Item openness has one home, <see cref="RectificationItem.OpenExpression"/>: run as SQL by the ledger and the reminder sweep, and
/// compiled by <see cref="RectificationItem.IsOpen"/>. On each provider the database picks exactly the items the domain calls open
/// (and overdue), whatever their status.
/// </summary>
public abstract class ItemOpennessQueryCases<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    [Fact]
    public async Task The_database_and_the_item_agree_on_open_and_overdue_for_every_status()
    {
        var today = await InScopeAsync<RectificationLedger, DateOnly>(s => Task.FromResult(s.Today));
        foreach (var status in Enum.GetValues<RectificationStatus>())
        foreach (var deadline in new DateOnly?[] { null, today.AddDays(-1), today, today.AddDays(1) })
            await CreateInAsync(status, deadline, today);

        var items = await fixture.ReadAsync(db => db.RectificationItems.AsNoTracking().Where(i => i.UnitId == DemoSeeder.Kexie).ToListAsync());
        Assert.Equal(Enum.GetValues<RectificationStatus>(), items.Select(i => i.Status).Distinct().Order());
        var open = await fixture.ReadAsync(db => db.RectificationItems.Where(i => i.UnitId == DemoSeeder.Kexie)
            .Where(RectificationItem.OpenExpression).Select(i => i.Id).ToListAsync());
        Assert.Equal(items.Where(i => i.IsOpen).Select(i => i.Id).Order(), open.Order());
        Assert.Contains(items, i => i.IsOpen);
        Assert.Contains(items, i => !i.IsOpen);
        foreach (var day in new[] { today.AddDays(-1), today, today.AddDays(1), today.AddDays(400) })
        {
            var overdue = await fixture.ReadAsync(db => db.RectificationItems.Where(i => i.UnitId == DemoSeeder.Kexie)
                .Where(RectificationItem.OverdueOn(day)).Select(i => i.Id).ToListAsync());
            Assert.Equal(items.Where(i => i.IsOverdue(day)).Select(i => i.Id).Order(), overdue.Order());
        }
        Assert.Contains(items, i => i.IsOverdue(today));
    }

    /// <summary>An item of 市科协 walked through the use cases to <paramref name="status"/>.</summary>
    private async Task CreateInAsync(RectificationStatus status, DateOnly? deadline, DateOnly today)
    {
        var drafter = await fixture.UserAsync("drafter.kexie");
        var secretary = await fixture.UserAsync("secretary.kexie");
        var item = await InScopeAsync<RectificationIntake, RectificationItem>(s => s.CreateAsync(drafter, null, RectificationSource.Inspection,
            new ItemInput(null, $"{status}（{deadline}）", null, null, null, null, deadline)));
        if (status == RectificationStatus.LongTerm)
            await InScopeAsync<RectificationCommands, RectificationItem>(s => s.MarkLongTermAsync(drafter, item.Id, "需长期坚持", today.AddDays(30)));
        if (status is RectificationStatus.InProgress or RectificationStatus.ClosureRequested or RectificationStatus.Closed)
            await InScopeAsync<RectificationCommands, RectificationItem>(s => s.StartAsync(drafter, item.Id));
        if (status is RectificationStatus.ClosureRequested or RectificationStatus.Closed)
            await InScopeAsync<RectificationCommands, RectificationItem>(s => s.RequestClosureAsync(drafter, item.Id, "已修订制度"));
        if (status == RectificationStatus.Closed)
            await InScopeAsync<RectificationCommands, RectificationItem>(s => s.ApproveClosureAsync(secretary, item.Id, null));
    }

    private async Task<T> InScopeAsync<TService, T>(Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = fixture.Scope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }
}

/// <summary>The cases on SQLite, the embedded default.</summary>
public sealed class ItemOpennessQueryTests(HostFixture fixture) : ItemOpennessQueryCases<HostFixture>(fixture);

/// <summary>The same cases on PostgreSQL.</summary>
public sealed class ItemOpennessQueryTestsOnPostgreSql(PostgresHostFixture fixture) : ItemOpennessQueryCases<PostgresHostFixture>(fixture);
