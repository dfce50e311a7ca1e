using System.Diagnostics;
using System.Net.Http.Json;
using static Workflow.Bench.Harness;

namespace Workflow.Bench;

/// <summary>
/// Texts built to hurt, through the API: the revision diff of two one-sentence 200,000-character revisions, the checks of
/// 100,000 placeholders and the problem extraction over 50,000 "存在问题", each next to the same call on an ordinary report.
/// Before the bounds these took minutes (diff: 134 s) or did not finish, keeping a core busy after the client left.
/// </summary>
internal static class HostileTextFigures
{
    private const int Length = 200_000;

    public static async Task<IReadOnlyList<Row>> MeasureAsync(string url, string drafter, string secretary)
    {
        using var asDrafter = Client(url, drafter);
        using var asSecretary = Client(url, secretary);
        asDrafter.Timeout = asSecretary.Timeout = TimeSpan.FromMinutes(3);

        var ordinary = await ReportAsync(asDrafter, asSecretary, 2060, Body, Body.Replace("学习不够深入", "理论学习不够深入"));
        var sentences = await ReportAsync(asDrafter, asSecretary, 2061, Cycle("加强党的建设全面从严治党"), Cycle("落实主体责任压实监督职责"));
        var placeholders = await ReportAsync(asDrafter, asSecretary, 2062, Cycle("x "), null);
        var markers = await ReportAsync(asDrafter, asSecretary, 2063, Cycle("存在问题"), null);

        var diff = await MedianAsync(() => asSecretary.GetAsync($"/api/reports/{sentences}/diff?from=1&to=2"));
        var diffReference = await MedianAsync(() => asSecretary.GetAsync($"/api/reports/{ordinary}/diff?from=1&to=2"));
        var checks = await MedianAsync(() => asDrafter.GetAsync($"/api/reports/{placeholders}/checks"));
        var checksReference = await MedianAsync(() => asDrafter.GetAsync($"/api/reports/{ordinary}/checks"));
        var problems = await MedianAsync(() => asDrafter.PostAsync($"/api/reports/{markers}/problems", null));
        var problemsReference = await MedianAsync(() => asDrafter.PostAsync($"/api/reports/{ordinary}/problems", null));

        return
        [
            new("GET /api/reports/{id}/diff, two revisions of one 200,000-character sentence each (median of 3)", $"{diff:F0} ms",
                $"diff of an ordinary report: {diffReference:F0} ms", $"≤ 1,000 ms → {Met(diff, 1_000)}"),
            new("GET /api/reports/{id}/checks, 200,000 characters of \"x \" (100,000 findings)", $"{checks:F0} ms",
                $"checks of an ordinary report: {checksReference:F0} ms", $"≤ 5,000 ms → {Met(checks, 5_000)}"),
            new("POST /api/reports/{id}/problems, \"存在问题\" 50,000 times", $"{problems:F0} ms",
                $"problems of an ordinary report: {problemsReference:F0} ms", $"≤ 1,000 ms → {Met(problems, 1_000)}"),
        ];
    }

    private static string Met(double value, double target) => value <= target ? "met" : "missed";

    private static string Cycle(string pattern) =>
        string.Create(Length, pattern, (chars, p) => { for (var i = 0; i < chars.Length; i++) chars[i] = p[i % p.Length]; });

    /// <summary>A haishi report of <paramref name="year"/>; with a second body, returned by the secretary and revised.</summary>
    private static async Task<Guid> ReportAsync(HttpClient drafter, HttpClient secretary, int year, string body, string? revised)
    {
        var response = await drafter.PostAsJsonAsync("/api/reports",
            new { title = $"中共市海事法院党组关于{year}年度落实全面从严治党主体责任情况的报告", year, body });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"create: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var id = (await response.Content.ReadFromJsonAsync<Created>())!.Id;
        if (revised is null) return id;
        await Expect(drafter.PostAsJsonAsync($"/api/reports/{id}/submit", new { }), "submit");
        await Expect(secretary.PostAsJsonAsync($"/api/reports/{id}/return", new { comment = "请重写。" }), "return");
        await Expect(drafter.PutAsJsonAsync($"/api/reports/{id}", new { title = "报告", body = revised }), "revise");
        return id;
    }

    private static async Task<double> MedianAsync(Func<Task<HttpResponseMessage>> call)
    {
        var samples = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await call();
            await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode}");
            // The first call warms the JIT up and is not counted.
            if (i > 0) samples.Add(clock.Elapsed.TotalMilliseconds);
        }
        samples.Sort();
        return samples[samples.Count / 2];
    }
}
