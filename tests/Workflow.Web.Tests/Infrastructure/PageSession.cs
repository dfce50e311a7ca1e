using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Workflow.Web.Tests.Infrastructure;

/// <summary>
/// A browser-like HTTP session on the pages: cookies kept, redirects not followed, and forms posted with the
/// antiforgery token the page itself rendered, as a browser would.
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
        Assert.Equal("/", RedirectPath(response));
        return session;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path);

    /// <summary>The page's HTML, failing the test unless it answered 200.</summary>
    public async Task<string> GetPageAsync(string path)
    {
        var response = await Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {html}");
        return html;
    }

    /// <summary>Opens <paramref name="pagePath"/> for its antiforgery token, then posts the fields back to it.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string pagePath, params (string Name, string Value)[] fields) =>
        PostFormToAsync(pagePath, pagePath, fields);

    /// <summary>Opens <paramref name="pagePath"/> for its antiforgery token, then posts the fields to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormToAsync(string pagePath, string action, params (string Name, string Value)[] fields)
    {
        var token = AntiforgeryToken().Match(await GetPageAsync(pagePath));
        Assert.True(token.Success, $"{pagePath} has no antiforgery token.");
        var form = fields.Select(f => KeyValuePair.Create(f.Name, f.Value))
            .Append(KeyValuePair.Create("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await Client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>Opens <paramref name="pagePath"/> for its antiforgery token, then posts the multipart form (e.g. with a file) back to it.</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string pagePath, MultipartFormDataContent form)
    {
        var token = AntiforgeryToken().Match(await GetPageAsync(pagePath));
        Assert.True(token.Success, $"{pagePath} has no antiforgery token.");
        form.Add(new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken");
        return await Client.PostAsync(pagePath, form);
    }

    /// <summary>The path a redirect points to, whether the app wrote it absolute or relative.</summary>
    public static string RedirectPath(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect but got {(int)response.StatusCode}.");
        return new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery;
    }

    /// <summary>The message shown beside a field (the validation span for it), empty when there is none.</summary>
    public static string FieldError(string html, string field)
    {
        var match = Regex.Match(html, $"<span[^>]*data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline);
        Assert.True(match.Success, $"The page has no message slot for {field}.");
        return WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
    }

    /// <summary>The text of the flash message at the top of the page, or null.</summary>
    public static string? Flash(string html)
    {
        var match = Regex.Match(html, "<div class=\"flash\"[^>]*>(.*?)</div>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public void Dispose() => Client.Dispose();
}
