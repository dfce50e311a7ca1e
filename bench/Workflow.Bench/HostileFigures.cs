using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Workflow.Tests.Shared;
using static Workflow.Bench.Harness;

namespace Workflow.Bench;

/// <summary>
/// Hostile input, each case against its own fresh app process (a copy of one seeded data folder): the answer, how long it
/// took, how far the process's peak RSS rose above where it stood just before, and whether the process still answers.
/// </summary>
internal static class HostileFigures
{
    private sealed record Case(string Name, string User, Func<HttpClient, Task<HttpRequestMessage>> Request);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<Row>> MeasureAsync(string appDll, string root)
    {
        var seeded = Path.Combine(root, "hostile-seed");
        var (seeding, _) = await StartAsync(appDll, Arguments(seeded), "/Account/Login", root);
        StopProcess(seeding.Process);

        var rows = new List<Row>();
        foreach (var hostile in Cases())
        {
            var data = Path.Combine(root, "hostile-" + rows.Count);
            Copy(seeded, data);
            var (app, _) = await StartAsync(appDll, Arguments(data), "/Account/Login", root);
            try
            {
                rows.Add(await MeasureAsync(app, hostile));
            }
            finally
            {
                StopProcess(app.Process);
            }
        }
        return rows;
    }

    private static string[] Arguments(string data) =>
    [
        "--environment", "Benchmark", $"--App:DataDirectory={data}", "--Demo:Seed=true", $"--Demo:Password={Password}",
        "--Reminders:JobsEnabled=false", "--Logging:LogLevel:Default=Critical",
    ];

