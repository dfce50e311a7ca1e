using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Admin;

/// <summary>
/// A browser-like visit to the pages: keeps cookies, takes the antiforgery token from the form it posts,
/// and does not follow redirects, so a test sees each POST-redirect-GET step.
/// </summary>
public sealed partial class PageSession : IDisposable
{
    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="__RequestVerificationToken" """)]
    private static partial Regex TokenPattern();

    private PageSession(HttpClient client) => Client = client;

    public HttpClient Client { get; }

    public static PageSession Anonymous(AppFactory app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Signs in through the login form, as a person would.</summary>
    public static async Task<PageSession> SignInAsync(AppFactory app, string userName, string password = AppFactory.Password)
    {
        var session = Anonymous(app);
        var response = await session.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{userName} could not sign in: {(int)response.StatusCode}");
        return session;
    }

    /// <summary>GETs a page that must answer 200 and returns its HTML with entities decoded.</summary>
    public async Task<string> GetHtmlAsync(string url)
    {
        var response = await Client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Opens the form at <paramref name="formUrl"/> (default: the same address) and posts the fields with its token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string?> fields, string? formUrl = null)
    {
        var token = TokenIn(await GetHtmlAsync(formUrl ?? url));
        var pairs = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value ?? ""))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", token));
        return await Client.PostAsync(url, new FormUrlEncodedContent(pairs));
    }

    /// <summary>Asserts the POST redirected to <paramref name="location"/> and returns the page it leads to.</summary>
    public async Task<string> FollowAsync(HttpResponseMessage response, string location)
    {
        var body = response.StatusCode == HttpStatusCode.Redirect ? "" : Diagnose(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)response.StatusCode}: {body}");
        Assert.Equal(location, response.Headers.Location?.OriginalString);
        return await GetHtmlAsync(location);
    }

    /// <summary>The page shown again after a refused POST (200), with entities decoded.</summary>
    public static async Task<string> RefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    public static string TokenIn(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "the page has no antiforgery token");
        return match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
    }

    /// <summary>The message shown beside the input <paramref name="field"/>, or "" when there is none.</summary>
    public static string FieldError(string html, string field)
    {
        var match = Regex.Match(html, $"""<span[^>]*data-valmsg-for="{Regex.Escape(field)}"[^>]*>([^<]*)</span>""");
        return match.Success ? match.Groups[1].Value.Trim() : "";
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

    private static string Diagnose(string html)
    {
        html = WebUtility.HtmlDecode(html);
        var fields = Regex.Matches(html, """data-valmsg-for="([^"]+)"[^>]*>([^<]+)<""").Select(m => $"{m.Groups[1]}: {m.Groups[2]}");
        return string.Join(" | ", fields.Concat(SummaryErrors(html)));
    }

    public void Dispose() => Client.Dispose();
}
