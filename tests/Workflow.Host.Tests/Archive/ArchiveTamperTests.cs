using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Archive;
using Workflow.Host.Archive;
using Workflow.Host.Data;
using Workflow.Host.Seeding;

namespace Workflow.Host.Tests.Archive;

/// <summary>
/// Someone with the database's password drops a guard trigger and rewrites history with raw SQL: the live check names the
/// chain and the link. Also: a chain whose links are gone (rows written before the archive) is sealed again at start-up, once.
/// Each test touches its own report, on a database of this class alone.
/// </summary>
public abstract class ArchiveTamperTestsCases<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    private bool Postgres => fixture.PostgresConnectionString is not null;

    [Fact]
    public async Task A_journal_row_changed_with_raw_sql_is_named_by_the_live_check()
    {
        var reportId = await fixture.ReportIdAsync(DemoSeeder.Renda, 2026);
        var row = (await fixture.JournalAsync(reportId)).Last();
        await fixture.ReadAsync(async db =>
        {
            await DropGuardAsync(db, "ReportJournal");
            return await db.Database.ExecuteSqlAsync($"UPDATE \"ReportJournal\" SET \"Comment\" = 'X' || COALESCE(\"Comment\", '') WHERE \"Id\" = {row.Id}");
        });

        var result = await fixture.InScopeAsync<ArchiveCheck, ArchiveCheckResult>(c => c.RunAsync(CancellationToken.None));
        var broken = Assert.Single(result.Broken, b => b.ChainId == reportId);
        Assert.Contains("市人大常委会机关", broken.Label);
        Assert.Equal(("ReportJournal", row.Id.ToString()), (broken.Break.Table, broken.Break.RowKey));
        Assert.Contains("记录内容被改动", broken.Break.Problem);
        Assert.NotNull(broken.Break.Sequence);
    }

    [Fact]
    public async Task Two_journal_rows_swapped_with_raw_sql_are_named()
    {
        var reportId = await fixture.ReportIdAsync(DemoSeeder.Haishi, 2026);
        var journal = await fixture.JournalAsync(reportId);
        Assert.True(journal.Count >= 2);
        var (a, b) = (journal[0], journal[1]);
        await fixture.ReadAsync(async db =>
        {
            await DropGuardAsync(db, "ReportJournal");
            // Through a free number: (ReportId, Sequence) is unique.
            await db.Database.ExecuteSqlAsync($"UPDATE \"ReportJournal\" SET \"Sequence\" = -1 WHERE \"Id\" = {a.Id}");
            await db.Database.ExecuteSqlAsync($"UPDATE \"ReportJournal\" SET \"Sequence\" = {a.Sequence} WHERE \"Id\" = {b.Id}");
            return await db.Database.ExecuteSqlAsync($"UPDATE \"ReportJournal\" SET \"Sequence\" = {b.Sequence} WHERE \"Id\" = {a.Id}");
        });
        var (broken, _) = await fixture.InScopeAsync<ArchiveCheck, (ChainBreak?, int)>(c => c.CheckChainAsync(ArchiveSealing.ReportChain, reportId, CancellationToken.None));
        Assert.NotNull(broken);
        Assert.Equal("ReportJournal", broken.Table);
        Assert.Contains(broken.RowKey, new[] { a.Id.ToString(), b.Id.ToString() });
    }

    [Fact]
    public async Task A_row_inserted_past_the_app_is_named_as_outside_the_chain()
    {
        var reportId = await fixture.ReportIdAsync(DemoSeeder.Shengtai, 2026);
        var last = (await fixture.JournalAsync(reportId)).Last();
        await fixture.ReadAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ReportJournal" ("ReportId", "Sequence", "At", "ActorId", "ActorName", "ActorRole", "Action", "FromStatus", "ToStatus", "Comment", "Revision", "RestartFromFirstStep")
            SELECT "ReportId", "Sequence" + 100, "At", "ActorId", "ActorName", "ActorRole", "Action", "FromStatus", "ToStatus", '补写的意见', "Revision", "RestartFromFirstStep"
            FROM "ReportJournal" WHERE "Id" = {last.Id}
            """));
        var (broken, _) = await fixture.InScopeAsync<ArchiveCheck, (ChainBreak?, int)>(c => c.CheckChainAsync(ArchiveSealing.ReportChain, reportId, CancellationToken.None));
        Assert.NotNull(broken);
        Assert.Null(broken.Sequence);
        Assert.Contains("不在链中", broken.Problem);
    }

    [Fact]
    public async Task Rows_without_links_are_sealed_once_at_start_up()
    {
        var reportId = await fixture.ReportIdAsync(DemoSeeder.Kexie, 2026);
        var before = await fixture.ReadAsync(db => db.ChainLinks.Where(l => l.ChainId == reportId).CountAsync());
        await fixture.ReadAsync(async db =>
        {
            await DropGuardAsync(db, "ChainLinks");
            return await db.Database.ExecuteSqlAsync($"DELETE FROM \"ChainLinks\" WHERE \"ChainId\" = {reportId}");
        });

        Assert.Equal(1, await fixture.ReadAsync(db => ArchiveSealing.SealUnsealedAsync(db)));
        Assert.Equal(0, await fixture.ReadAsync(db => ArchiveSealing.SealUnsealedAsync(db)));
        Assert.Equal(before, await fixture.ReadAsync(db => db.ChainLinks.Where(l => l.ChainId == reportId).CountAsync()));
        var (broken, _) = await fixture.InScopeAsync<ArchiveCheck, (ChainBreak?, int)>(c => c.CheckChainAsync(ArchiveSealing.ReportChain, reportId, CancellationToken.None));
        Assert.Null(broken);
    }

    private async Task DropGuardAsync(AppDbContext db, string table)
    {
        // Table names cannot be parameters; these are the test's own constants.
        var statements = Postgres
            ? [$"DROP TRIGGER IF EXISTS \"{table}_append_only\" ON \"{table}\";"]
            : new[] { $"DROP TRIGGER IF EXISTS \"{table}_no_update\";", $"DROP TRIGGER IF EXISTS \"{table}_no_delete\";" };
        foreach (var sql in statements)
            await db.Database.ExecuteSqlRawAsync(sql);
    }
}

/// <summary>A database of its own: these tests drop guards and tamper.</summary>
public sealed class ArchiveTamperFixture : HostFixture;

/// <summary>The same on PostgreSQL.</summary>
public sealed class PostgresArchiveTamperFixture : HostFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

public sealed class ArchiveTamperTests(ArchiveTamperFixture fixture) : ArchiveTamperTestsCases<ArchiveTamperFixture>(fixture);

public sealed class ArchiveTamperTestsOnPostgreSql(PostgresArchiveTamperFixture fixture) : ArchiveTamperTestsCases<PostgresArchiveTamperFixture>(fixture);
