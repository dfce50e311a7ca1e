using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Workflow.Web.Tests.Infrastructure;

/// <summary>
/// The data folder of a demo app after its first start (migrated, seeded, key ring made), made once per test run by a real
/// start; an <see cref="AppFactory"/> whose configuration, environment and clock are those of that start begins from a copy
/// of it instead of migrating and seeding again (≈ 1 s of CPU each). Its app then does what a second start does.
/// The first-start, migration and seeding tests use factories of their own settings or types and still do the real thing.
/// </summary>
internal static class SeededTemplate
{
    /// <summary>Settings that only shape requests (time-outs, limits, proxies), never what a first start writes.</summary>
    private static readonly string[] RequestOnlySections = ["Session", "LoginLimits", "Limits", "ReverseProxy"];

    private static readonly Lazy<Made> s_made = new(Make, LazyThreadSafetyMode.ExecutionAndPublication);

    private sealed record Made(string Folder, string Fingerprint);

    /// <summary>Makes the template now (once per run), outside any other app's start.</summary>
    public static void EnsureMade() => _ = s_made.Value;

    /// <summary>What a first start depends on: every setting but the data folder and the request-only ones, the environment, the clock.</summary>
    public static string Fingerprint(IConfiguration configuration, IHostEnvironment environment, TimeProvider clock) =>
        string.Join('\n', configuration.AsEnumerable()
            .Where(pair => pair.Value is not null
                && !string.Equals(pair.Key, "App:DataDirectory", StringComparison.OrdinalIgnoreCase)
                && !RequestOnlySections.Any(section => string.Equals(pair.Key, section, StringComparison.OrdinalIgnoreCase)
                    || pair.Key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase)))
            .Select(pair => pair.Key.ToUpperInvariant() + "=" + pair.Value)
            .Order(StringComparer.Ordinal)
            .Prepend("clock=" + clock.GetUtcNow().ToString("O"))
            .Prepend("environment=" + environment.EnvironmentName));

    /// <summary>
    /// Copies the template into <paramref name="dataDirectory"/> when the app about to start there would write the same first
    /// start (same fingerprint) and the folder holds nothing yet; answers whether it did.
    /// </summary>
    public static bool TryCopyTo(string dataDirectory, string fingerprint)
    {
        if (!s_made.IsValueCreated || s_made.Value.Fingerprint != fingerprint) return false;
        if (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any()) return false;
        CopyTree(s_made.Value.Folder, dataDirectory);
        return true;
    }

    private static Made Make()
    {
        var maker = AppFactory.TemplateMaker();
        _ = maker.Services;
        var fingerprint = maker.StartFingerprint ?? throw new InvalidOperationException("The template app started without a fingerprint.");
        maker.Dispose();

        // The app's last connection checkpoints the WAL on close; make sure of it, so the .db file alone holds every row.
        var database = Path.Combine(maker.DataDirectory, "approvalflow.db");
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(maker.DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return new Made(maker.DataDirectory, fingerprint);
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            var name = Path.GetFileName(file);
            // The WAL is empty after the checkpoint and the shared-memory index belongs to a connection; the lock file to an app.
            if (name.EndsWith("-wal", StringComparison.Ordinal) || name.EndsWith("-shm", StringComparison.Ordinal)
                || name.EndsWith(".inuse", StringComparison.Ordinal)) continue;
            File.Copy(file, Path.Combine(to, name));
        }
        foreach (var folder in Directory.EnumerateDirectories(from))
            CopyTree(folder, Path.Combine(to, Path.GetFileName(folder)));
    }
}
