using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Workflow.Host;
using Workflow.Host.Rectification;

namespace Workflow.Web;

/// <summary>The kinds of file an endpoint or page accepts, each with its configured size limit.</summary>
public enum UploadKind
{
    ReportFile,
    Spreadsheet,
    Evidence,
}

/// <summary>Marks an endpoint or page that accepts an upload of <paramref name="kind"/>; others take ordinary forms and JSON.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AcceptsUploadAttribute(UploadKind kind) : Attribute
{
    public UploadKind Kind { get; } = kind;
}

/// <summary>
/// Sets each request's body limit from its endpoint before anything reads the body, so an oversize request is refused
/// (413) instead of being buffered: ordinary requests get <see cref="LimitsOptions.MaxRequestBodyBytes"/>, uploads their file limit.
/// </summary>
public static class RequestBodyLimits
{
    private static readonly object LimitKey = new();

    // Multipart boundaries, headers and the other form fields around the file.
    private const long MultipartOverhead = 64 * 1024;

    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var limit = LimitFor(context);
            context.Items[LimitKey] = limit;
            if (context.Request.ContentLength is { } length && length > limit)
            {
                await RefuseAsync(context, limit);
                return;
            }
            var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit;
            await next(context);
        });

    /// <summary>The limit set on this request, for the message of a 413 raised while its body was read.</summary>
    public static long? AppliedLimit(HttpContext context) => context.Items.TryGetValue(LimitKey, out var limit) ? limit as long? : null;

    private static long LimitFor(HttpContext context)
    {
        var services = context.RequestServices;
        var limits = services.GetRequiredService<IOptions<LimitsOptions>>().Value;
        var upload = context.GetEndpoint()?.Metadata.GetMetadata<AcceptsUploadAttribute>();
        if (upload is null) return limits.MaxRequestBodyBytes;
        var file = upload.Kind switch
        {
            UploadKind.ReportFile => limits.MaxReportFileBytes,
            UploadKind.Spreadsheet => limits.MaxSpreadsheetBytes,
            _ => services.GetRequiredService<IOptions<RectificationOptions>>().Value.MaxEvidenceBytes,
        };
        // Pages get room for a somewhat larger file, so their handler can say "too large" beside the field.
        var isApi = context.Request.Path.StartsWithSegments("/api");
        return Math.Max(limits.MaxRequestBodyBytes, (isApi ? file : 2 * file) + MultipartOverhead);
    }

    private static async Task RefuseAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        // The client is still sending a body we will not read; close the connection after answering.
        context.Response.Headers.Connection = "close";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await TypedResults.Problem(TooLarge(limit)).ExecuteAsync(context);
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>提交的内容过大</title>" +
            $"<p>提交的内容过大，不能超过 {LimitsOptions.Megabytes(limit)}。请返回上一页，缩小文件或分批提交后重试。</p></html>");
    }

    /// <summary>The problem for a body over <paramref name="limit"/> bytes.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails TooLarge(long? limit) =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge, "request-too-large",
            limit is { } l ? $"请求内容过大，不能超过 {LimitsOptions.Megabytes(l)}。" : "请求内容过大。");
}
