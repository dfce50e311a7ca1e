using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Data;
using Workflow.Host.Seeding;

namespace Workflow.Host.Tests;

/// <summary>The journal and the revisions are history: rows can be added, never changed or removed.</summary>
public abstract class AppendOnlyTestsCases<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    /// <summary>The ways code holding an AppDbContext could try to rewrite history.</summary>
    public enum Tampering { ModifyTracked, DeleteTracked, ModifyTrackedSync, BulkUpdate, BulkDelete }

    public static TheoryData<string, Tampering> Cases()
    {
        var data = new TheoryData<string, Tampering>();
        foreach (var table in new[] { "journal", "revision" })
            foreach (var tampering in Enum.GetValues<Tampering>())
                data.Add(table, tampering);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Changing_or_removing_history_through_the_db_context_throws_and_keeps_the_rows(string table, Tampering tampering)
    {
        var reportId = await fixture.ReportIdAsync(DemoSeeder.Renda, 2026);
        var before = await SnapshotAsync(reportId);

        await using (var scope = fixture.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var attempt = table == "journal" ? TamperJournal(db, reportId, tampering) : TamperRevisions(db, reportId, tampering);
            if (tampering is Tampering.BulkUpdate or Tampering.BulkDelete)
                Assert.Contains("append-only", (await Assert.ThrowsAnyAsync<DbException>(attempt)).Message);
            else
                Assert.Contains("append-only", (await Assert.ThrowsAsync<InvalidOperationException>(attempt)).Message);
        }

        Assert.Equal(before, await SnapshotAsync(reportId));
    }

    [Fact]
    public async Task A_cycle_change_cannot_be_rewritten_or_removed_even_by_sql_that_bypasses_the_db_context()
    {
        Guid changeId;
        await using (var scope = fixture.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var cycle = await db.Cycles.Select(c => c.Id).FirstAsync();
            var change = new Workflow.Activities.Cycles.CycleChange(cycle, "admin-id", "管理员", "截止日期由 3 月 31 日改为 4 月 15 日。", DateTimeOffset.UtcNow);
            db.CycleChanges.Add(change);
            await db.SaveChangesAsync();
            changeId = change.Id;
        }

        await using (var scope = fixture.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var update = await Assert.ThrowsAnyAsync<DbException>(() => db.CycleChanges.Where(c => c.Id == changeId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Text, "改写的记录")));
            Assert.Contains("append-only", update.Message);
            var delete = await Assert.ThrowsAnyAsync<DbException>(() => db.CycleChanges.Where(c => c.Id == changeId).ExecuteDeleteAsync());
            Assert.Contains("append-only", delete.Message);
        }

        Assert.Equal("截止日期由 3 月 31 日改为 4 月 15 日。",
            await fixture.ReadAsync(db => db.CycleChanges.AsNoTracking().Where(c => c.Id == changeId).Select(c => c.Text).SingleAsync()));
    }

    private static Func<Task> TamperJournal(AppDbContext db, Guid reportId, Tampering tampering) => tampering switch
    {
        Tampering.ModifyTracked => async () =>
        {
            var row = await db.ReportJournal.FirstAsync(j => j.ReportId == reportId);
            db.Entry(row).Property(j => j.Comment).CurrentValue = "改写的意见";
            await db.SaveChangesAsync();
        },
        Tampering.ModifyTrackedSync => async () =>
        {
            var row = await db.ReportJournal.FirstAsync(j => j.ReportId == reportId);
            db.Entry(row).Property(j => j.ActorName).CurrentValue = "他人";
            db.SaveChanges();
        },
        Tampering.DeleteTracked => async () =>
        {
            db.ReportJournal.Remove(await db.ReportJournal.FirstAsync(j => j.ReportId == reportId));
            await db.SaveChangesAsync();
        },
        Tampering.BulkUpdate => () => db.ReportJournal.Where(j => j.ReportId == reportId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Comment, "改写的意见")),
        Tampering.BulkDelete => () => db.ReportJournal.Where(j => j.ReportId == reportId).ExecuteDeleteAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(tampering)),
    };

    private static Func<Task> TamperRevisions(AppDbContext db, Guid reportId, Tampering tampering) => tampering switch
    {
        Tampering.ModifyTracked => async () =>
        {
            var row = await db.ReportRevisions.FirstAsync(v => v.ReportId == reportId);
            db.Entry(row).Property(v => v.Body).CurrentValue = "改写的正文";
            await db.SaveChangesAsync();
        },
        Tampering.ModifyTrackedSync => async () =>
        {
            var row = await db.ReportRevisions.FirstAsync(v => v.ReportId == reportId);
            db.Entry(row).Property(v => v.Title).CurrentValue = "改写的标题";
            db.SaveChanges();
        },
        Tampering.DeleteTracked => async () =>
        {
            db.ReportRevisions.Remove(await db.ReportRevisions.FirstAsync(v => v.ReportId == reportId));
            await db.SaveChangesAsync();
        },
        Tampering.BulkUpdate => () => db.ReportRevisions.Where(v => v.ReportId == reportId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Body, "改写的正文")),
        Tampering.BulkDelete => () => db.ReportRevisions.Where(v => v.ReportId == reportId).ExecuteDeleteAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(tampering)),
    };

    private Task<string> SnapshotAsync(Guid reportId) => fixture.ReadAsync(async db =>
    {
        var journal = await db.ReportJournal.AsNoTracking().Where(j => j.ReportId == reportId).OrderBy(j => j.Sequence)
            .Select(j => $"{j.Sequence}|{j.Action}|{j.ActorName}|{j.Comment}").ToListAsync();
        var revisions = await db.ReportRevisions.AsNoTracking().Where(v => v.ReportId == reportId).OrderBy(v => v.Number)
            .Select(v => $"{v.Number}|{v.Title}|{v.Body}").ToListAsync();
        return string.Join("\n", journal.Concat(revisions));
    });
}

/// <summary>The cases on SQLite, the embedded default.</summary>
public sealed class AppendOnlyTests(HostFixture fixture) : AppendOnlyTestsCases<HostFixture>(fixture);

/// <summary>The same cases on PostgreSQL.</summary>
public sealed class AppendOnlyTestsOnPostgreSql(PostgresHostFixture fixture) : AppendOnlyTestsCases<PostgresHostFixture>(fixture);
