using System.Net;
using System.Text.RegularExpressions;
using Workflow.Host.Security;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Security;

/// <summary>
/// Login abuse (issue 13, item 3): attempts are limited per client address and per account name on the API and the page,
/// answered 429 with Retry-After; an unknown name and a real (even locked) account get the very same answers; audited.
/// Each test uses addresses and names of its own, as the limits are counted for the life of the app.
/// </summary>
[Collection(LoginProtectionCollection.Name)]
public sealed partial class LoginLimitsTests(LoginProtectionAppFactory app)
{
    private const string WrongPassword = "Wrong@Pass1";
    private static readonly int WindowSeconds = (int)LoginProtectionAppFactory.Window.TotalSeconds;

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password) =>
        client.PostJsonAsync("/api/auth/login", new { userName, password });

    private static async Task<ApiContract.Problem> AssertTooManyAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too-many-requests");
        Assert.Equal("登录尝试过于频繁，请稍后再试。", problem.Title);
        Assert.Equal($"请在 {WindowSeconds / 60} 分钟后再试。", problem.Detail);
        Assert.Equal(TimeSpan.FromSeconds(WindowSeconds), response.Headers.RetryAfter?.Delta);
        return problem;
    }

    [Fact]
    public async Task One_address_gets_its_attempts_then_429_with_retry_after_even_for_the_right_password()
    {
        using var guesser = app.ClientFrom("198.51.100.10");
        for (var i = 0; i < LoginProtectionAppFactory.PerAddressPermits; i++)
            await (await LoginAsync(guesser, $"sprayed.{i}", WrongPassword)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");

        await AssertTooManyAsync(await LoginAsync(guesser, "sprayed.next", WrongPassword));
        await AssertTooManyAsync(await LoginAsync(guesser, DemoUnit.Haishi.Drafter, AppFactory.Password));

        using var colleague = app.ClientFrom("198.51.100.11");
        await LoginAsync(colleague, DemoUnit.Haishi.Drafter, AppFactory.Password).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(app.Events, e => e is { Kind: SecurityEventKind.SignInRateLimited, Account: "sprayed.next", Succeeded: false }
                                         && e.Detail!.Contains("limit=address"));
    }

    [Fact]
    public async Task An_unknown_name_and_a_real_account_get_identical_answers_until_both_are_limited_from_any_address()
    {
        const string real = "drafter.shengtai";
        const string unknown = "drafter.nowhere";
        var answers = new Dictionary<string, List<string>>();
        foreach (var name in new[] { real, unknown })
        {
            answers[name] = [];
            // A guesser behind many addresses, writing the name as it likes: one name, one count.
            for (var i = 0; i <= LoginProtectionAppFactory.PerAccountPermits + 1; i++)
            {
                using var client = app.ClientFrom($"203.0.113.{(name == real ? 10 : 100) + i}");
                var typed = i % 2 == 0 ? name : $"  {name.ToUpperInvariant()} ";
                var response = await LoginAsync(client, typed, WrongPassword);
                answers[name].Add($"{(int)response.StatusCode} {response.Headers.RetryAfter} {response.Content.Headers.ContentType} " +
                                  TraceId().Replace(await response.Content.ReadAsStringAsync(), ""));
            }
        }

        Assert.Equal(answers[unknown], answers[real]);
        Assert.All(answers[real].Take(LoginProtectionAppFactory.PerAccountPermits), a => Assert.StartsWith("401", a));
        Assert.All(answers[real].Skip(LoginProtectionAppFactory.PerAccountPermits), a => Assert.StartsWith("429", a));
        using var owner = app.ClientFrom("203.0.113.250");
        await AssertTooManyAsync(await LoginAsync(owner, real, AppFactory.Password));
        Assert.Contains(app.Events, e => e is { Kind: SecurityEventKind.SignInRateLimited, Account: real } && e.Detail!.Contains("limit=account"));
    }

    [Fact]
    public async Task A_locked_account_answers_exactly_as_an_unknown_name_and_the_lockout_is_audited()
    {
        const string user = "secretary.shengtai";
        var address = 1;
        async Task<(HttpResponseMessage Response, string Body)> TryAsync(string name, string password)
        {
            using var client = app.ClientFrom($"192.0.2.{address++}");
            var response = await LoginAsync(client, name, password);
            return (response, TraceId().Replace(await response.Content.ReadAsStringAsync(), ""));
        }

        var wrong = await TryAsync(user, WrongPassword);
        var unknown = await TryAsync("secretary.nowhere", WrongPassword);
        Assert.Equal(unknown.Body, wrong.Body);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Response.StatusCode);
        Assert.Equal("""{"type":"urn:approvalflow:problem:invalid-credentials","title":"用户名或密码错误；连续失败多次的账号将暂时锁定。","status":401}""",
            unknown.Body);

        // Identity locks the account at the 5th failure, before the per-account limit (8) would refuse the name.
        for (var failure = 2; failure <= 5; failure++)
            Assert.Equal(unknown.Body, (await TryAsync(user, WrongPassword)).Body);
        var locked = await TryAsync(user, AppFactory.Password);
        var unknownAgain = await TryAsync("secretary.nowhere2", AppFactory.Password);

        Assert.Equal(unknownAgain.Response.StatusCode, locked.Response.StatusCode);
        Assert.Equal(unknownAgain.Body, locked.Body);
        Assert.Equal(unknownAgain.Response.Content.Headers.ContentType, locked.Response.Content.Headers.ContentType);
        Assert.Single(app.Events, e => e is { Kind: SecurityEventKind.AccountLockedOut, Account: user });
        Assert.Contains(app.Events, e => e is { Kind: SecurityEventKind.SignInFailed, Account: user, Detail: "locked-out" });
        Assert.Contains(app.Events, e => e is { Kind: SecurityEventKind.SignInFailed, Account: "secretary.nowhere2", Detail: "unknown-account" });
        Assert.DoesNotContain(app.Events, e => e.Detail?.Contains(WrongPassword) == true || e.Detail?.Contains(AppFactory.Password) == true);
    }

    [Fact]
    public async Task The_page_shows_the_limit_beside_the_form_with_429_and_retry_after()
    {
        using var client = app.ClientFrom("198.51.100.20");
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i <= LoginProtectionAppFactory.PerAddressPermits; i++)
            answers.Add((await LoginProtectionAppFactory.PostLoginPageAsync(client, $"page.guess.{i}", WrongPassword)).Answer);

        foreach (var failed in answers.SkipLast(1))
        {
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Equal(["用户名或密码错误；连续失败多次的账号将暂时锁定。"], PageSession.SummaryErrors(await failed.Content.ReadAsStringAsync()));
        }
        var limited = answers[^1];
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(WindowSeconds), limited.Headers.RetryAfter?.Delta);
        var html = await limited.Content.ReadAsStringAsync();
        Assert.Equal([$"登录尝试过于频繁，请在 {WindowSeconds / 60} 分钟后再试。"], PageSession.SummaryErrors(html));
        Assert.Contains("id=\"login-submit\"", html);
        Assert.Equal($"page.guess.{LoginProtectionAppFactory.PerAddressPermits}", PageSession.InputValue(html, "Input.UserName"));
    }

    [Fact]
    public async Task Signing_in_and_out_on_the_pages_is_audited()
    {
        using var session = await PageSession.SignInAsync(app, DemoUnit.Kexie.Drafter);
        await session.PostFormToAsync("/Inbox", "/Account/Logout");

        Assert.Contains(app.Events, e => e is { Kind: SecurityEventKind.SignInSucceeded, Succeeded: true } && e.Account == DemoUnit.Kexie.Drafter);
        Assert.Contains(app.Events, e => e is { Kind: SecurityEventKind.SignOut } && e.Account == DemoUnit.Kexie.Drafter);
    }

    [GeneratedRegex(""","traceId":"[^"]*"|"traceId":"[^"]*",?""")]
    private static partial Regex TraceId();
}
