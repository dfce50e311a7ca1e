using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Workflow.Web.Tests.Infrastructure;

/// <summary>
/// A browser-like HTTP session on the pages: cookies kept, redirects not followed (a test sees each POST-redirect-GET
/// step), and forms posted with the antiforgery token the page itself rendered, as a browser would.
/// </summary>
public sealed partial class PageSession : IDisposable
{
    private PageSession(HttpClient client) => Client = client;

    public HttpClient Client { get; }

    /// <summary>A session with no one signed in.</summary>
    public static PageSession Anonymous(AppFactory app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>A session on <paramref name="app"/> sending the cookies of <paramref name="cookies"/>, e.g. ones another node issued.</summary>
    public static PageSession WithCookies(AppFactory app, CookieContainer cookies) =>
        new(app.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies)));

    /// <summary>Signs in through the real login form and checks the app sent the user home.</summary>
    public static async Task<PageSession> SignInAsync(AppFactory app, string userName) =>
        await SignInAsync(Anonymous(app), userName);

    /// <summary>Signs <paramref name="session"/> in through the real login form and checks the app sent the user home.</summary>
    public static async Task<PageSession> SignInAsync(PageSession session, string userName)
    {
        var response = await session.PostFormAsync("/Account/Login", ("Input.UserName", userName), ("Input.Password", AppFactory.Password));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{userName} could not sign in: {(int)response.StatusCode}");
        Assert.Equal("/", RedirectPath(response));
        return session;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path);

    /// <summary>The page's markup as sent (entities kept, to check escaping), failing the test unless it answered 200.</summary>
    public async Task<string> GetPageAsync(string path)
    {
        var response = await Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}: {html}");
        return html;
    }

    /// <summary>The page's HTML with entities decoded, to compare text and follow links; fails the test unless it answered 200.</summary>
    public async Task<string> GetDecodedPageAsync(string path) => WebUtility.HtmlDecode(await GetPageAsync(path));

    /// <summary>Opens <paramref name="pagePath"/> for its antiforgery token, then posts the fields back to it.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string pagePath, params (string Name, string? Value)[] fields) =>
        PostFormToAsync(pagePath, pagePath, fields);

    /// <summary>
    /// Opens <paramref name="formUrl"/> (default: <paramref name="url"/>) for its antiforgery token, then posts the fields to
    /// <paramref name="url"/>; for forms whose fields are built as a dictionary.
    /// </summary>
    public Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string?> fields, string? formUrl = null) =>
        PostFormToAsync(formUrl ?? url, url, fields.Select(f => (f.Key, f.Value)).ToArray());

    /// <summary>Opens <paramref name="pagePath"/> for its antiforgery token, then posts the fields to <paramref name="action"/>; null values post as empty.</summary>
    public async Task<HttpResponseMessage> PostFormToAsync(string pagePath, string action, params (string Name, string? Value)[] fields)
    {
        var token = TokenIn(await GetPageAsync(pagePath));
        var form = fields.Select(f => KeyValuePair.Create(f.Name, f.Value ?? ""))
            .Append(KeyValuePair.Create("__RequestVerificationToken", token));
        return await Client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>Opens <paramref name="pagePath"/> for its antiforgery token, then posts the multipart form (e.g. with a file) to <paramref name="action"/> (default: back to it).</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string pagePath, MultipartFormDataContent form, string? action = null)
    {
        form.Add(new StringContent(TokenIn(await GetPageAsync(pagePath))), "__RequestVerificationToken");
        return await Client.PostAsync(action ?? pagePath, form);
    }

    /// <summary>Asserts the POST redirected to <paramref name="location"/> and returns the page it leads to, entities decoded.</summary>
    public async Task<string> FollowAsync(HttpResponseMessage response, string location)
    {
        var body = response.StatusCode == HttpStatusCode.Redirect ? "" : Diagnose(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)response.StatusCode}: {body}");
        Assert.Equal(location, response.Headers.Location?.OriginalString);
        return await GetDecodedPageAsync(location);
    }

    /// <summary>The page shown again after a refused POST (200), with entities decoded.</summary>
    public static async Task<string> RefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The path a redirect points to, whether the app wrote it absolute or relative.</summary>
    public static string RedirectPath(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect but got {(int)response.StatusCode}.");
        return new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery;
    }

    /// <summary>The antiforgery token a page rendered (markup as sent or decoded), failing the test when there is none.</summary>
    public static string TokenIn(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);
    }

    /// <summary>
    /// The message shown beside a field (its validation span), empty when the slot is empty; fails the test when the page has
    /// no slot for the field at all, so "no message" cannot pass on the wrong page.
    /// </summary>
    public static string FieldError(string html, string field)
    {
        var match = Regex.Match(html, $"<span[^>]*data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline);
        Assert.True(match.Success, $"The page has no message slot for {field}.");
        return WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
    }

    /// <summary>The value the page put into the input named <paramref name="name"/>.</summary>
    public static string InputValue(string html, string name)
    {
        var input = Regex.Match(html, $"""<input[^>]*name="{Regex.Escape(name)}"[^>]*>""");
        Assert.True(input.Success, $"the page has no input {name}");
        return Regex.Match(input.Value, "value=\"([^\"]*)\"").Groups[1].Value;
    }

    /// <summary>The messages of the form-level summary.</summary>
    public static IReadOnlyList<string> SummaryErrors(string html) =>
        Regex.Matches(html, """<div class="validation-summary-errors[^"]*"[^>]*>\s*<ul>(.*?)</ul>""", RegexOptions.Singleline)
            .SelectMany(m => Regex.Matches(m.Groups[1].Value, "<li>(.*?)</li>").Select(li => li.Groups[1].Value))
            .ToList();

    /// <summary>The text of the flash message at the top of the page, or null.</summary>
    public static string? Flash(string html)
    {
        var match = Regex.Match(html, "<div class=\"flash\"[^>]*>(.*?)</div>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : null;
    }

    private static string Diagnose(string html)
    {
        html = WebUtility.HtmlDecode(html);
        var fields = Regex.Matches(html, """data-valmsg-for="([^"]+)"[^>]*>([^<]+)<""").Select(m => $"{m.Groups[1]}: {m.Groups[2]}");
        return string.Join(" | ", fields.Concat(SummaryErrors(html)));
    }

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="__RequestVerificationToken" """)]
    private static partial Regex TokenPattern();

    public void Dispose() => Client.Dispose();
}
