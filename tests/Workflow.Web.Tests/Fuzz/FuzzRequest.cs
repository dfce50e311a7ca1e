using System.Text;

namespace Workflow.Web.Tests.Fuzz;

/// <summary>
/// One generated request, exactly as it goes on the wire: the URL is sent without any normalisation, the body and the
/// Content-Type header as given (null: none), Authorization as given or, when null, the role's bearer token.
/// </summary>
public sealed record FuzzRequest(int Number, FuzzRole Role, ApiOperation Operation, string Case, string Method, string Url,
    string? ContentType, byte[]? Body, string? Authorization = null)
{
    /// <summary>
    /// Kestrel itself refuses some request lines (a %00 in the path) with a bare 400 before any middleware runs, so the app
    /// cannot answer them with a problem; for these requests that bare answer is accepted.
    /// </summary>
    public bool KestrelMayRefuse { get; init; }

    /// <summary>The path Kestrel routes after removing dot segments: a raw "../" may lead out of /api.</summary>
    public string RoutedPath
    {
        get
        {
            var path = Url.Split('?')[0].Replace("%2e", ".", StringComparison.OrdinalIgnoreCase);
            var segments = new List<string>();
            foreach (var segment in path.Split('/').Skip(1))
            {
                if (segment == "..") { if (segments.Count > 0) segments.RemoveAt(segments.Count - 1); }
                else if (segment != ".") segments.Add(segment);
            }
            return "/" + string.Join('/', segments);
        }
    }

    public bool IsApi => RoutedPath == "/api" || RoutedPath.StartsWith("/api/", StringComparison.Ordinal);

    /// <summary>How to send it again by hand: role, method, URL, headers and the start of the body.</summary>
    public string Describe()
    {
        var text = new StringBuilder($"#{Number} as {Role}: {Method} {Excerpt(Url, 160)} [{Case}]");
        if (Authorization is not null) text.Append($" Authorization: {Excerpt(Authorization, 60)}");
        if (ContentType is not null) text.Append($" Content-Type: {Excerpt(ContentType, 100)}");
        if (Body is not null) text.Append($" body {Body.Length:N0} bytes: {Excerpt(Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 600)), 200)}");
        return text.ToString();
    }

    /// <summary>The start of a text, with control characters made visible so the message stays on one line.</summary>
    public static string Excerpt(string text, int length)
    {
        var shown = new StringBuilder();
        foreach (var c in text.Take(length))
            shown.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString());
        return text.Length > length ? shown + $"…({text.Length:N0} chars)" : shown.ToString();
    }
}
