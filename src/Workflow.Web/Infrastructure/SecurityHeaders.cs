namespace Workflow.Web;

/// <summary>
/// Browser security headers on every answer, pages and API alike: no MIME sniffing, no referrer to other sites, no
/// framing by any site (clickjacking), and a Content-Security-Policy that runs only the app's own script files.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The policy of the pages and the API. Styles allow 'unsafe-inline' because Mermaid writes a &lt;style&gt; into each diagram
    /// it draws and the charts size themselves with style attributes; script never runs inline.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The policy of the API reference (/scalar), whose page starts itself with an inline module script the app does not
    /// write. Still nothing from other sites, no plugins, no framing. The job dashboard (/hangfire) needs no exception.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly PathString ApiReferencePath = "/scalar";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var policy = context.Request.Path.StartsWithSegments(ApiReferencePath) ? ApiReferencePolicy : ContentSecurityPolicy;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = policy;
                return Task.CompletedTask;
            });
            return next(context);
        });
}
