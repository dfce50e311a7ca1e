using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using static Workflow.Bench.Harness;

namespace Workflow.Bench;

/// <summary>
/// The references of issue 18 beside the app's figures: the "HTTP + one durable write" limit (bench/WriteApp on the same
/// store), the report page against the inbox, requests/s under a real load tool (wrk) and the start on an already-migrated
/// database.
/// </summary>
internal static partial class MachineLimits
{
    /// <summary>Writes/s of bench/WriteApp: a bearer-authorised POST that inserts one row in its own durable transaction.</summary>
    public static async Task<double> MinimalWritesAsync(string writeDll, string[] storeArgs, string root, int clients, Load load)
    {
        var (app, _) = await StartAsync(writeDll, storeArgs, "/", root);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Url) };
            var login = await http.PostAsJsonAsync("/login", new { userName = "secretary" });
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
            using var client = Client(app.Url, token);
            var reports = Enumerable.Range(0, clients).Select(_ => Guid.NewGuid()).ToArray();
            return await ThroughputAsync(clients, load, async c =>
            {
                await Expect(client.PostAsJsonAsync($"/write/{reports[c]}", new { comment = "请补充整改措施。" }), "write");
                return 1;
            });
        }
        finally
        {
            StopProcess(app.Process);
        }
    }

    /// <summary>
    /// A report as long as the longest sample, with 20 revisions and a journal of submissions and returns, owned by
    /// <paramref name="drafter"/>; returns its id.
    /// </summary>
    public static async Task<Guid> LongReportAsync(string url, string drafter, string secretary, string samplesDir)
    {
        var longest = Directory.EnumerateFiles(samplesDir, "*.txt").OrderByDescending(f => new FileInfo(f).Length).First();
        var text = await File.ReadAllTextAsync(longest);
        using var asDrafter = Client(url, drafter);
        using var asSecretary = Client(url, secretary);
        const string title = "中共市海事法院党组关于2039年度落实全面从严治党主体责任情况的报告";
        var created = await asDrafter.PostAsJsonAsync("/api/reports", new { title, year = 2039, body = text });
        if (!created.IsSuccessStatusCode) throw new InvalidOperationException($"create: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        var id = (await created.Content.ReadFromJsonAsync<Created>())!.Id;
        for (var round = 0; round < 5; round++)
        {
            for (var edit = 0; edit < 4; edit++)
            {
                var n = round * 4 + edit + 1;
                text = ReplaceOnce(text, n * text.Length / 24, "。", $"（第{n}次修改）。");
                await Expect(asDrafter.PutAsJsonAsync($"/api/reports/{id}", new { title, body = text }), "edit");
            }
            await Expect(asDrafter.PostAsJsonAsync($"/api/reports/{id}/submit", new { }), "submit");
            if (round < 4)
                await Expect(asSecretary.PostAsJsonAsync($"/api/reports/{id}/return",
                    new { comment = "一、请补充问题清单。\n二、整改措施请写明责任人和时限。" }), "return");
        }
        return id;
    }

    private static string ReplaceOnce(string text, int from, string what, string with)
    {
        var at = text.IndexOf(what, from, StringComparison.Ordinal);
        return at < 0 ? text + with : text[..at] + with + text[(at + what.Length)..];
    }

    /// <summary>A page client signed in through the login form (cookie and antiforgery token, as a browser does).</summary>
    public static async Task<(HttpClient Client, CookieContainer Cookies)> PageClientAsync(string url, string userName)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
        var login = await client.GetStringAsync("/Account/Login");
        var token = TokenPattern().Match(login).Groups[1].Value;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName, ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"page login: {(int)response.StatusCode}");
        return (client, cookies);
    }

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="__RequestVerificationToken" """)]
    private static partial Regex TokenPattern();

    /// <summary>Requests/s (and p99) of GET <paramref name="path"/> by wrk at 16 connections, or why there is no figure.</summary>
    public static async Task<string> WrkAsync(string url, string path, string? header, int seconds)
    {
        var start = new ProcessStartInfo("wrk") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["-t2", "-c16", $"-d{seconds}s", "--latency"]) start.ArgumentList.Add(a);
        if (header is not null) { start.ArgumentList.Add("-H"); start.ArgumentList.Add(header); }
        start.ArgumentList.Add(url + path);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "wrk not installed (apt-get install wrk)";
        }
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var rate = Regex.Match(output, @"Requests/sec:\s*([\d.]+)");
        var non2xx = Regex.Match(output, @"Non-2xx or 3xx responses:\s*(\d+)");
        var p99 = Regex.Match(output, @"\s99%\s+([\d.]+\w+)");
        if (!rate.Success) return "wrk gave no figure: " + output.ReplaceLineEndings(" ");
        var perSecond = double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture);
        return $"{perSecond:F0} req/s (p99 {(p99.Success ? p99.Groups[1].Value : "?")}{(non2xx.Success ? $", {non2xx.Groups[1].Value} non-2xx" : "")})";
    }

    public static string CookieHeader(CookieContainer cookies, string url) => "Cookie: " + cookies.GetCookieHeader(new Uri(url));
}
