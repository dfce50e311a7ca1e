using System.Net;
using System.Text.RegularExpressions;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Api;

/// <summary>
/// Every answer — page, API, error, static file — tells the browser not to sniff, not to leak the address, not to be
/// framed, and to run no script but the app's own files (Content-Security-Policy without inline script).
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed partial class SecurityHeadersTests(AppFactory app)
{
    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        string.Join(";", response.Headers.GetValues("Content-Security-Policy"))
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

    private static void AssertHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        var csp = Directives(response);
        Assert.Equal("'none'", csp["frame-ancestors"]);
        Assert.Equal("'self'", csp["default-src"]);
        Assert.Equal("'self'", csp["script-src"]);
        Assert.Equal("'none'", csp["object-src"]);
        Assert.Equal("'self'", csp["base-uri"]);
        Assert.Equal("'self'", csp["form-action"]);
        Assert.Equal("'self' data:", csp["img-src"]);
    }

    [Theory]
    [InlineData("/Account/Login", HttpStatusCode.OK)]
    [InlineData("/Inbox", HttpStatusCode.Redirect)]
    [InlineData("/NotFound", HttpStatusCode.OK)]
    [InlineData("/api/inbox", HttpStatusCode.Unauthorized)]
    [InlineData("/api/reports/not-a-guid", HttpStatusCode.NotFound)]
    [InlineData("/health/live", HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    [InlineData("/css/site.css", HttpStatusCode.OK)]
    [InlineData("/js/route-diagram.js", HttpStatusCode.OK)]
    [InlineData("/lib/mermaid/mermaid.min.js", HttpStatusCode.OK)]
    public async Task Each_answer_carries_the_security_headers(string path, HttpStatusCode status)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        AssertHeaders(response);
    }

    [Fact]
    public async Task A_signed_in_api_answer_carries_them_too()
    {
        var client = await app.SharedClientAsync("drafter.kexie");

        var response = await client.GetAsync("/api/inbox");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHeaders(response);
    }

    [Fact]
    public async Task A_failed_api_login_carries_them_too()
    {
        var response = await app.CreateClient().PostJsonAsync("/api/auth/login", new { userName = "nobody.headers", password = "Wrong@Pass1" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertHeaders(response);
    }

    [Theory]
    [InlineData("/Inbox")]
    [InlineData("/Reports")]
    [InlineData("/Rectifications")]
    [InlineData("/Account/Profile")]
    public async Task Signed_in_pages_carry_them_and_hold_no_inline_script(string path)
    {
        using var session = await PageSession.SignInAsync(app, DemoUnit.Kexie.Secretary);

        var response = await session.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHeaders(response);
        AssertNoInlineScript(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_report_page_draws_its_diagram_from_script_files_only()
    {
        var secretary = await app.SharedClientAsync(DemoUnit.Kexie.Secretary);
        var reports = await secretary.GetAsync("/api/reports").ExpectAsync<List<ApiContract.ReportListItem>>(HttpStatusCode.OK);
        using var session = await PageSession.SignInAsync(app, DemoUnit.Kexie.Secretary);

        var html = await session.GetPageAsync($"/Reports/Details/{reports[0].Id}");

        Assert.Contains("class=\"mermaid\"", html);
        Assert.Matches("<script src=\"/js/route-diagram.js", html);
        AssertNoInlineScript(html);
    }

    [Fact]
    public async Task The_api_reference_alone_may_run_its_own_inline_start_script()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/scalar/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Directives(response);
        Assert.Equal("'self' 'unsafe-inline'", csp["script-src"]);
        Assert.Equal("'none'", csp["frame-ancestors"]);
        Assert.Equal("'none'", csp["object-src"]);
    }

    private static void AssertNoInlineScript(string html)
    {
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A script element without a src attribute.</summary>
    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    /// <summary>An on… event handler attribute inside a tag.</summary>
    [GeneratedRegex("<[a-z][^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}
