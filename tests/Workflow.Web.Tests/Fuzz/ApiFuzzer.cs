using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Fuzz;

/// <summary>An answer that breaks the contract: a 5xx, no answer at all, or a 4xx that is not our problem+json.</summary>
public sealed record FuzzFailure(FuzzRequest Request, int? Status, string What, string Answer)
{
    public override string ToString() =>
        $"{Request.Describe()}\n    → {(Status is { } s ? s.ToString(CultureInfo.InvariantCulture) : "no answer")}: {What}{(Answer.Length > 0 ? " — " + Answer : "")}";
}

/// <summary>What a run sent and what broke.</summary>
public sealed record FuzzOutcome(string Label, int Seed, int Sent, TimeSpan Elapsed, IReadOnlyList<FuzzFailure> Failures, IReadOnlyDictionary<int, int> Statuses,
    IReadOnlyDictionary<string, int> Undeclared)
{
    public const int Listed = 50;

    public string Summary =>
        $"{Label}: {Sent:N0} requests in {Elapsed.TotalSeconds:0.0} s, seed {Seed}; answers {string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}";

    /// <summary>Answers the OpenAPI document does not list for their operation: "POST /api/x → 415 (content-type) ×2", one a line.</summary>
    public string UndeclaredReport() =>
        $"{Undeclared.Count} answers of {Label} are not in the operation's responses in /openapi/v1.json (declare them on the endpoint):\n" +
        string.Join("\n", Undeclared.Select(u => $"{u.Key} ×{u.Value}"));

    /// <summary>The failure message: how to rerun, then up to <see cref="Listed"/> failures with their requests.</summary>
    public string Report() =>
        $"{Failures.Count} of {Sent:N0} fuzzed requests broke the API contract ({Label}, seed {Seed}; rerun with FUZZ_SEED={Seed} " +
        $"dotnet test tests/Workflow.Web.Tests --filter \"FullyQualifiedName~Fuzz\").\n" +
        string.Join("\n", Failures.Take(Listed)) +
        (Failures.Count > Listed ? $"\n… and {Failures.Count - Listed} more." : "");
}

/// <summary>
/// Fuzzes the real app over a real socket from its own OpenAPI document: every operation, as every role, with valid-looking
/// requests and mutations of them (<see cref="RequestGenerator"/>); checks every answer against the contract of issue 12.
/// Requests go one at a time, so a seed replays the same run.
/// </summary>
public sealed class ApiFuzzer : IDisposable
{
    public const int DefaultSeed = 20261125;

    /// <summary>
    /// Beyond the app's own request timeout (Limits:RequestTimeout, 30 s), so a slow request gets its 503/504 problem first;
    /// no answer by then counts as the service hanging.
    /// </summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(45);

    private static readonly FuzzRole[] Roles = Enum.GetValues<FuzzRole>();

    /// <summary>Mutations go mostly to signed-in users: an anonymous request stops at the 401.</summary>
    private static readonly FuzzRole[] MutationRoles =
        [FuzzRole.Drafter, FuzzRole.Drafter, FuzzRole.Drafter, FuzzRole.Secretary, FuzzRole.Secretary, FuzzRole.Inspector,
         FuzzRole.Committee, FuzzRole.Committee, FuzzRole.Admin, FuzzRole.Anonymous];

    private readonly HttpClient _client;
    private readonly ServerExceptions _exceptions;
    private readonly Dictionary<FuzzRole, string> _tokens = [];
    private readonly FuzzTargets _targets = new();
    private IReadOnlyList<ApiOperation> _operations = [];

