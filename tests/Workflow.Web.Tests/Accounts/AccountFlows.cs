using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Identity;
using Workflow.Host.Security;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Accounts;

/// <summary>Steps of the account lifecycle tests: the operator's command, sign-in with a given password, the service behind the pages.</summary>
internal static partial class AccountFlows
{
    /// <summary>Runs the app's own command (as Program.cs does) against the test app's services and database.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(AppFactory app, params string[] args)
    {
        var output = new StringWriter();
        var code = await AppCommands.RunAsync(app.Services, args, output);
        return (code, output.ToString());
    }

    /// <summary>The one-time password a command or page printed.</summary>
    public static string OneTimePasswordIn(string text)
    {
        var match = OneTimePattern().Match(text);
        Assert.True(match.Success, $"no one-time password in: {text}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"一次性密码：([^\s<]+)")]
    private static partial Regex OneTimePattern();

    /// <summary>Posts the login form; returns the session and where the app sent the browser.</summary>
    public static async Task<(PageSession Session, string Location)> PageSignInAsync(AppFactory app, string userName, string password)
    {
        var session = PageSession.Anonymous(app);
        var response = await session.PostFormAsync("/Account/Login", ("Input.UserName", userName), ("Input.Password", password));
        var location = response.StatusCode == HttpStatusCode.Redirect ? PageSession.RedirectPath(response) : $"{(int)response.StatusCode}";
        return (session, location);
    }

    public static Task<HttpResponseMessage> ApiLoginAsync(AppFactory app, string userName, string password) =>
        app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName, password });

    public static async Task<HttpClient> TokenClientAsync(AppFactory app, string userName, string password)
    {
        var response = await ApiLoginAsync(app, userName, password).ExpectAsync(HttpStatusCode.OK);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await response.ReadAsync<Token>()).AccessToken);
        return client;
    }

    private sealed record Token(string AccessToken, DateTimeOffset ExpiresAt);

    /// <summary>Runs <paramref name="action"/> with the account service of a fresh scope, as one request would.</summary>
    public static async Task<T> WithAccountsAsync<T>(AppFactory app, Func<AccountService, UserManager<AppUser>, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AccountService>(), scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    public static Task<string> IdOfAsync(AppFactory app, string userName) =>
        WithAccountsAsync(app, async (_, users) => (await users.FindByNameAsync(userName))!.Id);

    /// <summary>A page session is still signed in: /Inbox answers 200 (not a redirect to the login page).</summary>
    public static async Task<HttpStatusCode> InboxStatusAsync(PageSession session) => (await session.GetAsync("/Inbox")).StatusCode;

    /// <summary>Creates an administrator with the command and sets his own password through the forced change page.</summary>
    public static async Task<PageSession> NewAdministratorAsync(AppFactory app, string userName, string role, string newPassword)
    {
        var (code, output) = await RunCommandAsync(app, "admin", "create", userName, "--role", role);
        Assert.True(code == 0, output);
        var (session, _) = await PageSignInAsync(app, userName, OneTimePasswordIn(output));
        var changed = await session.PostFormAsync("/Account/ChangePassword", ("Input.CurrentPassword", OneTimePasswordIn(output)),
            ("Input.NewPassword", newPassword), ("Input.ConfirmPassword", newPassword));
        Assert.Equal("/", PageSession.RedirectPath(changed));
        return session;
    }
}
