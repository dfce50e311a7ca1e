using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace Workflow.Web;

/// <summary>
/// Settings under "ReverseProxy": the TLS reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.
/// Empty lists keep the framework's default, loopback only; a list replaces it.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>Addresses of the proxies, e.g. "10.0.0.2".</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation, e.g. "10.0.0.0/24".</summary>
    public string[] KnownNetworks { get; set; } = [];

    internal bool IsValid(out string error)
    {
        var badProxy = KnownProxies.FirstOrDefault(p => !IPAddress.TryParse(p, out _));
        var badNetwork = KnownNetworks.FirstOrDefault(n => !IPNetwork.TryParse(n, out _));
        error = badProxy is not null ? $"ReverseProxy:KnownProxies: \"{badProxy}\" is not an IP address."
            : badNetwork is not null ? $"ReverseProxy:KnownNetworks: \"{badNetwork}\" is not a network in CIDR notation (e.g. 10.0.0.0/24)."
            : "";
        return error.Length == 0;
    }
}

/// <summary>
/// HTTPS behind a TLS reverse proxy: the client's address and scheme from trusted proxies' forwarded headers, then HSTS
/// and Secure cookies whenever the request (as forwarded) was HTTPS.
/// </summary>
public static class ReverseProxy
{
    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services)
    {
        services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.Section)
            .Validate(o => o.IsValid(out _), "ReverseProxy: an entry of KnownProxies or KnownNetworks does not parse; see the README.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((o, proxies) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxies.Value.KnownProxies.Length == 0 && proxies.Value.KnownNetworks.Length == 0) return;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in proxies.Value.KnownNetworks) o.KnownIPNetworks.Add(IPNetwork.Parse(network));
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        // Antiforgery's and TempData's cookies are not Secure by default; the sign-in cookie's is set beside its other options.
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>First in the pipeline, so everything after sees the client's address and scheme.</summary>
    public static WebApplication UseReverseProxySupport(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // HSTS only on HTTPS answers (the middleware checks); not in Development, where localhost must stay usable over HTTP.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        return app;
    }
}
