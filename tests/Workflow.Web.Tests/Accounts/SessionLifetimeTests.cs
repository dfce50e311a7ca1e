using System.Net;
using Workflow.Activities;
using Workflow.Web.Tests.Infrastructure;
using static Workflow.Web.Tests.Accounts.AccountFlows;

namespace Workflow.Web.Tests.Accounts;

/// <summary>
/// Page sessions end after 30 idle minutes and 8 hours after sign-in however active (Session:IdleTimeout,
/// Session:AbsoluteLifetime), and a password older than the policy's maximum age must be changed at the next sign-in; all on
/// the app's clock. A factory of its own, since the clock moves.
/// </summary>
public sealed class SessionLifetimeTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_idle_session_ends_after_thirty_minutes()
    {
        using var session = await PageSession.SignInAsync(app, "drafter.kexie");
        app.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, await InboxStatusAsync(session));

        app.Clock.Advance(TimeSpan.FromMinutes(31));

        var inbox = await session.GetAsync("/Inbox");
        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        Assert.StartsWith("/Account/Login", PageSession.RedirectPath(inbox));
    }

    [Fact]
    public async Task An_active_session_ends_eight_hours_after_sign_in()
    {
        using var session = await PageSession.SignInAsync(app, "secretary.kexie");
        var start = app.Clock.GetUtcNow();
        // A request every 20 minutes keeps the session alive, until the absolute lifetime.
        while (app.Clock.GetUtcNow() - start < TimeSpan.FromHours(8) - TimeSpan.FromMinutes(20))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, await InboxStatusAsync(session));
        }

        app.Clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(HttpStatusCode.Redirect, await InboxStatusAsync(session));
        using var again = await PageSession.SignInAsync(app, "secretary.kexie");
        Assert.Equal(HttpStatusCode.OK, await InboxStatusAsync(again));
    }

    [Fact]
    public async Task A_password_older_than_ninety_days_must_be_changed_at_the_next_sign_in()
    {
        var (_, output) = await RunCommandAsync(app, "admin", "create", "aging.admin", "--role", RoleNames.Auditor);
        await WithAccountsAsync(app, async (_, users) =>
            await users.ChangePasswordAsync((await users.FindByNameAsync("aging.admin"))!, OneTimePasswordIn(output), "Ageing@2026x"));
        await TokenClientAsync(app, "aging.admin", "Ageing@2026x");

        app.Clock.Advance(TimeSpan.FromDays(89));
        await TokenClientAsync(app, "aging.admin", "Ageing@2026x");
        app.Clock.Advance(TimeSpan.FromDays(1));

        await (await ApiLoginAsync(app, "aging.admin", "Ageing@2026x")).AssertProblemAsync(HttpStatusCode.Forbidden, "password-change-required");
        var (session, _) = await PageSignInAsync(app, "aging.admin", "Ageing@2026x");
        Assert.Equal("/Account/ChangePassword", PageSession.RedirectPath(await session.GetAsync("/")));
        Assert.Contains("密码已超过使用期限", await session.GetDecodedPageAsync("/Account/ChangePassword"));
        var changed = await session.PostFormAsync("/Account/ChangePassword", ("Input.CurrentPassword", "Ageing@2026x"),
            ("Input.NewPassword", "Renewed@2026x"), ("Input.ConfirmPassword", "Renewed@2026x"));
        Assert.Equal("/", PageSession.RedirectPath(changed));
        await TokenClientAsync(app, "aging.admin", "Renewed@2026x");
    }
}
