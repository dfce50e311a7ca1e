using System.Net;
using System.Text.Json;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Api;

/// <summary>
/// The served OpenAPI document is the checked-in openapi/v1.json, so a contract change shows up in review; scripts/test.sh runs
/// Spectral and the client tests generate their Kiota client from that file.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class OpenApiSnapshotTests(AppFactory app)
{
    [Fact]
    public async Task The_served_document_is_the_checked_in_snapshot()
    {
        var served = await ServedAsync();
        var snapshot = Path.Combine(RepositoryRoot(), "openapi", "v1.json");
        var expected = File.Exists(snapshot) ? Normalise(await File.ReadAllTextAsync(snapshot)) : "";
        if (served == expected) return;

        var received = snapshot + ".received";
        await File.WriteAllTextAsync(received, served);
        Assert.Fail($"The OpenAPI document differs from {snapshot}. If the change is meant, review it and accept it: mv {received} {snapshot}");
    }

    [Fact]
    public async Task Every_operation_has_an_id_a_summary_a_tag_and_its_refusals()
    {
        using var document = JsonDocument.Parse(await ServedAsync());
        var ids = new HashSet<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var op = operation.Value;
                Assert.True(op.TryGetProperty("operationId", out var id) && ids.Add(id.GetString()!), $"{name}: no operationId, or not unique");
                Assert.True(op.TryGetProperty("summary", out _), $"{name}: no summary");
                Assert.Single(op.GetProperty("tags").EnumerateArray());
                var responses = op.GetProperty("responses");
                Assert.True(responses.TryGetProperty("504", out _), $"{name}: the request timeout (504) is not declared");
                var anonymous = path.Name is "/api/auth/login" or "/api/auth/password";
                Assert.Equal(!anonymous, op.TryGetProperty("security", out _));
                if (!anonymous)
                    Assert.True(responses.TryGetProperty("401", out _) && responses.TryGetProperty("403", out _), $"{name}: 401/403 not declared");
                if (op.TryGetProperty("requestBody", out _))
                    foreach (var status in new[] { "400", "413", "415" })
                        Assert.True(responses.TryGetProperty(status, out _), $"{name}: a body, but {status} is not declared");
            }
        Assert.True(ids.Count >= 39, $"only {ids.Count} operations");
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }

    private async Task<string> ServedAsync()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        return Normalise(await response.Content.ReadAsStringAsync());
    }

    private static string Normalise(string text) => text.ReplaceLineEndings("\n").TrimEnd() + "\n";

    /// <summary>The folder of ApprovalFlow.sln, above the test's output folder.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ApprovalFlow.sln"))) return dir.FullName;
        throw new InvalidOperationException("ApprovalFlow.sln not found above " + AppContext.BaseDirectory);
    }
}
