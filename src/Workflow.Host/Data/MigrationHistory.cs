using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflow.Host.Data;

/// <summary>
/// The migrations a database has recorded, read with plain SQL. EF's own history repository builds a model of its own the first
/// time it is asked (conventions, a model for one table): on a second start, when there is nothing to migrate, that was about a
/// tenth of the time to the first answer. A database with migrations to apply still goes through EF's <c>Migrate</c>.
/// </summary>
public static class MigrationHistory
{
    /// <summary>EF Core's default history table, which this app does not rename.</summary>
    public const string Table = "__EFMigrationsHistory";

    /// <summary>The ids recorded in the history table; none when the database or the table does not exist yet.</summary>
    public static async Task<IReadOnlySet<string>> AppliedAsync(AppDbContext db, CancellationToken ct)
    {
        // A PostgreSQL database is created by Migrate (a SQLite file by the first connection): not there yet, nothing applied.
        if (!await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct)) return new HashSet<string>();
        var exists = db.Database.IsSqlite()
            ? $"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '{Table}'"
            : $"SELECT COUNT(*)::int AS \"Value\" FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = '{Table}'";
        if (await db.Database.SqlQueryRaw<int>(exists).SingleAsync(ct) == 0) return new HashSet<string>();
        return (await db.Database.SqlQueryRaw<string>($"SELECT \"MigrationId\" AS \"Value\" FROM \"{Table}\"").ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The app's migrations the database has not recorded, in order.</summary>
    public static IReadOnlyList<string> Pending(AppDbContext db, IReadOnlySet<string> applied) =>
        db.Database.GetMigrations().Where(id => !applied.Contains(id)).ToList();
}
