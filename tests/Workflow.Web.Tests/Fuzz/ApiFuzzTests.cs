using System.Globalization;
using Workflow.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Workflow.Web.Tests.Fuzz;

/// <summary>
/// Issue 12, "no input from a signed-in user can take the service down": every operation of the app's own OpenAPI document,
/// as every role, with generated valid-looking and hostile requests over a real socket, on an app of its own. Seeded
/// (FUZZ_SEED, default <see cref="ApiFuzzer.DefaultSeed"/>), so a failure replays; FUZZ_REQUESTS sets the SQLite run's size.
/// </summary>
public sealed class ApiFuzzTests(ITestOutputHelper output)
{
    public const int MinimumRequests = 2000;
    public const int DefaultRequests = 6000;
    public const int PostgresRequests = 500;

    private static int Seed => Environment.GetEnvironmentVariable("FUZZ_SEED") is { Length: > 0 } seed
        ? int.Parse(seed, CultureInfo.InvariantCulture) : ApiFuzzer.DefaultSeed;

    private static int Requests => Environment.GetEnvironmentVariable("FUZZ_REQUESTS") is { Length: > 0 } count
        ? int.Parse(count, CultureInfo.InvariantCulture) : DefaultRequests;

    [Fact]
    public async Task No_generated_request_breaks_the_api_on_sqlite()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var app = new AppFactory();
        using var fuzzer = await ApiFuzzer.StartAsync(app);
        output.WriteLine($"app started and fuzz prepared in {clock.Elapsed.TotalSeconds:0.0} s (preparation {fuzzer.PreparedIn.TotalSeconds:0.0} s); {fuzzer.CoverageCount} requests cover every case");
        AssertEveryKindOfOperationIsFuzzed(fuzzer);
        Assert.True(Requests >= fuzzer.CoverageCount, $"{Requests} requests cannot cover the {fuzzer.CoverageCount} mutations and roles; raise FUZZ_REQUESTS");

        var outcome = await fuzzer.RunAsync("SQLite", Seed, Math.Max(Requests, MinimumRequests));

        output.WriteLine(outcome.Summary);
        Assert.True(outcome.Failures.Count == 0, outcome.Report());
        Assert.True(outcome.Undeclared.Count == 0, outcome.UndeclaredReport());
    }

    /// <summary>Fewer requests, those putting NUL and other odd text where the database sees it first: PostgreSQL is stricter than SQLite.</summary>
    [Fact]
    public async Task No_generated_request_breaks_the_api_on_postgresql()
    {
        await using var app = new PostgresAppFactory();
        using var fuzzer = await ApiFuzzer.StartAsync(app);

        var outcome = await fuzzer.RunAsync("PostgreSQL", Seed, PostgresRequests, ReachesTheDatabaseWithOddText);

        output.WriteLine(outcome.Summary);
        Assert.True(outcome.Failures.Count == 0, outcome.Report());
        Assert.True(outcome.Undeclared.Count == 0, outcome.UndeclaredReport());
    }

    private static bool ReachesTheDatabaseWithOddText(string @case) =>
        @case.StartsWith("multipart:hostile-", StringComparison.Ordinal) || @case.EndsWith(":huge", StringComparison.Ordinal)
        || (@case.StartsWith("hostile-text:", StringComparison.Ordinal) && RequestGenerator.HasNul(@case))
        || (@case.StartsWith("query:", StringComparison.Ordinal) && (@case.EndsWith(":control", StringComparison.Ordinal)
            || @case.EndsWith(":noncharacter", StringComparison.Ordinal)));

    /// <summary>A document read wrongly would make a fuzz that sends nothing and passes.</summary>
    private static void AssertEveryKindOfOperationIsFuzzed(ApiFuzzer fuzzer)
    {
        var operations = fuzzer.Operations.Select(op => op.ToString()).ToList();
        Assert.Contains("POST /api/auth/login", operations);
        Assert.Contains("POST /api/admin/reminders/sweep", operations);
        Assert.Contains("DELETE /api/rectifications/{id}/evidence/{fileId}", operations);
        Assert.Equal(5, fuzzer.Operations.Count(op => op.SendsMultipart));
        Assert.True(fuzzer.Operations.Count(op => op.SendsJson) >= 15, string.Join(", ", operations));
        Assert.True(operations.Count >= 39, string.Join(", ", operations));
    }
}
