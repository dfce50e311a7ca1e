using Microsoft.Extensions.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Activities.Organization;
using Workflow.Host.Data;

namespace Workflow.Host.Tests;

/// <summary>
/// A database made before the migrations were squashed into one baseline per provider starts on the baseline: with the
/// complete old history it is adopted, with part of it the start stops and says what to do. The old database is laid down
/// as it is: the baseline's schema (the same as the old migrations', as the schema dumps compared) under the old history.
/// </summary>
public sealed class PreBaselineHistoryTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void Each_providers_history_starts_with_its_baseline_and_matches_the_model(DatabaseProvider provider)
    {
        // Only the model is compared: no connection is opened.
        using AppDbContext db = provider == DatabaseProvider.PostgreSql
            ? new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost").Options)
            : new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.Equal(PreBaselineHistory.BaselineId(db), db.Database.GetMigrations().First());
        Assert.EndsWith("_Baseline", PreBaselineHistory.BaselineId(db));
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_database_with_the_complete_old_history_starts_on_the_baseline_and_keeps_its_rows(DatabaseProvider provider)
    {
        var old = provider == DatabaseProvider.PostgreSql ? PreBaselineHistory.PostgreSql : PreBaselineHistory.Sqlite;
        var fixture = new OldDatabaseFixture(provider, old);
        try
        {
            await fixture.InitializeAsync();

            // Adopted as the baseline, then the migrations written after the squash applied on top.
            Assert.Equal(await fixture.AllMigrationsAsync(), await fixture.AppliedAsync());
            Assert.Equal(fixture.Baseline, (await fixture.AppliedAsync())[0]);
            Assert.Equal(["旧库中的单位"], await fixture.ReadAsync(db => db.Units.Select(u => u.Name).ToListAsync()));
            Assert.Equal(1, await fixture.ReadAsync(db => db.Routes.CountAsync()));

            // The next start finds the baseline applied and changes nothing.
            await fixture.Services.InitializeApprovalFlowAsync();
            Assert.Equal(await fixture.AllMigrationsAsync(), await fixture.AppliedAsync());
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_database_with_part_of_the_old_history_stops_the_start_and_is_left_as_it_was()
    {
        var partial = PreBaselineHistory.Sqlite.Take(6).ToList();
        var fixture = new OldDatabaseFixture(DatabaseProvider.Sqlite, partial);
        try
        {
            var refusal = await Assert.ThrowsAsync<InvalidOperationException>(fixture.InitializeAsync);

            Assert.Contains("6/8", refusal.Message);
            Assert.Contains("approvalflow.db", refusal.Message);
            Assert.Contains("restore a backup made by this version", refusal.Message);
            Assert.Equal(partial, await fixture.AppliedAsync());
            Assert.Equal(0, await fixture.ReadAsync(db => db.Routes.CountAsync()));
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    /// <summary>A host whose database, before the start, holds the baseline's schema, one unit, and the given history.</summary>
    private sealed class OldDatabaseFixture(DatabaseProvider provider, IReadOnlyList<string> history) : HostFixture
    {
        protected override DatabaseProvider Provider => provider;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Demo:Seed"] = "false" };

        public string Baseline { get; private set; } = "";

        protected override async Task BeforeStartAsync(IServiceProvider services)
        {
            Directory.CreateDirectory(DataDirectory);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // The schema of the squash: the baseline only (later migrations are applied on start, after the adoption).
            Baseline = PreBaselineHistory.BaselineId(db);
            // The start reads the history with plain SQL (MigrationHistory): no table yet is an empty history, everything pending.
            Assert.Empty(await MigrationHistory.AppliedAsync(db, CancellationToken.None));
            Assert.Equal(db.Database.GetMigrations(), MigrationHistory.Pending(db, new HashSet<string>()));
            await db.GetService<IMigrator>().MigrateAsync(Baseline);
            Assert.Equal([Baseline], await db.Database.GetAppliedMigrationsAsync());
            // ... and, once written, the same rows EF's history repository reads.
            var applied = await MigrationHistory.AppliedAsync(db, CancellationToken.None);
            Assert.Equal([Baseline], applied);
            Assert.Equal(db.Database.GetMigrations().Skip(1), MigrationHistory.Pending(db, applied));

            // In SQL, as the old version wrote it: today's model would also stamp the directory row, a table the baseline lacks.
            var unitId = Guid.NewGuid();
            var kind = nameof(UnitKind.Agency);
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "Units" ("Id", "Name", "Code", "Kind") VALUES ({unitId}, {"旧库中的单位"}, {"OLD"}, {kind})""");
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "__EFMigrationsHistory" """);
            foreach (var id in history)
                await db.Database.ExecuteSqlAsync($"""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ({id}, '10.0.15')""");
        }

        public async Task<List<string>> AllMigrationsAsync() => await ReadAsync(db => Task.FromResult(db.Database.GetMigrations().ToList()));

        public async Task<List<string>> AppliedAsync() => (await ReadAsync(db => db.Database.GetAppliedMigrationsAsync())).ToList();

        public async Task<T> ReadAsync<T>(Func<AppDbContext, Task<T>> read)
        {
            await using var scope = Scope();
            return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }
    }
}
