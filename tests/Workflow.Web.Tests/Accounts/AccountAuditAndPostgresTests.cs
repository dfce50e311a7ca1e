using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Activities;
using Workflow.Host.Security;
using Workflow.Web.Tests.Infrastructure;
using static Workflow.Web.Tests.Accounts.AccountFlows;

namespace Workflow.Web.Tests.Accounts;

/// <summary>The real app with the security audit recorded in memory, to see which events the account lifecycle emits.</summary>
public sealed class AuditedAppFactory : AppFactory
{
    public ConcurrentQueue<SecurityEvent> Events { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<ISecurityAudit>();
            services.AddSingleton<ISecurityAudit>(new RecordingAudit(Events));
        });
    }

    private sealed class RecordingAudit(ConcurrentQueue<SecurityEvent> events) : ISecurityAudit
    {
        public Task RecordAsync(SecurityEvent e, CancellationToken ct = default)
        {
            events.Enqueue(e);
            return Task.CompletedTask;
        }
    }
}

public sealed class AccountAuditTests(AuditedAppFactory app) : IClassFixture<AuditedAppFactory>
{
    [Fact]
    public async Task Every_lifecycle_step_records_its_security_event_and_never_a_password()
    {
        var (_, output) = await RunCommandAsync(app, "admin", "create", "audit.sec", "--role", RoleNames.SecurityAdmin);
        var oneTime = OneTimePasswordIn(output);
        var me = await IdOfAsync(app, "audit.sec");
        var drafter = await IdOfAsync(app, "drafter.renda");
        await WithAccountsAsync(app, async (accounts, users) =>
        {
            var user = (await users.FindByIdAsync(me))!;
            Assert.False((await accounts.ChangePasswordAsync(user, "Wrong@Pass12", "Audited@2026", default)).Succeeded);
            Assert.True((await accounts.ChangePasswordAsync(user, oneTime, "Audited@2026", default)).Succeeded);
            Assert.True((await accounts.ResetPasswordAsync(drafter)).Succeeded);
            Assert.True((await accounts.DisableAsync(drafter, me)).Succeeded);
            Assert.True((await accounts.EnableAsync(drafter)).Succeeded);
            Assert.True((await accounts.UnlockAsync(drafter)).Succeeded);
            Assert.True((await accounts.SetRolesAsync(drafter, [RoleNames.Drafter, RoleNames.PartySecretary], me)).Succeeded);
            return 0;
        });
        using var security = await PageSessionForAsync("audit.sec", "Audited@2026");
        await security.FollowAsync(await security.PostFormAsync("/Security/PasswordPolicy", ("Input.MinimumLength", "12"),
            ("Input.RequiredCharacterClasses", "3"), ("Input.History", "5"), ("Input.MaximumAgeDays", "90")), "/Security/PasswordPolicy");

        var events = app.Events.ToList();
        Assert.Contains(events, e => e is { Kind: SecurityEventKind.AccountCreated, Account: "audit.sec", Succeeded: true });
        Assert.Contains(events, e => e is { Kind: SecurityEventKind.PasswordChanged, Account: "audit.sec", Succeeded: false });
        Assert.Contains(events, e => e is { Kind: SecurityEventKind.PasswordChanged, Account: "audit.sec", Succeeded: true });
        foreach (var kind in new[] { SecurityEventKind.PasswordReset, SecurityEventKind.AccountDisabled, SecurityEventKind.AccountEnabled,
                     SecurityEventKind.AccountUnlocked, SecurityEventKind.RolesChanged })
            Assert.Contains(events, e => e.Kind == kind && e.Account == "drafter.renda" && e.Succeeded);
        Assert.Contains(events, e => e is { Kind: SecurityEventKind.PasswordPolicyChanged, Account: "audit.sec" } && e.Detail!.Contains("最小长度12"));
        Assert.DoesNotContain(events, e => $"{e.Detail}".Contains(oneTime) || $"{e.Detail}".Contains("Audited@2026"));
    }

    private async Task<PageSession> PageSessionForAsync(string userName, string password)
    {
        var (session, location) = await PageSignInAsync(app, userName, password);
        Assert.Equal("/", location);
        return session;
    }
}

/// <summary>The lifecycle on PostgreSQL: the migration's columns and tables, and a token refused once the account is disabled.</summary>
[Collection(PostgresAppCollection.Name)]
public sealed class AccountLifecycleOnPostgreSqlTests(PostgresAppFactory app)
{
    [Fact]
    public async Task Admin_create_password_change_history_and_disable_work_on_PostgreSQL()
    {
        var name = "pg.sec." + Guid.NewGuid().ToString("N")[..6];
        var (code, output) = await RunCommandAsync(app, "admin", "create", name, "--role", RoleNames.SecurityAdmin);
        Assert.True(code == 0, output);
        var client = app.CreateClient();
        await client.PostJsonAsync("/api/auth/password", new { userName = name, currentPassword = OneTimePasswordIn(output), newPassword = "Postgres@2026" })
            .ExpectAsync(HttpStatusCode.NoContent);
        await (await client.PostJsonAsync("/api/auth/password", new { userName = name, currentPassword = "Postgres@2026", newPassword = OneTimePasswordIn(output) }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "password-policy");
        var token = await TokenClientAsync(app, name, "Postgres@2026");
        var accounts = await token.GetAsync("/api/security/accounts").ExpectAsync<List<Row>>(HttpStatusCode.OK);
        Assert.Contains(accounts, a => a.UserName == name && a.State == "Active");

        var id = await IdOfAsync(app, name);
        await WithAccountsAsync(app, async (service, _) => await service.DisableAsync(id, "someone-else"));

        await (await token.GetAsync("/api/security/accounts")).AssertProblemAsync(HttpStatusCode.Unauthorized, "token-revoked");
        await (await ApiLoginAsync(app, name, "Postgres@2026")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private sealed record Row(string UserName, string State);
}
