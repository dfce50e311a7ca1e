using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Workflow.Host.Data;

namespace Workflow.Bench;

/// <summary>
/// Writes the rows a context tracks as added the way SaveChanges would, but with raw prepared SQLite inserts in one transaction:
/// the tables, columns and value conversions come from the app's EF model, database-generated keys are taken in order after the
/// table's current maximum, and every new history chain (journals, revisions) is sealed with <see cref="ArchiveSealing.SealWhole"/>
/// as the app seals it. A schema that moved away from the model fails the insert (unknown column, NOT NULL, foreign key at commit).
/// </summary>
internal sealed class BulkRows(string connectionString) : IDisposable
{
    private readonly SqliteConnection _connection = Open(connectionString);
    private readonly Dictionary<IEntityType, DbCommand> _inserts = [];
    private readonly string _connectionString = connectionString;

    /// <summary>The next database-generated key of each table, continued from batch to batch until <see cref="ForgetKeys"/>.</summary>
    private readonly Dictionary<IProperty, long> _nextKeys = [];

    /// <summary>A context's added rows, keyed and sealed, in the order they are inserted.</summary>
    public sealed record Prepared(AppDbContext Db, List<EntityEntry> Rows);

    /// <summary>Seals the new chains, then inserts every added row and clears the tracker; nothing is written unless all of it is.</summary>
    public void Write(AppDbContext db) => Store(Prepare(db));

    /// <summary>
    /// Gives the added rows their database-generated keys and seals every new chain: all the CPU work of a batch, which needs
    /// no write connection, so the next batch can be prepared while this writer stores the previous one.
    /// </summary>
    public Prepared Prepare(AppDbContext db)
    {
        AssignStoreKeys(Added(db));
        Seal(db);
        var rows = Added(db);
        AssignStoreKeys(rows.Where(e => e.Entity is Workflow.Host.Archive.ChainLink).ToList());
        return new Prepared(db, rows);
    }

    /// <summary>Inserts a prepared batch in one transaction and clears its tracker.</summary>
    public void Store(Prepared batch)
    {
        using var transaction = _connection.BeginTransaction();
        using (var defer = _connection.CreateCommand())
        {
            // Parents and children go in tracker order; the foreign keys are checked once, at commit.
            defer.CommandText = "PRAGMA defer_foreign_keys = ON";
            defer.ExecuteNonQuery();
        }
        foreach (var entry in batch.Rows)
            Insert(entry, transaction);
        transaction.Commit();
        batch.Db.ChangeTracker.Clear();
    }

    /// <summary>
    /// The next keys are read from the tables again: call it before a growth step, since the app (sign-ins, audit rows) may have
    /// written rows with generated keys since the last one.
    /// </summary>
    public void ForgetKeys() => _nextKeys.Clear();

    public void Dispose()
    {
        foreach (var command in _inserts.Values) command.Dispose();
        _connection.Dispose();
    }

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        // A 256 MB page cache keeps the growing indexes (and the report text's trigram index) in memory while 100k reports go in.
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 60000; PRAGMA cache_size = -262144";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static List<EntityEntry> Added(AppDbContext db) =>
        db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList();

    // Every new report and item chain is sealed whole, as the app's save does for a chain that has no link yet.
    private static void Seal(AppDbContext db)
    {
        var chains = Added(db)
            .Select(e => (Entry: e, Chain: ArchiveSealing.ChainOf(e.Entity)))
            .Where(x => x.Chain is not null)
            .GroupBy(x => x.Chain!.Value, x => x.Entry)
            .OrderBy(g => g.Key.Chain, StringComparer.Ordinal).ThenBy(g => g.Key.Id)
            .ToList();
        var algorithm = ArchiveSealing.AlgorithmOf(db);
        foreach (var chain in chains)
            ArchiveSealing.SealWhole(db, chain.Key.Chain, chain.Key.Id, chain, algorithm);
    }

    // Keys the database would generate (journal and link ids): the next numbers after the table's current maximum, in tracker order.
    private void AssignStoreKeys(List<EntityEntry> rows)
    {
        foreach (var entry in rows)
        {
            foreach (var property in entry.Metadata.GetProperties())
            {
                var value = entry.Property(property);
                if (!value.IsTemporary) continue;
                if (!property.IsPrimaryKey() || property.ClrType != typeof(long) && property.ClrType != typeof(int))
                    throw new InvalidOperationException($"{entry.Metadata.DisplayName()}.{property.Name} is generated by the database; the bulk writer cannot write it.");
                if (!_nextKeys.TryGetValue(property, out var key))
                    key = MaxOf(entry.Metadata, property);
                _nextKeys[property] = ++key;
                value.CurrentValue = property.ClrType == typeof(int) ? (object)checked((int)key) : key;
                value.IsTemporary = false;
            }
        }
    }

    // Read on a connection of its own: the writer's may be inside another batch's transaction on another thread. A table this
    // growth step has not keyed yet has no rows in that transaction, so its committed maximum is the one to continue from.
    private long MaxOf(IEntityType type, IProperty key)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var max = connection.CreateCommand();
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        max.CommandText = $"SELECT COALESCE(MAX(\"{key.GetColumnName(table)}\"), 0) FROM \"{table.Name}\"";
        return (long)max.ExecuteScalar()!;
    }

    private void Insert(EntityEntry entry, SqliteTransaction transaction)
    {
        var type = entry.Metadata;
        var properties = type.GetProperties().ToList();
        if (!_inserts.TryGetValue(type, out var command))
        {
            var table = StoreObjectIdentifier.Table(type.GetTableName() ?? throw new InvalidOperationException($"{type.DisplayName()} has no table."),
                type.GetSchema());
            command = _connection.CreateCommand();
            command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""))}) " +
                                  $"VALUES ({string.Join(", ", properties.Select((_, i) => $"$p{i}"))})";
            _inserts[type] = command;
        }
        command.Transaction = transaction;
        command.Parameters.Clear();
        // The model's own type mapping makes each parameter, value converters included, exactly as SaveChanges would.
        for (var i = 0; i < properties.Count; i++)
            command.Parameters.Add(properties[i].GetRelationalTypeMapping()
                .CreateParameter(command, $"$p{i}", entry.Property(properties[i]).CurrentValue, properties[i].IsNullable));
        command.ExecuteNonQuery();
    }
}
