using System.Diagnostics;
using Microsoft.Data.Sqlite;
using static Workflow.Bench.Harness;

namespace Workflow.Bench;

/// <summary>Measures the app (a real process) side by side with references taken in the same run and prints one table.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var appDll = args[0];
        var emptyDll = args[1];
        var writeDll = args[2];
        var appBuild = Option(args, "--app-build") ?? "build output, no ReadyToRun";
        var samples = Option(args, "--samples") ?? Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/samples");
        var quick = args.Contains("--quick");
        var hostileOnly = args.Contains("--hostile-only");
        // Throughput windows follow a warm-up of the same load; raw inserts (no JIT to settle) run for the window alone.
        var load = new Load(TimeSpan.FromSeconds(quick ? 2 : 5), TimeSpan.FromSeconds(quick ? 5 : 20));
        var probes = quick ? 200 : 2000;
        const int clients = 4;
        var root = Path.Combine(Path.GetTempPath(), "approvalflow-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var rows = new List<Row>();
        var total = Stopwatch.StartNew();
        var lap = TimeSpan.Zero;
        // Where the run's time goes, on stderr: the table stays the only output on stdout.
        void Mark(string section)
        {
            Console.Error.WriteLine($"bench: {section} {(total.Elapsed - lap).TotalSeconds:F0} s");
            lap = total.Elapsed;
        }
        try
        {
            if (!args.Contains("--no-hostile"))
            {
                rows.AddRange(await HostileFigures.MeasureAsync(appDll, root));
                Mark("hostile files");
            }
            if (hostileOnly) return Print(rows, quick, total);
            var rawInserts = RawSqliteInserts(Path.Combine(root, "raw.db"), load.Window);
            var minimalWrites = await MachineLimits.MinimalWritesAsync(writeDll, ["--store", "sqlite", "--file", Path.Combine(root, "write.db")],
                root, clients, load);
            Mark("raw inserts and WriteApp (SQLite)");

            var (emptyProcess, emptyStart) = await StartAsync(emptyDll, [], "/", root);
            StopProcess(emptyProcess.Process);
            string[] AppArgs(bool seed) =>
            [
                "--environment", "Benchmark", $"--App:DataDirectory={Path.Combine(root, "app")}", $"--Demo:Seed={seed}", $"--Demo:Password={Password}",
                "--Reminders:JobsEnabled=false", "--Logging:LogLevel:Default=Warning",
            ];
            var (app, appStart) = await StartAsync(appDll, AppArgs(seed: true), "/Account/Login", root);
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(app.Url) };
                var drafter = await TokenAsync(http, "drafter.haishi");
                var secretary = await TokenAsync(http, "secretary.haishi");

                Mark("first start with demo seed");
                var transitions = await TransitionsAsync(app.Url, drafter, secretary, clients, load);
                Mark("transitions (SQLite)");
                var inbox = await RoundTripAsync(app.Url, secretary, "/api/inbox", probes);
                var trivial = await RoundTripAsync(app.Url, null, "/health/live", probes);
                var longReport = await MachineLimits.LongReportAsync(app.Url, drafter, secretary, samples);
                var (pages, cookies) = await MachineLimits.PageClientAsync(app.Url, "drafter.haishi");
                Percentiles page;
                using (pages) page = await RoundTripAsync(pages, $"/Reports/Details/{longReport}", quick ? 50 : 500);
                var seconds = quick ? 3 : 6;
                var wrkTrivial = await MachineLimits.WrkAsync(app.Url, "/health/live", null, seconds);
                var wrkInbox = await MachineLimits.WrkAsync(app.Url, "/api/inbox", $"Authorization: Bearer {secretary}", seconds);
                var wrkPage = await MachineLimits.WrkAsync(app.Url, $"/Reports/Details/{longReport}", MachineLimits.CookieHeader(cookies, app.Url), seconds);
                var rss = PeakRssMb(app.Process.Id);
                Mark("round trips, report page, wrk");

                rows.Add(new($"transitions/s via HTTP API ({clients} clients, submit/return), SQLite", $"{transitions:F0}",
                    $"raw SQLite insert tx/s (WAL, synchronous=FULL): {rawInserts:F0}", $"≥ 25 % → {100 * transitions / rawInserts:F0} %"));
                rows.Add(new($"transitions/s via HTTP API ({clients} clients), SQLite, against HTTP + one durable write", $"{transitions:F0}",
                    $"bench/WriteApp (bearer-authorised POST, one-row transaction, same store), {clients} clients: {minimalWrites:F0}/s",
                    $"≥ 60 % → {100 * transitions / minimalWrites:F0} %"));
                rows.Add(new("GET /api/inbox round trip p50 / p95", $"{inbox.P50:F2} / {inbox.P95:F2} ms",
                    $"GET /health/live: {trivial.P50:F2} / {trivial.P95:F2} ms",
                    $"≤ 5× → p50 {inbox.P50 / trivial.P50:F1}×, p95 {inbox.P95 / trivial.P95:F1}×"));
                rows.Add(new("report page p50 / p95 (the longest sample, 20 revisions, journal, diagram; signed in by cookie)",
                    $"{page.P50:F2} / {page.P95:F2} ms", $"GET /api/inbox p95: {inbox.P95:F2} ms", $"p95 ≤ 3× → {page.P95 / inbox.P95:F1}×"));
                rows.Add(new("requests/s at 16 connections (wrk), GET /api/inbox / report page", $"{wrkInbox} / {wrkPage}",
                    $"GET /health/live under the same tool: {wrkTrivial}", "— (shown, no target)"));
                rows.Add(new($"first start to first 200 (empty data folder: migrations and demo seed; {appBuild})", $"{appStart.TotalMilliseconds:F0} ms",
                    $"empty ASP.NET Core app: {emptyStart.TotalMilliseconds:F0} ms", $"— (reported: {appStart / emptyStart:F1}×)"));
                rows.Add(new("peak RSS of the app (VmHWM), demo data", $"{rss:F0} MB", "—", $"≤ 300 MB → {(rss <= 300 ? "met" : "missed")}"));

                StopProcess(app.Process);
                TimeSpan secondStart;
                (app, secondStart) = await StartAsync(appDll, AppArgs(seed: false), "/Account/Login", root);
                rows.Add(new($"cold start to first 200 on an already-migrated database (second start; {appBuild})", $"{secondStart.TotalMilliseconds:F0} ms",
                    $"empty ASP.NET Core app: {emptyStart.TotalMilliseconds:F0} ms", $"≤ 2× → {secondStart / emptyStart:F1}×"));
                Mark("second start");
                rows.AddRange(await HostileTextFigures.MeasureAsync(app.Url, drafter, secretary));
                Mark("hostile texts");
                if (!args.Contains("--no-years"))
                {
                    rows.AddRange(await YearsFigures.MeasureAsync(app, Path.Combine(root, "app", "approvalflow.db"), quick));
                    Mark("ten years");
                }
                if (!args.Contains("--no-scale"))
                {
                    rows.AddRange(await ScaleFigures.MeasureAsync(app, Path.Combine(root, "app", "approvalflow.db"), quick));
                    Mark("growth, sweeps");
                }
            }
            finally
            {
                StopProcess(app.Process);
            }
            // A PostgreSQL app that does not come up (e.g. on a machine loaded far beyond its cores) must not lose the rows above.
            try
            {
                rows.AddRange(await PostgresFigures.MeasureAsync(appDll, writeDll, quick, load, root));
                Mark("PostgreSQL");
            }
            catch (TimeoutException e)
            {
                rows.Add(new("PostgreSQL figures", "not measured", e.Message, "—"));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException or IOException)
        {
            // A failed section does not lose the rows measured before it: they print, with the failure as the last row.
            rows.Add(new("bench stopped", e.GetType().Name, e.Message.ReplaceLineEndings(" "), "—"));
            Print(rows, quick, total);
            return 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (args.Contains("--keep")) Console.Error.WriteLine($"bench: data kept in {root}");
            else try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }

        return Print(rows, quick, total);
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;

    private static int Print(List<Row> rows, bool quick, Stopwatch total)
    {
        Console.WriteLine($"ApprovalFlow bench ({(quick ? "quick" : "full")}, {Environment.ProcessorCount} cores, " +
                          $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {total.Elapsed.TotalSeconds:F0} s)");
        Console.WriteLine();
        Console.WriteLine("| figure | measured | reference in the same run | target |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var row in rows)
            Console.WriteLine($"| {row.Figure} | {row.Value} | {row.Reference} | {row.Target} |");
        return 0;
    }

    /// <summary>Single-row insert transactions on one connection with the app's durability settings.</summary>
    private static double RawSqliteInserts(string file, TimeSpan window)
    {
        using var connection = new SqliteConnection($"Data Source={file}");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER, payload TEXT);";
            setup.ExecuteNonQuery();
        }
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO t (at, payload) VALUES ($at, $payload)";
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        insert.Parameters.AddWithValue("$payload", "同意，报纪检监察组。");
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (clock.Elapsed < window)
        {
            using var tx = connection.BeginTransaction();
            insert.Transaction = tx;
            at.Value = clock.ElapsedTicks;
            insert.ExecuteNonQuery();
            tx.Commit();
            count++;
        }
        return count / clock.Elapsed.TotalSeconds;
    }
}
