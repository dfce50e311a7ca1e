using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Activities.Reports;

namespace Workflow.Web;

/// <summary>Turns domain refusals and malformed requests on /api into problem+json.</summary>
internal sealed class ApiExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // The middleware has already pointed Request.Path at the /Error page; the feature keeps the path that failed.
        var path = new PathString(context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path);
        if (!path.StartsWithSegments("/api")) return false;
        var result = exception switch
        {
            WorkflowRuleException rule => Problems.From(rule),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TypedResults.Problem(RequestBodyLimits.TooLarge(
                RequestBodyLimits.AppliedLimit(context))),
            BadHttpRequestException bad => TypedResults.Problem(Problems.Create(400, "bad-request", "请求格式不正确。", bad.Message)),
            _ => TypedResults.Problem(Problems.ForStatus(500)),
        };
        await result.ExecuteAsync(context);
        return true;
    }
}
