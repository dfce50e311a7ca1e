using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Data.Sqlite;
using Workflow.Host.Data;

namespace Workflow.Host.Operations;

/// <summary>
/// Marks a SQLite database as in use for as long as an app runs on it: every running app holds a shared lock on
/// <c>approvalflow.db.inuse</c> beside the database, and <c>restore</c> takes it exclusively — so a restore refuses while any app
/// is running, whether or not that app happens to hold a database connection at the moment (idle pooled connections are closed).
/// </summary>
public sealed class DatabaseInUseLock(IServiceScopeFactory scopes) : IHostedService, IDisposable
{
    private FileStream? held;

    /// <summary>The lock file of the database at <paramref name="databasePath"/>.</summary>
    public static string LockPath(string databasePath) => databasePath + ".inuse";

    /// <summary>The database file a SQLite connection string names, as an absolute path.</summary>
    public static string DatabasePath(string connectionString) => Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!db.Database.IsSqlite()) return Task.CompletedTask;
        var path = LockPath(DatabasePath(db.Database.GetConnectionString()!));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            // FileShare other than None takes a shared lock: several apps (or a test's factories) may run on one file.
            held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"数据库 {path} 正在被恢复（restore），请等恢复完成后再启动网站。", e);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        held?.Dispose();
        held = null;
    }

    /// <summary>
    /// Takes the lock alone for the duration of a restore, or answers null when a running app holds it.
    /// </summary>
    public static FileStream? TryTakeAlone(string databasePath)
    {
        try
        {
            return new FileStream(LockPath(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
