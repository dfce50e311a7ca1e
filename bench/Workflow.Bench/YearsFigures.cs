using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Workflow.Host.Data;
using static Workflow.Bench.Harness;

namespace Workflow.Bench;

/// <summary>
/// History: 100 agencies with this year only, then the same agencies with ten years (earlier years approved, their items in every
/// state), and the daily pages of each role at both sizes. What people open every day must not slow down as years accumulate.
/// </summary>
internal static class YearsFigures
{
    /// <summary>One measured request: a name for the table, the path (<c>{cycle}</c> is this year's cycle id, <c>{year}</c> this year) and who asks.</summary>
    private sealed record Endpoint(string Name, string Path, string User);

    private static readonly ScaleData.Space Space = ScaleData.Space.Years;

    /// <summary>What is measured; to add an endpoint, add one line.</summary>
    private static readonly Endpoint[] Endpoints =
    [
        new("GET /api/inbox, drafter", "/api/inbox", Space.DrafterUser(7)),
        new("GET /api/inbox, secretary", "/api/inbox", Space.SecretaryUser(3)),
        new("GET /api/inbox, committee", "/api/inbox", Space.CommitteeUser(0)),
        new("GET /api/inbox/rectifications, drafter", "/api/inbox/rectifications", Space.DrafterUser(7)),
        new("GET /api/reports, committee (every year)", "/api/reports", Space.CommitteeUser(0)),
        new("GET /api/reports?status=CommitteeReview, committee", "/api/reports?status=CommitteeReview", Space.CommitteeUser(0)),
        new("GET /api/reports?page=1, committee (first page)", "/api/reports?page=1&pageSize=50", Space.CommitteeUser(0)),
        new("GET /api/reports?q=…, committee (search)", "/api/reports?q=%E5%9B%9B%E7%A7%8D%E5%BD%A2%E6%80%81&page=1&pageSize=50", Space.CommitteeUser(0)),
        new("GET /api/cycles/{id}/status, committee", "/api/cycles/{cycle}/status", Space.CommitteeUser(0)),
        new("GET /api/statistics?year=, committee", "/api/statistics?year={year}", Space.CommitteeUser(0)),
    ];

    public static async Task<IReadOnlyList<Row>> MeasureAsync(App app, string databaseFile, bool quick)
    {
        var agencies = quick ? 20 : 100;
        // 200 probes give the p50 and p95 these rows show (ten endpoints, each twice: 400 cost a minute of the run).
        var probes = quick ? 100 : 200;
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={databaseFile};Default Timeout=60").Options;
        using var data = new ScaleData(() => new AppDbContext(options), DateTimeOffset.UtcNow, Space);
        using var http = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(10) };

        var clock = Stopwatch.StartNew();
        await data.AddAgenciesWithThisYearAsync(agencies);
        var oneYear = clock.Elapsed;
        var (cycle, year) = await CycleIdAsync(options);
        var tokens = new Dictionary<string, string>();
        foreach (var user in Endpoints.Select(e => e.User).Distinct()) tokens[user] = await TokenAsync(http, user);
        string PathOf(Endpoint e) => e.Path.Replace("{cycle}", cycle.ToString()).Replace("{year}", year.ToString());
        // Warm-up: JIT tiers settle before the first size is measured.
        foreach (var e in Endpoints) await WarmUpAsync(app.Url, tokens[e.User], PathOf(e));

        var first = new Dictionary<Endpoint, Percentiles>();
        foreach (var e in Endpoints) first[e] = await RoundTripAsync(app.Url, tokens[e.User], PathOf(e), probes);
        clock.Restart();
        await data.AddEarlierYearsAsync();
        var nineYears = clock.Elapsed;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var tenth = new Dictionary<Endpoint, Percentiles>();
        foreach (var e in Endpoints) tenth[e] = await RoundTripAsync(app.Url, tokens[e.User], PathOf(e), probes);

        var generated = $"{agencies} agencies: this year {oneYear.TotalSeconds:F1} s, nine earlier years {nineYears.TotalSeconds:F1} s";
        return Endpoints.Select(e =>
        {
            var ratio = tenth[e].P95 / first[e].P95;
            return new Row($"{e.Name}, {agencies} agencies × 1 / 10 years, p50/p95", $"{Format(first[e])} → {Format(tenth[e])}", generated,
                $"p95 10 years ≤ 1.5 × 1 year → {ratio:F2}× {(ratio <= 1.5 ? "met" : "missed")}");
        }).ToList();
    }

    private static string Format(Percentiles p) => $"{p.P50:F1}/{p.P95:F1} ms";

    private static async Task<(Guid Cycle, int Year)> CycleIdAsync(DbContextOptions<AppDbContext> options)
    {
        await using var db = new AppDbContext(options);
        var year = DateTimeOffset.UtcNow.AddMonths(-1).Year;
        return (await db.Cycles.Where(c => c.Year == year).Select(c => c.Id).SingleAsync(), year);
    }
}
