using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Security;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Security;

/// <summary>
/// The real app with small login limits (6 attempts per address, 8 per account name, a 10-minute window) and every
/// security event the app records kept for the test, beside the app's own audit.
/// </summary>
public sealed class LoginProtectionAppFactory : AppFactory
{
    public const int PerAddressPermits = 6;
    public const int PerAccountPermits = 8;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    public ConcurrentQueue<SecurityEvent> Events { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("LoginLimits:PerAddressPermits", PerAddressPermits.ToString());
        builder.UseSetting("LoginLimits:PerAccountPermits", PerAccountPermits.ToString());
        builder.UseSetting("LoginLimits:Window", Window.ToString());
        builder.ConfigureServices(services =>
        {
            var registered = services.Single(d => d.ServiceType == typeof(ISecurityAudit));
            Func<IServiceProvider, ISecurityAudit> create = registered.ImplementationType is { } type
                ? sp => (ISecurityAudit)ActivatorUtilities.CreateInstance(sp, type)
                : sp => (ISecurityAudit)registered.ImplementationFactory!(sp);
            services.Remove(registered);
            services.Add(new ServiceDescriptor(typeof(ISecurityAudit), sp => new KeepingAudit(create(sp), Events), registered.Lifetime));
        });
    }

    /// <summary>
    /// A client whose connection comes from <paramref name="address"/>, as Kestrel would see it (the test server leaves it
    /// empty); with <paramref name="forwardedFor"/>, it also claims to be a proxy forwarding for that address over HTTPS.
    /// </summary>
    public HttpClient ClientFrom(string address, string? forwardedFor = null, string host = "localhost")
    {
        var client = new HttpClient(Server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(address)))
        {
            BaseAddress = new Uri($"http://{host}/"),
        };
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        }
        return client;
    }

    /// <summary>
    /// Signs in through the login page as a browser would — opens it, keeps its cookies and antiforgery token, posts the
    /// form — with the cookies sent by hand, as a client behind a TLS proxy gets Secure cookies over the proxy's plain HTTP.
    /// </summary>
    public static async Task<(HttpResponseMessage Form, HttpResponseMessage Answer)> PostLoginPageAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var token = PageSession.TokenIn(await form.Content.ReadAsStringAsync());
        var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = userName, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        return (form, await client.SendAsync(post));
    }

    private sealed class KeepingAudit(ISecurityAudit inner, ConcurrentQueue<SecurityEvent> events) : ISecurityAudit
    {
        public async Task RecordAsync(SecurityEvent e, CancellationToken ct = default)
        {
            events.Enqueue(e);
            await inner.RecordAsync(e, ct);
        }
    }
}

/// <summary>One app with small login limits for the classes that test them; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class LoginProtectionCollection : ICollectionFixture<LoginProtectionAppFactory>
{
    public const string Name = "Login protection app";
}
