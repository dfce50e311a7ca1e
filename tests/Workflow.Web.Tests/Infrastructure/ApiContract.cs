using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Web.Tests.Infrastructure;

/// <summary>Shapes of the API as a client sees them, and small helpers to call it.</summary>
public static class ApiContract
{
    public const string ProblemType = "urn:approvalflow:problem:";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public sealed record Step(string Status, string Name, string Role, int TimeLimitWorkingDays);

    public sealed record ReportDto(Guid Id, string Title, int Year, string UnitName, string Status, Step? CurrentStep, int RouteVersion,
        int Revision, string Body, string[] AllowedActions);

    public sealed record ReportListItem(Guid Id, string Title, int Year, string UnitName, string Status, int Revision);

    public sealed record JournalEntry(int Sequence, DateTimeOffset At, string Actor, string Role, string Action, string FromStatus,
        string ToStatus, string? Comment, int Revision, bool RestartFromFirstStep);

    public sealed record Revision(int Number, string Title, string Author, DateTimeOffset At, string? Body, int Length);

    public sealed record InboxItem(Guid Id, string Kind, string KindName, string Title, string Link, int Year, string UnitName, string? Status,
        string StatusName, string State, DateTimeOffset? WaitingSince, int DaysWaiting, DateOnly? DueDate, int? WorkingDaysLeft, string? Urgency,
        string? DeadlineText, string? ReturnComment, string? ReturnedBy, DateTimeOffset? ReturnedAt);

    public sealed record DoneItem(string Kind, Guid Id, string Title, string Link, string UnitName, string Action, string? Comment, DateTimeOffset At);

    public sealed record Problem(string Type, string Title, int Status, string? Detail, string? Field = null);

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json))!;

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object? body = null) =>
        body is null ? client.PostAsync(url, null) : client.PostAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Json);

    /// <summary>Sends raw text as JSON, for requests a well-behaved serializer would never produce.</summary>
    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string url, string text,
        string mediaType = "application/json") =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(text, System.Text.Encoding.UTF8, mediaType) });

    /// <summary>Asserts the status code, showing the body when it differs, and returns the response.</summary>
    public static async Task<HttpResponseMessage> ExpectAsync(this Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        var response = await call;
        if (response.StatusCode != expected)
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected}, " +
                        $"got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    public static async Task<T> ExpectAsync<T>(this Task<HttpResponseMessage> call, HttpStatusCode expected) =>
        await (await call.ExpectAsync(expected)).ReadAsync<T>();

    /// <summary>
    /// Asserts an application/problem+json answer with the given status, a Chinese title and a stable type
    /// (<paramref name="codes"/>: any of these codes is accepted), and returns it.
    /// </summary>
    public static async Task<Problem> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, params string[] codes)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<Problem>(body, Json)!;
        Assert.Equal((int)status, problem.Status);
        Assert.StartsWith(ProblemType, problem.Type);
        if (codes.Length > 0)
            Assert.True(codes.Contains(problem.Type[ProblemType.Length..]), $"expected type {string.Join(" or ", codes)}, got {body}");
        Assert.True(ContainsChinese(problem.Title), $"title is not Chinese: {problem.Title}");
        return problem;
    }

    public static bool ContainsChinese(string? text) => text?.Any(c => c is >= '\u4e00' and <= '\u9fff') == true;
}
