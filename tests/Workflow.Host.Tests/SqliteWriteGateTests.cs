using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Organization;
using Workflow.Host.Data;

namespace Workflow.Host.Tests;

/// <summary>On SQLite the saves of one process take turns at the file (SqliteWriteGate) instead of polling its lock.</summary>
public sealed class SqliteWriteGateTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly TimeSpan Stuck = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_save_waits_for_the_writer_before_it_and_commits_when_that_one_is_done()
    {
        await using var first = host.Scope();
        var turn = await SqliteWriteGate.EnterAsync(Db(first), CancellationToken.None);
        Assert.NotNull(turn);

        await using var second = host.Scope();
        var unit = NewUnit();
        Db(second).Units.Add(unit);
        var save = Db(second).SaveChangesAsync();
        // SQLite's calls complete synchronously: a save that has not finished here is queued behind the turn.
        Assert.False(save.IsCompleted);

        turn!.Dispose();
        await save.WaitAsync(Stuck);
        Assert.True(await host.ReadAsync(db => db.Units.AnyAsync(u => u.Id == unit.Id)));
    }

    [Fact]
    public async Task A_save_inside_the_callers_own_transaction_is_not_queued_and_a_failed_save_gives_up_its_turn()
    {
        await using var other = host.Scope();
        var turn = await SqliteWriteGate.EnterAsync(Db(other), CancellationToken.None);
        await using (var scope = host.Scope())
        {
            var db = Db(scope);
            // The caller's transaction already waited for SQLite's own lock; queueing its saves again could only deadlock.
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Units.Add(NewUnit());
            await db.SaveChangesAsync().WaitAsync(Stuck);
            await transaction.CommitAsync();
        }
        turn!.Dispose();

        await using (var scope = host.Scope())
        {
            var db = Db(scope);
            var taken = await db.Units.AsNoTracking().FirstAsync();
            db.Units.Add(new Unit(Guid.NewGuid(), "重复单位", taken.Code, taken.Kind));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using (var scope = host.Scope())
        {
            Db(scope).Units.Add(NewUnit());
            await Db(scope).SaveChangesAsync().WaitAsync(Stuck);
        }
    }

    private static AppDbContext Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<AppDbContext>();

    private static Unit NewUnit()
    {
        var code = Guid.NewGuid().ToString("N")[..12];
        return new Unit(Guid.NewGuid(), "排队单位" + code, code, UnitKind.Agency);
    }
}
