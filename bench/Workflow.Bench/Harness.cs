using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Workflow.Bench;

/// <summary>One row of the printed table: a figure, its value, the reference measured in the same run, the target.</summary>
internal sealed record Row(string Figure, string Value, string Reference, string Target);

internal sealed record App(Process Process, string Url);

internal sealed record Percentiles(double P50, double P95, double P99);

/// <summary>
/// How a throughput figure is taken: <paramref name="WarmUp"/> of the same load first (JIT tiers, connection pools and caches
/// settle; not counted), then the operations started within <paramref name="Window"/> are counted.
/// </summary>
internal sealed record Load(TimeSpan WarmUp, TimeSpan Window);

/// <summary>Starting app processes and talking to them over HTTP: shared by every part of the bench.</summary>
internal static class Harness
{
    public const string Password = "Bench@2026";
    public const string Body = "第一段。\n二、存在的问题\n一是学习不够深入。\n三、下一步打算\n一是深化理论武装。";

    public static async Task<(App App, TimeSpan ToFirst200)> StartAsync(string dll, string[] args, string probe, string root)
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

    public static void StopProcess(Process process)
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public static async Task<string> TokenAsync(HttpClient http, string userName)
    {
        var response = await http.PostAsJsonAsync("/api/auth/login", new { userName, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    public sealed record TokenResponse(string AccessToken);

    public sealed record Created(Guid Id);

    /// <summary>Each client owns one report and moves it back and forth: drafter submits, secretary returns.</summary>
    public static async Task<double> TransitionsAsync(string url, string drafter, string secretary, int clients, Load load)
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
        return await ThroughputAsync(clients, load, async client =>
        {
            var id = reports[client];
            await Expect(asDrafter.PostAsJsonAsync($"/api/reports/{id}/submit", new { }), "submit");
            await Expect(asSecretary.PostAsJsonAsync($"/api/reports/{id}/return", new { comment = "请补充整改措施。" }), "return");
            return 2;
        });
    }

    /// <summary>
    /// Operations/s of <paramref name="clients"/> concurrent loops of <paramref name="step"/> (given the client's index, it returns
    /// how many operations it did): the load runs for the warm-up uncounted, then the steps started within the window are counted
    /// over the time from the window's start to the last of them finishing.
    /// </summary>
    public static async Task<double> ThroughputAsync(int clients, Load load, Func<int, Task<int>> step)
    {
        var clock = Stopwatch.StartNew();
        var end = load.WarmUp + load.Window;
        var counts = await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var done = 0;
            while (clock.Elapsed < end)
            {
                var counted = clock.Elapsed >= load.WarmUp;
                var operations = await step(client);
                if (counted) done += operations;
            }
            return done;
        }));
        return counts.Sum() / (clock.Elapsed - load.WarmUp).TotalSeconds;
    }

    public static async Task Expect(Task<HttpResponseMessage> call, string what)
    {
        var response = await call;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static HttpClient Client(string url, string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(url) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<Percentiles> RoundTripAsync(string url, string? token, string path, int probes)
    {
        using var client = Client(url, token);
        return await RoundTripAsync(client, path, probes);
    }

    /// <summary>
    /// Round-trip percentiles of GET <paramref name="path"/>: after 20 unmeasured requests, <paramref name="probes"/> sequential
    /// requests, or fewer when they take longer than <see cref="ProbeBudget"/> (never fewer than <see cref="MinimumProbes"/>).
    /// </summary>
    public static async Task<Percentiles> RoundTripAsync(HttpClient client, string path, int probes)
    {
        for (var i = 0; i < 20; i++) (await client.GetAsync(path)).EnsureSuccessStatusCode();
        var samples = new List<double>(probes);
        var budget = Stopwatch.StartNew();
        while (samples.Count < probes && (samples.Count < MinimumProbes || budget.Elapsed < ProbeBudget))
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            samples.Add(clock.Elapsed.TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }
        samples.Sort();
        return new Percentiles(At(0.50), At(0.95), At(0.99));
        double At(double q) => samples[(int)Math.Min(samples.Count - 1, Math.Ceiling(q * samples.Count) - 1)];
    }

    /// <summary>A percentile row's time limit: a slow endpoint gets fewer probes, not minutes of them.</summary>
    public static readonly TimeSpan ProbeBudget = TimeSpan.FromSeconds(8);

    public const int MinimumProbes = 100;

    /// <summary>
    /// Requests GET <paramref name="path"/> for at least 2 s and 50 requests (at most 5 s), unmeasured: before the first size of a growth
    /// figure, so the JIT's tiers settle on the smaller size rather than counting against it.
    /// </summary>
    public static async Task WarmUpAsync(string url, string token, string path)
    {
        using var client = Client(url, token);
        var clock = Stopwatch.StartNew();
        for (var done = 0; clock.Elapsed < TimeSpan.FromSeconds(5) && (done < 50 || clock.Elapsed < TimeSpan.FromSeconds(2)); done++)
            (await client.GetAsync(path)).EnsureSuccessStatusCode();
    }

    public static double PeakRssMb(int pid) => StatusMb(pid, "VmHWM:");

    /// <summary>The process's resident memory now (VmRSS), in MB.</summary>
    public static double ResidentMb(int pid) => StatusMb(pid, "VmRSS:");

    private static double StatusMb(int pid, string field) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith(field, StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).Single();

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
