using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Workflow.Host.Data;
using static Workflow.Bench.Harness;

namespace Workflow.Bench;

/// <summary>
/// Growth: the same users' inbox and ledger queries while the database grows from 1k to 10k to 100k reports (and as many
/// rectification items), a reminder sweep over all items next to a raw SQL scan of the same rows, and the app's RSS afterwards.
/// The measured users keep the same amount of their own data at every size (an agency's ten years; a committee's 100 agencies),
/// so any growth in their response time is cost paid for other units' rows.
/// </summary>
internal static class ScaleFigures
{
    private sealed record Query(string Name, string User, string Path);

    private static readonly ScaleData.Space Growth = ScaleData.Space.Growth;

    private static readonly Query[] Queries =
    [
        new("GET /api/inbox, agency secretary", Growth.SecretaryUser(0), "/api/inbox"),
        new("GET /api/inbox, committee (100 agencies)", Growth.CommitteeUser(0), "/api/inbox"),
        new("GET /api/rectifications, agency secretary (10 items)", Growth.SecretaryUser(0), "/api/rectifications"),
        new("GET /api/rectifications, committee (1,000 items)", Growth.CommitteeUser(0), "/api/rectifications"),
    ];

    public static async Task<IReadOnlyList<Row>> MeasureAsync(App app, string databaseFile, bool quick)
    {
        int[] tiers = quick ? [1_000, 2_000, 5_000] : [1_000, 10_000, 100_000];
        var probes = quick ? 100 : 400;
        var connectionString = $"Data Source={databaseFile};Default Timeout=60";
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connectionString).Options;
        using var data = new ScaleData(() => new AppDbContext(options), DateTimeOffset.UtcNow, Growth);
        using var http = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(10) };

        var results = new Dictionary<(string Query, int Tier), Percentiles>();
        var tokens = new Dictionary<string, string>();
        var generation = new List<string>();
        foreach (var tier in tiers)
        {
            var clock = Stopwatch.StartNew();
            await data.GrowToAsync(tier);
            generation.Add($"{tier:N0}: {clock.Elapsed.TotalSeconds:F0} s");
            // The bench process measures round trips: its own garbage from generating must not pause it mid-measurement.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            foreach (var query in Queries)
            {
                if (!tokens.TryGetValue(query.User, out var token))
                {
                    tokens[query.User] = token = await TokenAsync(http, query.User);
                    await WarmUpAsync(app.Url, token, query.Path); // JIT tiers settle before the first size is measured
                }
                results[(query.Name, tier)] = await RoundTripAsync(app.Url, token, query.Path, probes);
            }
        }

        var rows = new List<Row>();
        var largest = tiers[^1];
        foreach (var query in Queries)
        {
            var baseline = results[(query.Name, tiers[0])];
            var cells = string.Join("; ", tiers.Select(t => $"{t / 1000}k: {Format(results[(query.Name, t)])}"));
            var ratio = results[(query.Name, largest)].P95 / baseline.P95;
            rows.Add(new($"{query.Name} p50/p95/p99 at {string.Join(" / ", tiers.Select(t => $"{t / 1000}k"))} reports+items", cells,
                $"p95 at 1k: {baseline.P95:F2} ms", $"p95 {largest / 1000}k ≤ 1.5 × 1k → {ratio:F2}× {(ratio <= 1.5 ? "met" : "missed")}"));
        }

        var admin = await TokenAsync(http, "admin");
        using var asAdmin = Client(app.Url, admin);
        var first = await SweepAsync(asAdmin);
        var (firstMs, firstRecorded) = (first.Milliseconds, first.Recorded);
        var steadyRuns = new List<(double Milliseconds, int Recorded, SweepPhases? Phases)>();
        for (var run = 0; run < 5; run++) steadyRuns.Add(await SweepAsync(asAdmin));
        var median = steadyRuns.OrderBy(r => r.Milliseconds).ElementAt(2);
        var steadyMs = median.Milliseconds;
        var phases = median.Phases is { } p
            ? $" (median run: {(p.Full ? "full pass" : "changes since the last pass only")}, {p.Due:N0} reminders due; setup check, users, units, calendar {p.LoadMilliseconds:F0} ms, " +
              $"reports {p.ReportsMilliseconds:F0} ms, items and key checks {p.RectificationMilliseconds:F0} ms)"
            : "";
        var firstKind = first.Phases is { Full: false } ? "changes only" : "full pass";
        var (openItems, scanMs) = RawScan(connectionString);
        rows.Add(new($"reminder sweep over {largest / 1000}k items via POST /api/admin/reminders/sweep: steady (nothing new, median of 5) / first ({firstKind}, records {firstRecorded:N0})",
            $"{steadyMs:F0} / {firstMs:F0} ms{phases}", $"raw SQL scan of the {openItems:N0} open items with a deadline: {scanMs:F0} ms",
            $"steady ≤ 3 × scan → {steadyMs / scanMs:F1}× {(steadyMs <= 3 * scanMs ? "met" : "missed")}"));
        var rss = PeakRssMb(app.Process.Id);
        rows.Add(new($"peak RSS of the app (VmHWM) after the queries and sweeps over {largest / 1000}k items", $"{rss:F0} MB",
            $"data generation: {string.Join(", ", generation)}", $"≤ 300 MB → {(rss <= 300 ? "met" : "missed")}"));
        return rows;
    }

    private static string Format(Percentiles p) => $"{p.P50:F1}/{p.P95:F1}/{p.P99:F1} ms";

    private sealed record SweepPhases(int Due, int Added, double LoadMilliseconds, double ReportsMilliseconds, double RectificationMilliseconds,
        bool Full = true);

    private sealed record SweepResult(int Recorded, double ElapsedMilliseconds, SweepPhases? Phases);

    private static async Task<(double Milliseconds, int Recorded, SweepPhases? Phases)> SweepAsync(HttpClient asAdmin)
    {
        var clock = Stopwatch.StartNew();
        var response = await asAdmin.PostAsync("/api/admin/reminders/sweep", null);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"sweep: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var result = (await response.Content.ReadFromJsonAsync<SweepResult>())!;
        return (elapsed, result.Recorded, result.Phases);
    }

    /// <summary>Reads every column the sweep needs of every open item with a deadline; the median of five runs.</summary>
    private static (int Rows, double Milliseconds) RawScan(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT Id, Code, UnitId, Year, Problem, Deadline, OwnerId, ResponsibleLeader FROM RectificationItems
            WHERE Deadline IS NOT NULL AND Status NOT IN ('Closed', 'LongTerm')
            """;
        var times = new List<double>();
        var rows = 0;
        for (var run = 0; run < 5; run++)
        {
            var clock = Stopwatch.StartNew();
            rows = 0;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                _ = reader.GetGuid(0);
                _ = reader.GetString(1);
                _ = reader.GetGuid(2);
                _ = reader.GetInt32(3);
                _ = reader.GetString(4);
                _ = reader.GetString(5);
                _ = reader.IsDBNull(6) ? null : reader.GetString(6);
                _ = reader.IsDBNull(7) ? null : reader.GetString(7);
                rows++;
            }
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (rows, times[2]);
    }
}
