using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflow.Host.Data;

/// <summary>
/// SQLite has one writer at a time. When a second request wants to write, Microsoft.Data.Sqlite's own retry sleeps
/// 150 ms per attempt; SQLite's busy handler (busy_timeout) instead waits in steps of 1–100 ms inside the library and
/// resumes as soon as the lock is free, so concurrent approvals queue for milliseconds rather than tenths of a second.
/// Set on the native handle each time EF opens a connection (a pooled handle may be new): one native call, no SQL.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    private const int Milliseconds = 30_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Set(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Set(connection);
        return Task.CompletedTask;
    }

    private static void Set(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
            SQLitePCL.raw.sqlite3_busy_timeout(handle, Milliseconds);
    }
}
