using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Workflow.Host.Data;

/// <summary>
/// SQLite lets one writer in at a time, and a writer that finds the lock taken polls it (the busy handler sleeps 1, 2, 5, 10, …
/// ms between tries), so with a few concurrent decisions most of a save was spent asleep after the lock had already come free.
/// The saves of this process instead queue here, per database file, and each starts the moment the one before it has committed.
/// A save inside a transaction the caller opened is not queued (the caller already holds SQLite's lock or meets the busy handler,
/// as before), nor are other processes on the same file: the busy handler still covers them.
/// </summary>
public static class SqliteWriteGate
{
    // As long as a writer would have waited for SQLite's lock (busy_timeout, SqliteBusyTimeout).
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> ByConnectionString = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> ByFile = new(StringComparer.Ordinal);

    /// <summary>Waits for this save's turn; null when the save is not queued (PostgreSQL, or inside the caller's transaction).</summary>
    public static async ValueTask<Turn?> EnterAsync(DbContext db, CancellationToken ct)
    {
        if (GateOf(db) is not { } gate) return null;
        if (!await gate.WaitAsync(Patience, ct)) throw Busy();
        return new Turn(gate);
    }

    /// <summary>The same, for the synchronous SaveChanges.</summary>
    public static Turn? Enter(DbContext db)
    {
        if (GateOf(db) is not { } gate) return null;
        if (!gate.Wait(Patience)) throw Busy();
        return new Turn(gate);
    }

    private static SemaphoreSlim? GateOf(DbContext db)
    {
        if (db.Database.CurrentTransaction is not null || !db.Database.IsSqlite()) return null;
        var connectionString = db.Database.GetConnectionString();
        if (connectionString is null) return null;
        return ByConnectionString.GetOrAdd(connectionString, static s =>
        {
            // Two spellings of one file (extra options, a relative path) share its queue.
            var file = new SqliteConnectionStringBuilder(s).DataSource;
            var key = file.Length == 0 || file.StartsWith(':') || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? s : Path.GetFullPath(file);
            return ByFile.GetOrAdd(key, static _ => new SemaphoreSlim(1, 1));
        });
    }

    // What SQLite itself answers when its lock stays taken past the timeout.
    private static SqliteException Busy() => new("database is locked (waited 30 s for the other writers of this process)", 5);

    /// <summary>A save's turn; disposing it lets the next writer in.</summary>
    public sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
