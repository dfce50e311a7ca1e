using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Data;
using Workflow.Host.Security;

namespace Workflow.Host.Tests.Security;

/// <summary>The security audit log: every kind is stored, the rows survive a rolled-back request, nobody edits or deletes them, only the purge removes old ones.</summary>
public abstract class SecurityAuditLogCases<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    protected TFixture Fixture { get; } = fixture;

    public static TheoryData<SecurityEventKind> Kinds() => new(Enum.GetValues<SecurityEventKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Each_event_kind_is_stored_with_its_account_result_and_detail(SecurityEventKind kind)
    {
        var account = $"kind-{kind}-{Guid.NewGuid():N}"[..40];
        await using (var scope = Fixture.Scope())
            await scope.ServiceProvider.GetRequiredService<ISecurityAudit>()
                .RecordAsync(new SecurityEvent(kind, account, (int)kind % 2 == 0, $"详情 {kind}"));

        var row = await Fixture.ReadAsync(db => db.SecurityAudit.AsNoTracking().SingleAsync(e => e.Account == account));
        Assert.Equal(kind.ToString(), row.Kind);
        Assert.Equal((int)kind % 2 == 0, row.Succeeded);
        Assert.Equal($"详情 {kind}", row.Detail);
        Assert.Equal(Fixture.Clock.GetUtcNow(), row.At);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_event_kind_has_its_own_Chinese_label_for_the_auditor(SecurityEventKind kind)
    {
        var label = SecurityEventLabels.Label(kind);
        Assert.NotEqual(kind.ToString(), label);
        Assert.Single(Enum.GetValues<SecurityEventKind>(), k => SecurityEventLabels.Label(k) == label);
    }

    [Fact]
    public async Task An_event_is_kept_when_the_requests_own_unit_of_work_fails()
    {
        var account = $"failed-{Guid.NewGuid():N}";
        await using (var scope = Fixture.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var unit = await db.Units.AsNoTracking().FirstAsync();
            // A second unit with the same code: the request's SaveChanges fails and its change tracker keeps the bad row.
            db.Units.Add(new Workflow.Activities.Organization.Unit(Guid.NewGuid(), "重复单位", unit.Code, unit.Kind));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            await scope.ServiceProvider.GetRequiredService<ISecurityAudit>()
                .RecordAsync(new SecurityEvent(SecurityEventKind.UnitChanged, account, false, "保存失败"));
        }
        Assert.Equal(1, await Fixture.ReadAsync(db => db.SecurityAudit.CountAsync(e => e.Account == account && !e.Succeeded)));
    }

    /// <summary>The ways code holding an AppDbContext could try to rewrite the log.</summary>
    public enum Tampering { ModifyTracked, DeleteTracked, BulkUpdate, BulkDelete, BulkDeleteOfOldRows, RawDelete, DeleteNewRowUnderPermit }

    public static TheoryData<Tampering> Tamperings() => new(Enum.GetValues<Tampering>());

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task Changing_or_deleting_entries_is_refused_and_keeps_the_rows(Tampering tampering)
    {
        var account = $"tamper-{Guid.NewGuid():N}";
        var now = Fixture.Clock.GetUtcNow();
        await WriteAsync(db =>
        {
            db.SecurityAudit.Add(SecurityAuditEntry.Create(now, SecurityEventKind.RolesChanged, account, "victim", true, "原记录", "10.0.0.1", "UA"));
            db.SecurityAudit.Add(SecurityAuditEntry.Create(now.AddDays(-400), SecurityEventKind.SignInFailed, account, null, false, "旧记录", null, null));
            return db.SaveChangesAsync();
        });
        var before = await SnapshotAsync(account);

        await using (var scope = Fixture.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Func<Task> attempt = tampering switch
            {
                Tampering.ModifyTracked => async () =>
                {
                    var row = await db.SecurityAudit.FirstAsync(e => e.Account == account);
                    db.Entry(row).Property(e => e.Detail).CurrentValue = "改写";
                    await db.SaveChangesAsync();
                },
                Tampering.DeleteTracked => async () =>
                {
                    db.SecurityAudit.Remove(await db.SecurityAudit.FirstAsync(e => e.Account == account));
                    await db.SaveChangesAsync();
                },
                Tampering.BulkUpdate => () => db.SecurityAudit.Where(e => e.Account == account)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, "改写")),
                Tampering.BulkDelete => () => db.SecurityAudit.Where(e => e.Account == account).ExecuteDeleteAsync(),
                // Past the retention, but not through the purge: still refused.
                Tampering.BulkDeleteOfOldRows => () => db.SecurityAudit.Where(e => e.Account == account && e.At < now.AddDays(-300)).ExecuteDeleteAsync(),
                Tampering.RawDelete => () => db.Database.ExecuteSqlRawAsync("DELETE FROM \"SecurityAuditEntries\""),
                // A permit only covers rows older than its cutoff.
                Tampering.DeleteNewRowUnderPermit => async () =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    db.SecurityAuditPurgePermits.Add(SecurityAuditPurgePermit.For(now.AddDays(-180)));
                    await db.SaveChangesAsync();
                    await db.SecurityAudit.Where(e => e.Account == account).ExecuteDeleteAsync();
                    await transaction.CommitAsync();
                },
                _ => throw new ArgumentOutOfRangeException(nameof(tampering)),
            };
            if (tampering is Tampering.ModifyTracked or Tampering.DeleteTracked)
                Assert.Contains("append-only", (await Assert.ThrowsAsync<InvalidOperationException>(attempt)).Message);
            else
                Assert.Contains("append-only", (await Assert.ThrowsAnyAsync<DbException>(attempt)).Message);
        }

        Assert.Equal(before, await SnapshotAsync(account));
        Assert.Equal(0, await Fixture.ReadAsync(db => db.SecurityAuditPurgePermits.CountAsync()));
    }

    [Fact]
    public async Task The_purge_deletes_only_entries_older_than_the_retention_and_records_itself()
    {
        var account = $"purge-{Guid.NewGuid():N}";
        var now = Fixture.Clock.GetUtcNow();
        await WriteAsync(db =>
        {
            db.SecurityAudit.Add(SecurityAuditEntry.Create(now.AddDays(-181), SecurityEventKind.SignInSucceeded, account, null, true, "过期", null, null));
            db.SecurityAudit.Add(SecurityAuditEntry.Create(now.AddDays(-179), SecurityEventKind.SignInSucceeded, account, null, true, "保留", null, null));
            return db.SaveChangesAsync();
        });

        int deleted;
        await using (var scope = Fixture.Scope())
            deleted = await scope.ServiceProvider.GetRequiredService<AuditLogPurge>().PurgeAsync(CancellationToken.None);

        Assert.True(deleted >= 1);
        Assert.Equal(["保留"], await Fixture.ReadAsync(db => db.SecurityAudit.Where(e => e.Account == account).Select(e => e.Detail!).ToListAsync()));
        var purged = await Fixture.ReadAsync(db => db.SecurityAudit.AsNoTracking()
            .Where(e => e.Kind == nameof(SecurityEventKind.AuditLogPurged)).OrderByDescending(e => e.Id).FirstAsync());
        Assert.Contains($"删除{deleted}条", purged.Detail);
        Assert.Contains("保留180天", purged.Detail);
        Assert.Equal(0, await Fixture.ReadAsync(db => db.SecurityAuditPurgePermits.CountAsync()));
    }

    // On SQLite the entry waits for the transaction to end (one writer), then is written all the same.
    [Fact]
    public async Task An_event_recorded_inside_a_rolled_back_transaction_is_kept()
    {
        var account = $"rollback-{Guid.NewGuid():N}";
        await using (var scope = Fixture.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<ISecurityAudit>()
                .RecordAsync(new SecurityEvent(SecurityEventKind.PermissionDenied, account, false, "回滚"));
            await transaction.RollbackAsync();
        }
        Assert.Equal(1, await Fixture.ReadAsync(db => db.SecurityAudit.CountAsync(e => e.Account == account)));
    }

    private async Task WriteAsync(Func<AppDbContext, Task<int>> write)
    {
        await using var scope = Fixture.Scope();
        await write(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private Task<string> SnapshotAsync(string account) => Fixture.ReadAsync(async db =>
        string.Join("\n", await db.SecurityAudit.AsNoTracking().Where(e => e.Account == account).OrderBy(e => e.Id)
            .Select(e => $"{e.Id}|{e.Kind}|{e.Subject}|{e.Succeeded}|{e.Detail}|{e.ClientAddress}|{e.UserAgent}").ToListAsync()));
}

/// <summary>The cases on SQLite, the embedded default.</summary>
public sealed class SecurityAuditLogTests(HostFixture fixture) : SecurityAuditLogCases<HostFixture>(fixture);

/// <summary>The same cases on PostgreSQL.</summary>
public sealed class SecurityAuditLogTestsOnPostgreSql(PostgresHostFixture fixture) : SecurityAuditLogCases<PostgresHostFixture>(fixture);
