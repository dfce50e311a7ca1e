using System.Text;
using Microsoft.Net.Http.Headers;

namespace Workflow.Web;

/// <summary>
/// Refuses a JSON request to /api whose Content-Type names a charset .NET does not know (415 unsupported-charset) before an
/// endpoint reads it: the framework's JSON reader throws InvalidOperationException on such a charset, which became a 500.
/// </summary>
public static class JsonCharset
{
    public static IApplicationBuilder UseJsonCharsetCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments("/api") && request.HasJsonContentType()
                && MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && !IsKnown(type.Charset.Value))
            {
                await TypedResults.Problem(Problems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-charset",
                    "不支持请求声明的字符编码，请使用 UTF-8。", $"charset={type.Charset}")).ExecuteAsync(context);
                return;
            }
            await next(context);
        });

    /// <summary>
    /// The framework's own test, on the raw value: it does not take quotes off, and Encoding.GetEncoding refuses an unknown
    /// name with ArgumentException and UTF-7 with NotSupportedException.
    /// </summary>
    private static bool IsKnown(string? charset)
    {
        if (string.IsNullOrEmpty(charset)) return true;
        try
        {
            Encoding.GetEncoding(charset);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }
}
