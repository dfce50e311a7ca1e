using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Workflow.Tests.Shared;
using static Workflow.Bench.Harness;

namespace Workflow.Bench;

/// <summary>
/// Hostile uploads (issue 12): the 100,000-deep formula chain and a 500 MB zip bomb posted to the ledger import, each with its
/// answer, time and the app's RSS growth, next to a plain one-row import; the target is a 400 and a process that serves the next import.
/// </summary>
internal static class HostileFigures
{
    public static async Task<IReadOnlyList<Row>> MeasureAsync(App app, string token)
    {
        using var client = Client(app.Url, token);
        var plain = HostileXlsx.Workbook(HostileXlsx.Sheet(HostileXlsx.HeaderRow() + "<row r=\"2\">" + HostileXlsx.Text("A2", "基准导入") + "</row>"));
        await PostAsync(client, app, plain); // the first import pays for JIT and the first workbook opened
        var (_, _, reference) = await PostAsync(client, app, plain);
        var rows = new List<Row>();
        foreach (var (name, file) in new (string, Func<byte[]>)[]
                 {
                     ("formula chain 100,000 deep (A2=A3&\"\"…)", () => HostileXlsx.FormulaChain(100_000)),
                     ("zip bomb (500 MB sheet in a 1 MB file)", () => HostileXlsx.ZipBomb(500L * 1024 * 1024)),
                 })
        {
            var (answer, growth, elapsed) = await PostAsync(client, app, file());
            var (next, _, _) = await PostAsync(client, app, plain);
            var met = answer.StartsWith("400 ", StringComparison.Ordinal) && next.StartsWith("200", StringComparison.Ordinal);
            rows.Add(new($"POST /api/rectifications/import, {name}: answer, time, RSS growth", $"{answer}, {elapsed:F0} ms, +{growth:F0} MB",
                $"one-row sheet: {reference:F0} ms", $"400 and the next import 200 → {(met ? "met" : $"missed ({next})")}"));
        }
        return rows;
    }

    private static async Task<(string Answer, double RssGrowthMb, double Milliseconds)> PostAsync(HttpClient client, App app, byte[] xlsx)
    {
        var before = RssMb(app.Process.Id);
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(xlsx);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", "台账.xlsx");
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await client.PostAsync("/api/rectifications/import", form);
            var body = await response.Content.ReadAsStringAsync();
            var elapsed = clock.Elapsed.TotalMilliseconds;
            var type = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ? " " + JsonDocument.Parse(body).RootElement.GetProperty("type").GetString()!.Split(':')[^1]
                : "";
            return ($"{(int)response.StatusCode}{type}", RssMb(app.Process.Id) - before, elapsed);
        }
        catch (HttpRequestException e)
        {
            return ($"no answer ({e.Message})", double.NaN, clock.Elapsed.TotalMilliseconds);
        }
    }

    // A process that died has no status file left: its figure is "not a number", and the row says "no answer".
    private static double RssMb(int pid)
    {
        try
        {
            return ResidentMb(pid);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
