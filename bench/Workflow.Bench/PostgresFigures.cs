using System.Diagnostics;
using Npgsql;
using Workflow.Tests.Shared;
using static Workflow.Bench.Harness;

namespace Workflow.Bench;

/// <summary>
/// The figures on PostgreSQL: a private cluster with the durable defaults (the one the tests use has fsync off), raw
/// single-row insert transactions on it as the reference, then the real app on a database of its own in that cluster.
/// Without PostgreSQL installed, one row says why the figures were skipped.
/// </summary>
internal static class PostgresFigures
{
    private const int Clients = 4;

    public static async Task<IReadOnlyList<Row>> MeasureAsync(string appDll, string writeDll, bool quick, Load load, string root)
    {
        if (PostgresCluster.MissingReason() is { } missing)
            return [new Row("PostgreSQL figures", "skipped", missing, "—")];

        PostgresCluster cluster;
        try
        {
            cluster = PostgresCluster.StartDurable();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            return [new Row("PostgreSQL figures", "skipped: the cluster did not start", e.Message.ReplaceLineEndings(" "), "—")];
        }

        try
        {
            var (rawInserts, settings) = await RawInsertsAsync(cluster.ConnectionString("raw"), load.Window);
            await CreateDatabaseAsync(cluster.ConnectionString("write"));
            var minimalWrites = await MachineLimits.MinimalWritesAsync(writeDll,
                ["--store", "postgres", "--connection", cluster.ConnectionString("write")], root, Clients, load);

            var (app, _) = await StartAsync(appDll,
            [
                "--environment", "Benchmark", $"--App:DataDirectory={Path.Combine(root, "app-pg")}", "--Demo:Seed=true", $"--Demo:Password={Password}",
                "--Reminders:JobsEnabled=false", "--Logging:LogLevel:Default=Warning",
                "--Database:Provider=PostgreSql", $"--ConnectionStrings:ApprovalFlow={cluster.ConnectionString("approvalflow")}",
            ], "/Account/Login", root);
            double transitions;
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(app.Url) };
                var drafter = await TokenAsync(http, "drafter.haishi");
                var secretary = await TokenAsync(http, "secretary.haishi");
                transitions = await TransitionsAsync(app.Url, drafter, secretary, Clients, load);
            }
            finally
            {
                StopProcess(app.Process);
            }

            return
            [
                new Row("raw PostgreSQL insert tx/s (1 connection, one-row transactions, Npgsql)", $"{rawInserts:F0}",
                    $"cluster of this run: {settings}", "— (reference of the next row)"),
                new Row($"transitions/s via HTTP API ({Clients} clients, submit/return), PostgreSQL", $"{transitions:F0}",
                    $"raw PostgreSQL insert tx/s: {rawInserts:F0}", $"≥ 25 % → {100 * transitions / rawInserts:F0} %"),
                new Row($"transitions/s via HTTP API ({Clients} clients), PostgreSQL, against HTTP + one durable write", $"{transitions:F0}",
                    $"bench/WriteApp (bearer-authorised POST, one-row transaction, same cluster), {Clients} clients: {minimalWrites:F0}/s",
                    $"≥ 60 % → {100 * transitions / minimalWrites:F0} %"),
            ];
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            cluster.Stop();
        }
    }

    private static async Task CreateDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ConnectionString);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>Single-row insert transactions on one connection, and the server's durability settings as they are.</summary>
    private static async Task<(double PerSecond, string Settings)> RawInsertsAsync(string connectionString, TimeSpan window)
    {
        await CreateDatabaseAsync(connectionString);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var setup = new NpgsqlCommand("CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at bigint, payload text)", connection))
            await setup.ExecuteNonQueryAsync();
        var settings = new List<string> { $"PostgreSQL {connection.PostgreSqlVersion}" };
        foreach (var name in new[] { "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method" })
        {
            await using var show = new NpgsqlCommand($"SHOW {name}", connection);
            settings.Add($"{name}={await show.ExecuteScalarAsync()}");
        }

        await using var insert = new NpgsqlCommand("INSERT INTO t (at, payload) VALUES (@at, @payload)", connection);
        var at = new NpgsqlParameter<long>("at", 0L);
        insert.Parameters.Add(at);
        insert.Parameters.Add(new NpgsqlParameter<string>("payload", "同意，报纪检监察组。"));
        await insert.PrepareAsync();
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (clock.Elapsed < window)
        {
            await using var tx = await connection.BeginTransactionAsync();
            insert.Transaction = tx;
            at.TypedValue = clock.ElapsedTicks;
            await insert.ExecuteNonQueryAsync();
            await tx.CommitAsync();
            count++;
        }
        return (count / clock.Elapsed.TotalSeconds, string.Join(", ", settings));
    }
}
