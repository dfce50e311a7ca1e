using System.Net;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Api;

/// <summary>Every answer — page, API, error, static file — tells the browser not to sniff, not to leak the address, not to be framed.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class SecurityHeadersTests(AppFactory app)
{
    [Theory]
    [InlineData("/Account/Login", HttpStatusCode.OK)]
    [InlineData("/api/inbox", HttpStatusCode.Unauthorized)]
    [InlineData("/api/reports/not-a-guid", HttpStatusCode.NotFound)]
    [InlineData("/health/live", HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    public async Task Each_answer_carries_the_security_headers(string path, HttpStatusCode status)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("frame-ancestors 'none'", string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task A_signed_in_api_answer_carries_them_too()
    {
        var client = await app.SharedClientAsync("drafter.kexie");

        var response = await client.GetAsync("/api/inbox");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }
}
