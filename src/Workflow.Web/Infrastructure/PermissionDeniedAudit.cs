using Workflow.Host.Security;

namespace Workflow.Web;

/// <summary>
/// Records every refusal as <see cref="SecurityEventKind.PermissionDenied"/>, in one place: an API 403 (from a policy or a
/// rule's Forbidden), a page's redirect to the access-denied page, and the Hangfire dashboard's 403.
/// </summary>
internal static class PermissionDeniedAudit
{
    private const string AccessDeniedPath = "/Account/AccessDenied";

    public static IApplicationBuilder UsePermissionDeniedAudit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        var response = context.Response;
        var denied = response.StatusCode == StatusCodes.Status403Forbidden
                     || (response.StatusCode == StatusCodes.Status302Found
                         && response.Headers.Location.ToString().Contains(AccessDeniedPath, StringComparison.OrdinalIgnoreCase));
        if (!denied) return;
        var audit = context.RequestServices.GetRequiredService<ISecurityAudit>();
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.PermissionDenied, null, false,
            $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}"), CancellationToken.None);
    });
}
