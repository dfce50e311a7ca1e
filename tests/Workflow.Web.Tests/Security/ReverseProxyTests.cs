using System.Net;
using Microsoft.Extensions.Options;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Security;

/// <summary>
/// Behind a TLS reverse proxy (issue 13, item 4): a trusted proxy's X-Forwarded-Proto https gives HSTS and Secure
/// cookies, its X-Forwarded-For is the address the login limits count; anyone else's forwarded headers are ignored.
/// </summary>
[Collection(LoginProtectionCollection.Name)]
public sealed class ReverseProxyTests(LoginProtectionAppFactory app)
{
    private const string Host = "approvalflow.example.gov.cn";

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [];

    private static bool IsSecure(string setCookie) =>
        setCookie.Split(';').Skip(1).Any(a => a.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task Https_forwarded_by_a_trusted_proxy_gives_hsts_and_secure_cookies()
    {
        using var client = app.ClientFrom("127.0.0.1", forwardedFor: "198.51.100.30", host: Host);

        var (form, answer) = await LoginProtectionAppFactory.PostLoginPageAsync(client, DemoUnit.Renda.Drafter, AppFactory.Password);

        Assert.StartsWith("max-age=31536000", string.Join(",", form.Headers.GetValues("Strict-Transport-Security")));
        Assert.All(SetCookies(form), c => Assert.True(IsSecure(c), c));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var auth = Assert.Single(SetCookies(answer), c => c.StartsWith("ApprovalFlow.Auth=", StringComparison.Ordinal));
        Assert.True(IsSecure(auth), auth);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_address_are_ignored()
    {
        using var client = app.ClientFrom("203.0.113.60", forwardedFor: "198.51.100.31", host: Host);

        var (form, answer) = await LoginProtectionAppFactory.PostLoginPageAsync(client, DemoUnit.Renda.Secretary, AppFactory.Password);

        Assert.False(form.Headers.Contains("Strict-Transport-Security"));
        Assert.NotEmpty(SetCookies(form));
        Assert.All(SetCookies(form), c => Assert.False(IsSecure(c), c));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.All(SetCookies(answer), c => Assert.False(IsSecure(c), c));
    }

    [Fact]
    public async Task Plain_http_on_localhost_gets_no_hsts()
    {
        using var client = app.ClientFrom("127.0.0.1");

        var response = await client.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_login_limits_count_the_address_a_trusted_proxy_forwards_and_the_sender_otherwise()
    {
        async Task<HttpStatusCode> AttemptAsync(string sender, string forwardedFor, int i)
        {
            using var client = app.ClientFrom(sender, forwardedFor);
            return (await client.PostJsonAsync("/api/auth/login", new { userName = $"proxied.{sender}.{forwardedFor}.{i}", password = "Wrong@Pass1" })).StatusCode;
        }

        // Through the proxy: one client uses up its attempts, the next client behind the same proxy is not affected.
        for (var i = 0; i < LoginProtectionAppFactory.PerAddressPermits; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, await AttemptAsync("127.0.0.1", "198.51.100.40", i));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AttemptAsync("127.0.0.1", "198.51.100.40", 99));
        Assert.Equal(HttpStatusCode.Unauthorized, await AttemptAsync("127.0.0.1", "198.51.100.41", 0));

        // Not a proxy: inventing a new X-Forwarded-For each time does not buy new attempts.
        for (var i = 0; i < LoginProtectionAppFactory.PerAddressPermits; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, await AttemptAsync("203.0.113.61", $"198.51.100.{50 + i}", i));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AttemptAsync("203.0.113.61", "198.51.100.99", 0));
    }

    [Fact]
    public async Task Configured_proxies_replace_loopback_and_a_bad_entry_stops_the_start()
    {
        await using var fresh = new AppFactory();
        await using var configured = fresh.WithWebHostBuilder(b =>
        {
            b.UseSetting("ReverseProxy:KnownProxies:0", "10.0.0.2");
            b.UseSetting("ReverseProxy:KnownNetworks:0", "10.1.0.0/16");
        });
        _ = configured.Server;
        async Task<bool> HstsAsync(string sender)
        {
            using var client = new HttpClient(configured.Server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(sender)))
            {
                BaseAddress = new Uri($"http://{Host}/"),
            };
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            return (await client.GetAsync("/health/live")).Headers.Contains("Strict-Transport-Security");
        }

        Assert.True(await HstsAsync("10.0.0.2"));
        Assert.True(await HstsAsync("10.1.200.3"));
        Assert.False(await HstsAsync("127.0.0.1"));
        Assert.False(await HstsAsync("10.0.0.3"));

        await using var freshToo = new AppFactory();
        await using var misconfigured = freshToo.WithWebHostBuilder(b => b.UseSetting("ReverseProxy:KnownNetworks:0", "10.1.0.0/33"));
        var error = Assert.Throws<OptionsValidationException>(() => misconfigured.Server);
        Assert.Contains("ReverseProxy", error.Message);
    }
}
