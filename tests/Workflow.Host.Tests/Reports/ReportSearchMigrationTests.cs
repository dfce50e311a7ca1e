using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Data;
using Workflow.Host.Reports;

namespace Workflow.Host.Tests.Reports;

/// <summary>The migration that adds the search index indexes the reports already written, and goes down and up again cleanly.</summary>
public abstract class ReportSearchMigrationTestsCases<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    [Fact]
    public async Task Reports_written_before_the_index_are_found_after_the_migration()
    {
        await using (var scope = fixture.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var migrator = db.GetService<IMigrator>();
            var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
            // The issue-15 migration (S15Search here; one S15 migration once the slices are merged) adds the index.
            var search = applied.First(m => m.Contains("_S15", StringComparison.Ordinal));
            // Down to the migration before the index, then up again: the demo reports exist before the index does.
            await migrator.MigrateAsync(applied[applied.IndexOf(search) - 1]);
            await migrator.MigrateAsync();
        }
        var committee = await fixture.UserAsync("committee.gongwei");
        await using var read = fixture.Scope();

        var found = await read.ServiceProvider.GetRequiredService<ReportFinder>().FindAsync(committee, new ReportQuery("四种形态", Year: 2026));

        // Every demo report of 2026 mentions 四种形态 (six units have one).
        Assert.Equal(6, found.Total);
    }
}

public sealed class ReportSearchMigrationTests(HostFixture fixture) : ReportSearchMigrationTestsCases<HostFixture>(fixture);

public sealed class ReportSearchMigrationTestsOnPostgreSql(PostgresHostFixture fixture) : ReportSearchMigrationTestsCases<PostgresHostFixture>(fixture);
