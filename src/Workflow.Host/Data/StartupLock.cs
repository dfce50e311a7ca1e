using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Workflow.Host.Data;

/// <summary>
/// Serialises the start-up work (database creation, migrations, seeding, the first data-protection key) of app nodes
/// that share one PostgreSQL database and start at the same moment, as on a fresh deployment. Without it the nodes
/// race: both create the database (42P04), both insert the roles and the calendar (23505), both create a key ring.
/// A session-level advisory lock on a fixed key, held on a connection of its own for the whole start-up; it is
/// released when disposed, or by the server when the node dies. On SQLite (one node) it does nothing.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    /// <summary>The advisory lock key, "AFstart" in ASCII; only this app takes it in its database.</summary>
    public const long Key = 0x41_46_73_74_61_72_74;

    private readonly NpgsqlConnection? _connection;

    private StartupLock(NpgsqlConnection? connection) => _connection = connection;

    /// <summary>Creates the database when it is missing, then waits until no other node is starting.</summary>
    public static async Task<StartupLock> AcquireAsync(AppDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return new StartupLock(null);

        // The lock lives in the database, so the database must exist first; creating it is the one step left to race.
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct))
        {
            try
            {
                await creator.CreateAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Another node created it a moment earlier (PostgreSQL reports that race either way).
            }
        }

        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            // Waits as long as the other node's start-up takes (migrations, demo seed); the caller's token still cancels.
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(ct);
            return new StartupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null) return;
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