    private static async Task<Row> MeasureAsync(App app, Case hostile)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = Patience };
        var token = await TokenAsync(http, hostile.User);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await http.GetAsync("/api/inbox")).EnsureSuccessStatusCode();
        using var request = await hostile.Request(http);
        var before = Rss(app.Process.Id, "VmRSS:");
        ResetPeak(app.Process.Id);
        var clock = Stopwatch.StartNew();
        string answer;
        var status = 0;
        try
        {
            using var response = await http.SendAsync(request);
            status = (int)response.StatusCode;
            answer = $"{status} {await ProblemTypeAsync(response)}";
        }
        catch (TaskCanceledException)
        {
            answer = $"no answer within {Patience.TotalSeconds:F0} s";
        }
        catch (HttpRequestException e)
        {
            answer = $"connection lost ({e.HttpRequestError})";
        }
        var elapsed = clock.Elapsed;
        var alive = !app.Process.HasExited && await AnswersAsync(app.Url);
        var growth = Rss(app.Process.Id, "VmHWM:") - before;
        var met = status is > 0 and < 500 && elapsed <= TimeSpan.FromSeconds(2) && growth <= 100 && alive;
        return new Row($"hostile: {hostile.Name}", answer,
            $"{elapsed.TotalMilliseconds:F0} ms; peak RSS +{(double.IsNaN(growth) ? "—" : growth.ToString("F0"))} MB over {before:F0} MB; " +
            (alive ? "still answers" : "DEAD"),
            $"a clear answer (no 5xx) within 2 s, ≤ +100 MB, alive → {(met ? "met" : "missed")}");
    }

    private static IEnumerable<Case> Cases()
    {
        yield return new("formula chain A2=A3&\"\"… 100,000 deep (.xlsx), drafter, POST /api/rectifications/import", "drafter.kexie",
            _ => Task.FromResult(Upload(HttpMethod.Post, "/api/rectifications/import", HostileXlsx.FormulaChain(100_000), "台账.xlsx")));
        yield return new("one value in row 1,048,576 (.xlsx), drafter, POST /api/rectifications/import", "drafter.kexie",
            _ => Task.FromResult(Upload(HttpMethod.Post, "/api/rectifications/import", HostileXlsx.Workbook(HostileXlsx.Sheet(HostileXlsx.HeaderRow() + "<row r=\"2\">" + HostileXlsx.Text("A2", "学习不够深入") + "</row><row r=\"1048576\">" + HostileXlsx.Text("A1048576", "x") + "</row>")), "台账.xlsx")));
        yield return new("16,384 header columns (.xlsx), drafter, POST /api/rectifications/import", "drafter.kexie",
            _ => Task.FromResult(Upload(HttpMethod.Post, "/api/rectifications/import", WideHeader(), "台账.xlsx")));
        yield return new("zip bomb: a 500 MB sheet in a 1 MB .xlsx, drafter, POST /api/rectifications/import", "drafter.kexie",
            _ => Task.FromResult(Upload(HttpMethod.Post, "/api/rectifications/import", HostileXlsx.ZipBomb(500L * 1024 * 1024), "台账.xlsx")));
        var bomb = HostileFiles.EmptyParagraphBomb();
        yield return new($"50 M characters of empty paragraphs (.docx, {bomb.Length / 1024} KB), committee (may not import), POST /api/reports/import",
            "committee.gongwei", _ => Task.FromResult(Upload(HttpMethod.Post, "/api/reports/import", bomb, "报告.docx", ("year", "2041"))));
        yield return new($"the same .docx, drafter, POST /api/reports/import", "drafter.kexie",
            _ => Task.FromResult(Upload(HttpMethod.Post, "/api/reports/import", bomb, "报告.docx", ("year", "2041"))));
        yield return new("100,000 zip entries (8.6 MB) named .docx, drafter, POST /api/reports/import", "drafter.kexie",
            _ => Task.FromResult(Upload(HttpMethod.Post, "/api/reports/import", HostileFiles.ManyEntries(100_000), "报告.docx", ("year", "2042"))));
        yield return new("100,000 nested elements in document.xml (.docx), drafter, POST /api/reports/import", "drafter.kexie",
            _ => Task.FromResult(Upload(HttpMethod.Post, "/api/reports/import", HostileFiles.DeeplyNested(100_000), "报告.docx", ("year", "2045"))));
        yield return new("25 MB body, drafter, PUT /api/reports/{id}", "drafter.kexie", async http =>
        {
            var id = await DraftAsync(http, 2043);
            var json = $$"""{"title":"标题","body":"{{new string('报', 25 * 1024 * 1024 / 3)}}"}""";
            return new HttpRequestMessage(HttpMethod.Put, $"/api/reports/{id}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        });
        yield return new("diff of two revisions that are each one 200,000-character sentence, drafter, GET /api/reports/{id}/diff", "drafter.kexie",
            async http =>
            {
                var id = await DraftAsync(http, 2044);
                foreach (var c in "甲乙")
                    (await http.PutAsJsonAsync($"/api/reports/{id}", new { title = "标题", body = new string(c, 100_000) + "丙" + new string(c, 99_999) }))
                        .EnsureSuccessStatusCode();
                return new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{id}/diff?from=2&to=3");
            });
    }

    private static byte[] WideHeader() => HostileXlsx.Workbook(HostileXlsx.Sheet(w =>
    {
        w.Write("<row r=\"1\">");
        for (var c = 1; c <= 16_384; c++) w.Write($"<c t=\"inlineStr\"><is><t>{(c == 1 ? "问题描述" : "列" + c)}</t></is></c>");
        w.Write("</row>");
    }));

    private static async Task<Guid> DraftAsync(HttpClient http, int year)
    {
        var response = await http.PostAsJsonAsync("/api/reports", new { title = $"{year}年度报告", year, body = Body });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    private static HttpRequestMessage Upload(HttpMethod method, string path, byte[] file, string name, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(file), "file", name);
        foreach (var (field, value) in fields) form.Add(new StringContent(value), field);
        return new HttpRequestMessage(method, path) { Content = form };
    }

    private static async Task<string> ProblemTypeAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return "";
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.TryGetProperty("type", out var type) ? type.GetString()!.Split(':')[^1] : "";
    }

    private static async Task<bool> AnswersAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return (await http.GetAsync(url + "/health/live")).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    // NaN once the process has died (a dying process loses its memory lines before it is reaped).
    private static double Rss(int pid, string field)
    {
        try
        {
            return File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith(field, StringComparison.Ordinal))
                .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).DefaultIfEmpty(double.NaN).First();
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    // Writing 5 to clear_refs resets VmHWM to the current RSS, so the peak read afterwards belongs to this request alone.
    private static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    private static void Copy(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(directory.Replace(from, to));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to));
    }
}