    private ApiFuzzer(string baseUrl, ServerExceptions exceptions)
    {
        BaseUrl = baseUrl;
        _exceptions = exceptions;
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public string BaseUrl { get; }

    /// <summary>How long signing in, reading the document and the ids took (the app was already started).</summary>
    public TimeSpan PreparedIn { get; private set; }

    public IReadOnlyList<ApiOperation> Operations => _operations;

    /// <summary>
    /// Starts <paramref name="app"/> on a free Kestrel port (so a dropped connection is a real one), signs every role in,
    /// reads the OpenAPI document and the ids to aim at, and uploads one evidence file so downloads have something to fetch.
    /// </summary>
    public static async Task<ApiFuzzer> StartAsync(AppFactory app)
    {
        var exceptions = new ServerExceptions();
        // First in line, so it sees every exception before the app's own handler turns it into a problem.
        var host = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.Insert(0, ServiceDescriptor.Singleton<IExceptionHandler>(exceptions))));
        host.UseKestrel(0);
        host.StartServer();
        var addresses = host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var fuzzer = new ApiFuzzer(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)).TrimEnd('/'), exceptions);
        await fuzzer.PrepareAsync();
        return fuzzer;
    }

    private async Task PrepareAsync()
    {
        var clock = Stopwatch.StartNew();
        foreach (var (role, userName) in FuzzTargets.UserNames)
        {
            var login = await _client.PostAsJsonAsync("/api/auth/login", new { userName, password = AppFactory.Password });
            login.EnsureSuccessStatusCode();
            _tokens[role] = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        }
        using (var document = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json")))
            _operations = OpenApiOperations.Read(document.RootElement);
        _targets.AddReports(await GetJsonAsync("/api/reports", FuzzRole.Committee));
        var items = await GetJsonAsync("/api/rectifications", FuzzRole.Committee);
        _targets.AddItems(items);
        Assert.True(_targets.OwnReports.Count > 0 && _targets.OtherReports.Count > 0 && _targets.OwnItems.Count > 0 && _targets.OtherItems.Count > 0,
            "the demo data has reports and items of 市科协 and of other units");

        var item = items.EnumerateArray().First(i => i.GetProperty("unitName").GetString() == FuzzTargets.OwnUnitName
                                                     && i.GetProperty("status").GetString() == "InProgress").GetProperty("id").GetGuid();
        using var form = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "会议记录.pdf" } };
        using var upload = new HttpRequestMessage(HttpMethod.Post, $"/api/rectifications/{item}/evidence") { Content = form };
        upload.Headers.Authorization = new("Bearer", _tokens[FuzzRole.Drafter]);
        var uploaded = await _client.SendAsync(upload);
        Assert.True(uploaded.StatusCode == HttpStatusCode.Created, $"evidence upload for the fuzz: {(int)uploaded.StatusCode} {await uploaded.Content.ReadAsStringAsync()}");
        _targets.AddItems(JsonSerializer.SerializeToElement(new[] { await GetJsonAsync($"/api/rectifications/{item}", FuzzRole.Drafter) }));
        PreparedIn = clock.Elapsed;
    }

    private async Task<JsonElement> GetJsonAsync(string url, FuzzRole role)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", _tokens[role]);
        using var response = await _client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// The requests of a run: every operation as every role with a valid-looking request, in a shuffled order; then every
    /// mutation of every operation (those <paramref name="first"/> selects ahead of the rest) cut or topped up with random
    /// picks to <paramref name="total"/>, shuffled. A mutation without a role goes to a role the operation has answered
    /// with a 2xx, so a hostile value gets past the permission check to the code that parses or stores it.
    /// </summary>
    private List<(ApiOperation Operation, FuzzRole? Role, string Case)> Plan(Random random, int total, Func<string, bool>? first = null)
    {
        FuzzRole? MutationRole() => random.Next(10) < 6 ? null : MutationRoles[random.Next(MutationRoles.Length)];
        var valid = _operations.SelectMany(op => Roles.Select(role => (op, (FuzzRole?)role, Case: "valid"))).OrderBy(_ => random.Next()).ToList();
        var rest = _operations.SelectMany(op => RequestGenerator.CasesFor(op).Select(c => (op, role: MutationRole(), Case: c)))
            .OrderBy(_ => random.Next()).OrderBy(m => first?.Invoke(m.Case) == true ? 0 : 1).Take(Math.Max(0, total - valid.Count)).ToList();
        while (valid.Count + rest.Count < total)
        {
            var op = _operations[random.Next(_operations.Count)];
            var cases = RequestGenerator.CasesFor(op);
            rest.Add(random.Next(2) == 0 ? (op, Roles[random.Next(Roles.Length)], "valid") : (op, MutationRole(), cases[random.Next(cases.Count)]));
        }
        return [.. valid, .. rest.OrderBy(_ => random.Next())];
    }

    /// <summary>The number of requests that covers every mutation of every operation and every role once.</summary>
    public int CoverageCount => _operations.Sum(op => Roles.Length + RequestGenerator.CasesFor(op).Count);

    public async Task<FuzzOutcome> RunAsync(string label, int seed, int total, Func<string, bool>? first = null)
    {
        var plan = Plan(new Random(seed), total, first);
        var generator = new RequestGenerator(_targets);
        var succeeded = _operations.ToDictionary(op => op, _ => new List<FuzzRole>());
        var failures = new List<FuzzFailure>();
        var statuses = new SortedDictionary<int, int>();
        var undeclared = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < plan.Count; i++)
        {
            var (operation, planned, @case) = plan[i];
            // A stream per request: what one request draws does not shift the requests after it.
            var random = new Random(unchecked(seed * 1_000_003 + i));
            var roles = succeeded[operation];
            var role = planned ?? (roles.Count > 0 ? roles[random.Next(roles.Count)] : MutationRoles[random.Next(MutationRoles.Length)]);
            var request = generator.Build(i + 1, operation, role, @case, random);
            var (status, failure) = await SendAsync(request);
            if (failure is not null) failures.Add(failure);
            if (status is not { } s) continue;
            statuses[s] = statuses.GetValueOrDefault(s) + 1;
            // An answer of this operation (not of another method or a broken path) must be one its document declares.
            if (request.IsApi && !@case.StartsWith("method", StringComparison.Ordinal) && !@case.StartsWith("path", StringComparison.Ordinal)
                && operation.Matches(request.RoutedPath) && !operation.Declared.Contains(s))
            {
                var key = $"{operation} → {s} ({@case.Split(':')[0]})";
                undeclared[key] = undeclared.GetValueOrDefault(key) + 1;
            }
            if (s is >= 200 and < 300 && !roles.Contains(role)) roles.Add(role);
        }
        foreach (var failure in await StillServingAsync()) failures.Add(failure);
        return new FuzzOutcome(label, seed, plan.Count, clock.Elapsed, failures, statuses, undeclared);
    }

    private async Task<(int? Status, FuzzFailure? Failure)> SendAsync(FuzzRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method),
            new Uri(BaseUrl + request.Url, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }));
        message.Headers.Add(ServerExceptions.Header, request.Number.ToString(CultureInfo.InvariantCulture));
        var authorization = request.Authorization ?? (_tokens.TryGetValue(request.Role, out var token) ? "Bearer " + token : null);
        if (authorization is not null) message.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }
        using var timeout = new CancellationTokenSource(RequestTimeout);
        HttpResponseMessage response;
        byte[] body;
        try
        {
            response = await _client.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token);
            body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            var what = timeout.IsCancellationRequested ? $"no answer within {RequestTimeout.TotalSeconds:0} s" : "connection dropped";
            return (null, new FuzzFailure(request, null, what, $"{e.GetType().Name}: {e.GetBaseException().Message}"));
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            if (status == 201 && TryParse(body) is { } created) _targets.Harvest(request, created);
            var what = Check(request, status, response.Content.Headers.ContentType?.MediaType, body);
            if (what is not null && _exceptions.Take(request.Number) is { } exception) what += $" ({Describe(exception)})";
            return (status, what is null ? null : new FuzzFailure(request, status, what, FuzzRequest.Excerpt(Encoding.UTF8.GetString(body), 300)));
        }
    }

    /// <summary>
    /// The contract of every answer: never a 5xx but a 503/504 problem (a request timed out on purpose); on /api, a 2xx or a
    /// 4xx application/problem+json with a Chinese title and a urn:approvalflow:problem: type.
    /// </summary>
    private static string? Check(FuzzRequest request, int status, string? mediaType, byte[] body)
    {
        if (status >= 500)
            return status is 503 or 504 && ProblemDefect(status, mediaType, body) is null ? null : "server error";
        if (!request.IsApi) return null;
        if (status is < 200 or (>= 300 and < 400)) return "an API answer is a 2xx or a problem, not this status";
        if (status < 400) return null;
        if (request.KestrelMayRefuse && status == 400 && body.Length == 0) return null;
        return ProblemDefect(status, mediaType, body);
    }

    private static string? ProblemDefect(int status, string? mediaType, byte[] body)
    {
        if (mediaType != "application/problem+json") return $"content type {mediaType ?? "(none)"}, not application/problem+json";
        if (TryParse(body) is not { ValueKind: JsonValueKind.Object } problem) return "the problem is not a JSON object";
        var title = problem.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (!ApiContract.ContainsChinese(title)) return "the problem's title is missing or not Chinese";
        var type = problem.TryGetProperty("type", out var y) && y.ValueKind == JsonValueKind.String ? y.GetString() : null;
        if (type?.StartsWith(ApiContract.ProblemType, StringComparison.Ordinal) != true) return $"the problem's type {type ?? "(none)"} is not ours";
        if (!problem.TryGetProperty("status", out var s) || !s.TryGetInt32(out var said) || said != status) return "the problem's status differs from the answer's";
        return null;
    }

    /// <summary>The exception's type, message and the app frame it came from, on one line.</summary>
    private static string Describe(Exception exception)
    {
        var frame = exception.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("at Workflow.", StringComparison.Ordinal));
        return FuzzRequest.Excerpt($"{exception.GetType().Name}: {exception.Message} {frame}", 400);
    }

    private static JsonElement? TryParse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<JsonElement>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>After the storm the service still answers: the liveness probe and a drafter's report list.</summary>
    private async Task<IEnumerable<FuzzFailure>> StillServingAsync()
    {
        var operation = _operations.First(op => op is { Method: "GET", Path: "/api/reports" });
        var checks = new[]
        {
            new FuzzRequest(0, FuzzRole.Anonymous, operation, "after the run", "GET", "/health/live", null, null),
            new FuzzRequest(0, FuzzRole.Drafter, operation, "after the run", "GET", "/api/reports", null, null),
        };
        var failures = new List<FuzzFailure>();
        foreach (var check in checks)
        {
            var (status, failure) = await SendAsync(check);
            if (failure is not null) failures.Add(failure);
            else if (status != 200) failures.Add(new FuzzFailure(check, status, "the service no longer serves", ""));
        }
        return failures;
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Keeps the exception behind each 5xx by fuzz request number, so the failure names its cause; handles nothing.</summary>
    private sealed class ServerExceptions : IExceptionHandler
    {
        public const string Header = "X-Fuzz-Request";

        private readonly ConcurrentDictionary<int, Exception> _byRequest = new();

        public ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
        {
            if (int.TryParse(context.Request.Headers[Header], CultureInfo.InvariantCulture, out var number)) _byRequest[number] = exception;
            return ValueTask.FromResult(false);
        }

        public Exception? Take(int number) => _byRequest.TryRemove(number, out var exception) ? exception : null;
    }
}
