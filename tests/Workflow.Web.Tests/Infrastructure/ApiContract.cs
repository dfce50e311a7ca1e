using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Web.Tests.Infrastructure;

/// <summary>Shapes of the API as a client sees them, and small helpers to call it.</summary>
public static class ApiContract
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public sealed record Step(string Status, string Name, string Role, int TimeLimitWorkingDays);

    public sealed record ReportDto(Guid Id, string Title, int Year, string UnitName, string Status, Step? CurrentStep, int RouteVersion,
        int Revision, string Body, string[] AllowedActions);

    public sealed record JournalEntry(int Sequence, DateTimeOffset At, string Actor, string Role, string Action, string FromStatus,
        string ToStatus, string? Comment, int Revision, bool RestartFromFirstStep);

    public sealed record InboxItem(Guid Id, string Title, string UnitName, string Status, int DaysWaiting);

    public sealed record Problem(string Type, string Title, int Status);

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json))!;

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object? body = null) =>
        body is null ? client.PostAsync(url, null) : client.PostAsJsonAsync(url, body, Json);
}
