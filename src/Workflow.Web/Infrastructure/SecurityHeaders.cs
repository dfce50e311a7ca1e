namespace Workflow.Web;

/// <summary>
/// Browser security headers on every answer, pages and API alike: no MIME sniffing, no referrer to other sites, and no
/// framing by any site (clickjacking). A script Content-Security-Policy is issue 13's, once the pages carry no inline script.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = "frame-ancestors 'none'";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
