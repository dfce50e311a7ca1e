using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace Workflow.Host.Data;

/// <summary>
/// Adopts a database created before each provider's migrations were squashed into one <c>Baseline</c> (before the first
/// release): its schema is the baseline's, so a complete old history is replaced by the baseline's row, and a partial one
/// stops the start, since no migration is left to bring it forward.
/// </summary>
public static class PreBaselineHistory
{
    /// <summary>The SQLite migrations the baseline replaced, in order.</summary>
    public static IReadOnlyList<string> Sqlite { get; } =
    [
        "20261125095144_InitialCreate",
        "20261125100455_RemindersAndOutbox",
        "20261125100633_AppendOnlyHistory",
        "20261125102253_CycleReminderPolicy",
        "20261125103348_Rectification",
        "20261125125336_InboxIndex",
        "20261201114139_AccountLifecycle",
        "20261201114209_SecurityAudit",
    ];

    /// <summary>The PostgreSQL migrations the baseline replaced, in order.</summary>
    public static IReadOnlyList<string> PostgreSql { get; } =
    [
        "20261125115254_PostgresInitialCreate",
        "20261125125356_InboxIndex",
        "20261201114210_PostgresAccountLifecycle",
        "20261201114231_SecurityAudit",
        "20261201114602_EvidenceStore",
    ];

    /// <summary>The id of the provider's baseline migration, the first of its history.</summary>
    public static string BaselineId(AppDbContext db) =>
        (db is PostgresAppDbContext ? typeof(Migrations.PostgreSql.Baseline) : typeof(Migrations.Sqlite.Baseline))
        .GetCustomAttribute<MigrationAttribute>()!.Id;

    /// <summary>
    /// Run before <c>Migrate</c> (under the start-up lock on PostgreSQL): a database whose history is exactly the old list
    /// gets the baseline's row instead, in one transaction; one holding only part of it is refused. Any other database
    /// (new, or already on the baseline) is left alone.
    /// </summary>
    /// <param name="applied">The history as <see cref="MigrationHistory.AppliedAsync"/> read it.</param>
    /// <returns>Whether the history was rewritten (then read it again).</returns>
    public static async Task<bool> AdoptAsync(AppDbContext db, IReadOnlySet<string> applied, ILogger logger, CancellationToken ct)
    {
        var old = db is PostgresAppDbContext ? PostgreSql : Sqlite;
        if (!applied.Overlaps(old)) return false;
        if (!applied.SetEquals(old))
            throw new InvalidOperationException(
                $"数据库的迁移历史停在合并为基线（Baseline）之前的中间版本（{applied.Count(old.Contains)}/{old.Count} 个旧迁移），本版本无法升级它。"
                + "请删除该数据库重新开始（SQLite：删除数据目录中的 approvalflow.db），或恢复由本版本制作的备份。 / "
                + $"The database's migration history stops part-way through the migrations squashed into the baseline "
                + $"({applied.Count(old.Contains)} of {old.Count}), so this version cannot upgrade it: delete the database to start "
                + "afresh (SQLite: approvalflow.db in the data folder), or restore a backup made by this version.");

        var history = db.GetService<IHistoryRepository>();
        var baseline = BaselineId(db);
        var script = string.Concat(old.Select(history.GetDeleteScript))
            + history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion()));
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Database.ExecuteSqlRawAsync(script, ct);
            await transaction.CommitAsync(ct);
        }
        logger.LogInformation("The database's {Count} pre-baseline migrations were recorded as {Baseline} (same schema).", old.Count, baseline);
        return true;
    }
}
