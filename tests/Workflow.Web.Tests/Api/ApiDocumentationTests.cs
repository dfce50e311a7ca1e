using System.Net;
using System.Text.Json;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Api;

/// <summary>The API describes itself (OpenAPI, Scalar) and the pages speak Chinese in plain characters.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class ApiDocumentationTests(AppFactory app)
{
    [Fact]
    public async Task The_openapi_document_lists_every_endpoint_of_the_contract()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        (string Path, string Method)[] contract =
        [
            ("/api/auth/login", "post"),
            ("/api/reports", "get"), ("/api/reports", "post"),
            ("/api/reports/{id}", "get"), ("/api/reports/{id}", "put"),
            ("/api/reports/{id}/submit", "post"), ("/api/reports/{id}/approve", "post"),
            ("/api/reports/{id}/return", "post"), ("/api/reports/{id}/withdraw", "post"),
            ("/api/reports/{id}/journal", "get"), ("/api/reports/{id}/revisions", "get"),
            ("/api/reports/{id}/revisions/{number}", "get"),
            ("/api/inbox", "get"),
        ];
        foreach (var (path, method) in contract)
        {
            Assert.True(paths.TryGetProperty(path, out var operations), $"{path} is missing from the OpenAPI document");
            Assert.True(operations.TryGetProperty(method, out _), $"{method.ToUpperInvariant()} {path} is missing from the OpenAPI document");
        }
    }

    [Fact]
    public async Task The_scalar_reference_page_is_served()
    {
        var response = await app.CreateClient().GetAsync("/scalar").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_login_page_carries_chinese_as_characters_not_entities()
    {
        var response = await app.CreateClient().GetAsync("/Account/Login").ExpectAsync(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<title>登录", html);
        Assert.Contains("用户名", html);
        Assert.DoesNotContain("&#x", html);
    }
}
