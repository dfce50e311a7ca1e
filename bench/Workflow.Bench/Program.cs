using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace Workflow.Bench;

/// <summary>Measures the app (a real process on SQLite) side by side with references taken in the same run.</summary>
internal static class Program
{
    private const string Password = "Bench@2026";
    private const string Body = "第一段。\n二、存在的问题\n一是学习不够深入。\n三、下一步打算\n一是深化理论武装。";

    private static async Task<int> Main(string[] args)
    {
        var appDll = args[0];
        var emptyDll = args[1];
        var quick = args.Contains("--quick");
        var window = TimeSpan.FromSeconds(quick ? 5 : 30);
        var probes = quick ? 200 : 2000;
        const int clients = 4;
        var root = Path.Combine(Path.GetTempPath(), "approvalflow-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var rows = new List<(string Figure, string Value, string Reference, string Target)>();
        try
        {
            var rawInserts = RawSqliteInserts(Path.Combine(root, "raw.db"), window);

            var (emptyProcess, emptyStart) = await StartAsync(emptyDll, [], "/", root);
            StopProcess(emptyProcess.Process);
            var (app, appStart) = await StartAsync(appDll,
            [
                "--environment", "Benchmark", $"--App:DataDirectory={Path.Combine(root, "app")}", "--Demo:Seed=true", $"--Demo:Password={Password}",
                "--Reminders:JobsEnabled=false", "--Logging:LogLevel:Default=Warning",
            ], "/Account/Login", root);
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(app.Url) };
                var drafter = await TokenAsync(http, "drafter.haishi");
                var secretary = await TokenAsync(http, "secretary.haishi");

                var transitions = await TransitionsAsync(app.Url, drafter, secretary, clients, window);
                var inbox = await RoundTripAsync(app.Url, secretary, "/api/inbox", probes);
                var trivial = await RoundTripAsync(app.Url, null, "/health/live", probes);
                var rss = PeakRssMb(app.Process.Id);

                rows.Add(($"transitions/s via HTTP API ({clients} clients, submit/return)", $"{transitions:F0}",
                    $"raw SQLite insert tx/s (WAL, synchronous=FULL): {rawInserts:F0}", $"≥ 25 % → {100 * transitions / rawInserts:F0} %"));
                rows.Add(("GET /api/inbox round trip p50 / p95", $"{inbox.P50:F2} / {inbox.P95:F2} ms",
                    $"GET /health/live: {trivial.P50:F2} / {trivial.P95:F2} ms", $"ratio p50 {inbox.P50 / trivial.P50:F1}×"));
                rows.Add(("cold start to first 200 (incl. migrations, demo seed)", $"{appStart.TotalMilliseconds:F0} ms",
                    $"empty ASP.NET Core app: {emptyStart.TotalMilliseconds:F0} ms", $"{appStart / emptyStart:F1}×"));
                rows.Add(("peak RSS of the app (VmHWM)", $"{rss:F0} MB", "—", $"≤ 300 MB → {(rss <= 300 ? "met" : "missed")}"));
            }
            finally
            {
                StopProcess(app.Process);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }

        Console.WriteLine($"ApprovalFlow bench ({(quick ? "quick" : "full")}, {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, SQLite)");
        Console.WriteLine();
        Console.WriteLine("| figure | measured | reference in the same run | target |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (figure, value, reference, target) in rows)
            Console.WriteLine($"| {figure} | {value} | {reference} | {target} |");
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

    private sealed record App(Process Process, string Url);

    private static async Task<(App App, TimeSpan ToFirst200)> StartAsync(string dll, string[] args, string probe, string root)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var a in (string[])[dll, "--urls", url, .. args]) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{dll} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (process.HasExited) throw new InvalidOperationException($"{dll} exited with {process.ExitCode}");
            try
            {
                if ((await http.GetAsync(url + probe)).StatusCode == HttpStatusCode.OK) return (new App(process, url), clock.Elapsed);
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(10);
        }
        throw new TimeoutException($"{dll} did not answer 200 on {probe} within 2 minutes");
    }

    private static void StopProcess(Process process)
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    private static async Task<string> TokenAsync(HttpClient http, string userName)
    {
        var response = await http.PostAsJsonAsync("/api/auth/login", new { userName, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    private sealed record TokenResponse(string AccessToken);

    private sealed record Created(Guid Id);

    /// <summary>Each client owns one report and moves it back and forth: drafter submits, secretary returns.</summary>
    private static async Task<double> TransitionsAsync(string url, string drafter, string secretary, int clients, TimeSpan window)
    {
        using var asDrafter = Client(url, drafter);
        using var asSecretary = Client(url, secretary);
        var reports = new List<Guid>();
        for (var i = 0; i < clients; i++)
        {
            var year = 2040 + i;
            var response = await asDrafter.PostAsJsonAsync("/api/reports",
                new { title = $"中共市海事法院党组关于{year}年度落实全面从严治党主体责任情况的报告", year, body = Body });
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"create: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            reports.Add((await response.Content.ReadFromJsonAsync<Created>())!.Id);
        }
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(reports.Select(async id =>
        {
            var done = 0;
            while (clock.Elapsed < window)
            {
                await Expect(asDrafter.PostAsJsonAsync($"/api/reports/{id}/submit", new { }), "submit");
                await Expect(asSecretary.PostAsJsonAsync($"/api/reports/{id}/return", new { comment = "请补充整改措施。" }), "return");
                done += 2;
            }
            return done;
        }));
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }

    private static async Task Expect(Task<HttpResponseMessage> call, string what)
    {
        var response = await call;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static HttpClient Client(string url, string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(url) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed record Percentiles(double P50, double P95, double P99);

    private static async Task<Percentiles> RoundTripAsync(string url, string? token, string path, int probes)
    {
        using var client = Client(url, token);
        for (var i = 0; i < 20; i++) (await client.GetAsync(path)).EnsureSuccessStatusCode();
        var samples = new double[probes];
        for (var i = 0; i < probes; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            samples[i] = clock.Elapsed.TotalMilliseconds;
            response.EnsureSuccessStatusCode();
        }
        Array.Sort(samples);
        return new Percentiles(At(0.50), At(0.95), At(0.99));
        double At(double q) => samples[(int)Math.Min(samples.Length - 1, Math.Ceiling(q * samples.Length) - 1)];
    }

    private static double PeakRssMb(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).Single();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
