using System.Net;
using Workflow.Activities;
using Workflow.Host.Security;
using Workflow.Web.Tests.Infrastructure;
using static Workflow.Web.Tests.Accounts.AccountFlows;

namespace Workflow.Web.Tests.Accounts;

/// <summary>
/// Issue 13 item 2: a disabled account, a changed password and a changed role end cookies and tokens on the next request;
/// the 安全保密管理员's account page; 三员分立.
/// </summary>
public sealed class AccountLifecycleTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Security = "sec.life";
    private const string SecurityPassword = "Secure@2026a";

    private Task<PageSession> SecurityAdminAsync() =>
        app.OnceAsync("security-admin", () => NewAdministratorAsync(app, Security, RoleNames.SecurityAdmin, SecurityPassword));

    [Fact]
    public async Task A_disabled_user_is_signed_out_of_every_page_and_his_token_stops_on_the_next_request()
    {
        using var page = await PageSession.SignInAsync(app, "drafter.shengtai");
        var token = await TokenClientAsync(app, "drafter.shengtai", AppFactory.Password);
        Assert.Equal(HttpStatusCode.OK, await InboxStatusAsync(page));
        await token.GetAsync("/api/inbox").ExpectAsync(HttpStatusCode.OK);
        var security = await SecurityAdminAsync();
        var id = await IdOfAsync(app, "drafter.shengtai");

        var list = await security.FollowAsync(
            await security.PostFormToAsync("/Security/Accounts", $"/Security/Accounts?handler=Disable&id={id}"), "/Security/Accounts");

        Assert.Contains("账号已停用", list);
        Assert.Contains("""data-user="drafter.shengtai" data-state="Disabled""", list);
        var inbox = await page.GetAsync("/Inbox");
        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        Assert.StartsWith("/Account/Login", PageSession.RedirectPath(inbox));
        await (await token.GetAsync("/api/inbox")).AssertProblemAsync(HttpStatusCode.Unauthorized, "token-revoked");
        var (_, location) = await PageSignInAsync(app, "drafter.shengtai", AppFactory.Password);
        Assert.Equal("200", location);
        await (await ApiLoginAsync(app, "drafter.shengtai", AppFactory.Password)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        await security.FollowAsync(
            await security.PostFormToAsync("/Security/Accounts", $"/Security/Accounts?handler=Enable&id={id}"), "/Security/Accounts");
        using var again = await PageSession.SignInAsync(app, "drafter.shengtai");
        Assert.Equal(HttpStatusCode.OK, await InboxStatusAsync(again));
    }

    [Fact]
    public async Task A_changed_password_ends_the_other_sessions_and_tokens_but_not_the_one_that_changed_it()
    {
        using var changer = await PageSession.SignInAsync(app, "secretary.shengtai");
        using var other = await PageSession.SignInAsync(app, "secretary.shengtai");
        var token = await TokenClientAsync(app, "secretary.shengtai", AppFactory.Password);
        Assert.Contains("/Account/ChangePassword", await changer.GetDecodedPageAsync("/Account/Profile"));

        var done = await changer.PostFormAsync("/Account/ChangePassword", ("Input.CurrentPassword", AppFactory.Password),
            ("Input.NewPassword", "Changed@2026s"), ("Input.ConfirmPassword", "Changed@2026s"));

        Assert.Equal("/", PageSession.RedirectPath(done));
        Assert.Equal(HttpStatusCode.OK, await InboxStatusAsync(changer));
        Assert.Equal(HttpStatusCode.Redirect, await InboxStatusAsync(other));
        await (await token.GetAsync("/api/inbox")).AssertProblemAsync(HttpStatusCode.Unauthorized, "token-revoked");
        var fresh = await TokenClientAsync(app, "secretary.shengtai", "Changed@2026s");
        await fresh.GetAsync("/api/inbox").ExpectAsync(HttpStatusCode.OK);

        // Signed in with a token, the API changes the password too, and that token ends with it.
        await (await fresh.PostJsonAsync("/api/auth/password", new { currentPassword = "Changed@2026s", newPassword = AppFactory.Password }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "password-policy");
        await fresh.PostJsonAsync("/api/auth/password", new { currentPassword = "Changed@2026s", newPassword = "Changed@2027s" })
            .ExpectAsync(HttpStatusCode.NoContent);
        await (await fresh.GetAsync("/api/inbox")).AssertProblemAsync(HttpStatusCode.Unauthorized, "token-revoked");
        await TokenClientAsync(app, "secretary.shengtai", "Changed@2027s");
    }

    [Fact]
    public async Task A_reset_password_is_shown_once_ends_the_sessions_and_must_be_changed_at_the_next_sign_in()
    {
        using var page = await PageSession.SignInAsync(app, "drafter.haishi");
        var token = await TokenClientAsync(app, "drafter.haishi", AppFactory.Password);
        var security = await SecurityAdminAsync();
        var id = await IdOfAsync(app, "drafter.haishi");

        var answer = await PageSession.RefusedAsync(
            await security.PostFormToAsync("/Security/Accounts", $"/Security/Accounts?handler=Reset&id={id}"));

        var oneTime = OneTimePasswordIn(answer.Replace("<p class=\"one-time-password\">", "一次性密码："));
        Assert.Contains("drafter.haishi 的一次性密码", answer);
        Assert.DoesNotContain(oneTime, await security.GetDecodedPageAsync("/Security/Accounts"));
        Assert.Equal(HttpStatusCode.Redirect, await InboxStatusAsync(page));
        await (await token.GetAsync("/api/inbox")).AssertProblemAsync(HttpStatusCode.Unauthorized, "token-revoked");
        await (await ApiLoginAsync(app, "drafter.haishi", oneTime)).AssertProblemAsync(HttpStatusCode.Forbidden, "password-change-required");
        var (session, _) = await PageSignInAsync(app, "drafter.haishi", oneTime);
        Assert.Equal("/Account/ChangePassword", PageSession.RedirectPath(await session.GetAsync("/Inbox")));
        Assert.Contains("""data-user="drafter.haishi" data-state="MustChangePassword""", await security.GetDecodedPageAsync("/Security/Accounts"));
    }

    [Fact]
    public async Task Removing_the_admin_role_refuses_the_next_request_to_the_admin_pages_and_the_dashboard()
    {
        var (_, output) = await RunCommandAsync(app, "admin", "create", "ops.admin");
        await WithAccountsAsync(app, async (accounts, users) =>
        {
            var user = (await users.FindByNameAsync("ops.admin"))!;
            return await users.ChangePasswordAsync(user, OneTimePasswordIn(output), "Operate@2026");
        });
        var (admin, _) = await PageSignInAsync(app, "ops.admin", "Operate@2026");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/hangfire")).StatusCode);
        var security = await SecurityAdminAsync();
        var id = await IdOfAsync(app, "ops.admin");

        await security.FollowAsync(await security.PostFormAsync($"/Security/Roles/{id}", ("Roles", RoleNames.Auditor)), "/Security/Accounts");

        Assert.NotEqual(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Users")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await admin.GetAsync("/hangfire")).StatusCode);
        var (auditor, _) = await PageSignInAsync(app, "ops.admin", "Operate@2026");
        var users = await auditor.GetAsync("/Admin/Users");
        Assert.StartsWith("/Account/AccessDenied", PageSession.RedirectPath(users));
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task Three_administrators_stay_separate_and_the_security_admin_cannot_lock_himself_out()
    {
        var security = await SecurityAdminAsync();
        var me = await IdOfAsync(app, Security);
        var drafter = await IdOfAsync(app, "drafter.renda");

        var both = await PageSession.RefusedAsync(await security.PostFormAsync($"/Security/Roles/{drafter}",
            ("Roles", RoleNames.Admin), ("Roles", RoleNames.Auditor)));
        Assert.Contains("三员分立", PageSession.FieldError(both, "Roles"));
        var mixed = await PageSession.RefusedAsync(await security.PostFormAsync($"/Security/Roles/{drafter}",
            ("Roles", RoleNames.Drafter), ("Roles", RoleNames.Admin)));
        Assert.Contains("不能同时担任业务角色", PageSession.FieldError(mixed, "Roles"));
        var demote = await PageSession.RefusedAsync(await security.PostFormAsync($"/Security/Roles/{me}", ("Roles", RoleNames.Auditor)));
        Assert.Equal("不能取消自己的安全保密管理员角色。", PageSession.FieldError(demote, "Roles"));
        var self = await PageSession.RefusedAsync(
            await security.PostFormToAsync("/Security/Accounts", $"/Security/Accounts?handler=Disable&id={me}"));
        Assert.Contains("不能停用自己的账号。", PageSession.SummaryErrors(self));
        var wrongUnit = await PageSession.RefusedAsync(await security.PostFormAsync($"/Security/Roles/{drafter}", ("Roles", RoleNames.DisciplineInspector)));
        Assert.Contains("纪检", PageSession.FieldError(wrongUnit, "Roles"));
        var roles = await WithAccountsAsync(app, async (_, users) => await users.GetRolesAsync((await users.FindByIdAsync(drafter))!));
        Assert.Equal([RoleNames.Drafter], roles);
    }

    [Fact]
    public async Task Only_the_security_admin_opens_the_security_pages_and_api()
    {
        using var admin = await PageSession.SignInAsync(app, "admin");
        foreach (var url in new[] { "/Security/Accounts", "/Security/PasswordPolicy" })
            Assert.StartsWith("/Account/AccessDenied", PageSession.RedirectPath(await admin.GetAsync(url)));
        var adminToken = await TokenClientAsync(app, "admin", AppFactory.Password);
        await (await adminToken.GetAsync("/api/security/accounts")).AssertProblemAsync(HttpStatusCode.Forbidden);

        await SecurityAdminAsync();
        var token = await TokenClientAsync(app, Security, SecurityPassword);
        var accounts = await token.GetAsync("/api/security/accounts").ExpectAsync<List<AccountDto>>(HttpStatusCode.OK);
        Assert.Contains(accounts, a => a.UserName == "drafter.kexie" && a.State == "Active");
        var id = accounts.Single(a => a.UserName == "committee.gongwei").Id;
        await (await token.PutJsonAsync($"/api/security/accounts/{id}/roles", new { roles = new[] { "Admin", "SecurityAdmin" } }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "account-refused");
        await (await token.PostJsonAsync($"/api/security/accounts/{Guid.NewGuid()}/disable")).AssertProblemAsync(HttpStatusCode.NotFound);
        var reset = await token.PostJsonAsync($"/api/security/accounts/{id}/reset-password").ExpectAsync<OneTimeDto>(HttpStatusCode.OK);
        await (await ApiLoginAsync(app, "committee.gongwei", reset.OneTimePassword)).AssertProblemAsync(HttpStatusCode.Forbidden, "password-change-required");
    }

    [Fact]
    public async Task Accounts_without_a_password_get_initial_one_time_passwords_in_a_one_time_download()
    {
        var security = await SecurityAdminAsync();
        await WithAccountsAsync(app, async (_, users) =>
            await users.CreateAsync(new Workflow.Host.Identity.AppUser { UserName = "imported.one", DisplayName = "导入用户", Email = "imported@example.gov.cn" }));
        var list = await security.GetDecodedPageAsync("/Security/Accounts");
        Assert.Contains("生成初始密码", list);

        var download = await security.PostFormToAsync("/Security/Accounts", "/Security/Accounts?handler=Initial");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType?.MediaType);
        using var book = new ClosedXML.Excel.XLWorkbook(await download.Content.ReadAsStreamAsync());
        var sheet = book.Worksheet(1);
        Assert.Equal("用户名", sheet.Cell(1, 1).GetString());
        Assert.Equal("imported.one", sheet.Cell(2, 1).GetString());
        Assert.True(sheet.Cell(3, 1).IsEmpty());
        var password = sheet.Cell(2, 4).GetString();
        await (await ApiLoginAsync(app, "imported.one", password)).AssertProblemAsync(HttpStatusCode.Forbidden, "password-change-required");
        var again = await security.FollowAsync(await security.PostFormToAsync("/Security/Accounts", "/Security/Accounts?handler=Initial"),
            "/Security/Accounts");
        Assert.Contains("没有需要生成初始密码的账号。", again);
    }

    private sealed record AccountDto(string Id, string UserName, string State, List<string> Roles);

    private sealed record OneTimeDto(string OneTimePassword);

    [Fact]
    public async Task The_password_policy_is_stored_for_every_node_and_checked_with_messages_beside_the_field()
    {
        var security = await SecurityAdminAsync();
        var bad = await PageSession.RefusedAsync(await security.PostFormAsync("/Security/PasswordPolicy",
            ("Input.MinimumLength", "4"), ("Input.RequiredCharacterClasses", "3"), ("Input.History", "x"), ("Input.MaximumAgeDays", "90")));
        Assert.Equal("最小长度应在 8 到 64 位之间。", PageSession.FieldError(bad, "Input.MinimumLength"));
        Assert.Equal("请输入整数。", PageSession.FieldError(bad, "Input.History"));

        await security.FollowAsync(await security.PostFormAsync("/Security/PasswordPolicy",
            ("Input.MinimumLength", "14"), ("Input.RequiredCharacterClasses", "4"), ("Input.History", "3"), ("Input.MaximumAgeDays", "90")),
            "/Security/PasswordPolicy");
        try
        {
            using var user = await PageSession.SignInAsync(app, "inspector.team2");
            var weak = await PageSession.RefusedAsync(await user.PostFormAsync("/Account/ChangePassword", ("Input.CurrentPassword", AppFactory.Password),
                ("Input.NewPassword", "Longer@2026"), ("Input.ConfirmPassword", "Longer@2026")));
            Assert.Equal("密码至少需要14位。", PageSession.FieldError(weak, "Input.NewPassword"));
            Assert.Contains("至少14位", await user.GetDecodedPageAsync("/Account/ChangePassword"));
        }
        finally
        {
            await security.PostFormAsync("/Security/PasswordPolicy", ("Input.MinimumLength", "10"), ("Input.RequiredCharacterClasses", "3"),
                ("Input.History", "5"), ("Input.MaximumAgeDays", "90"));
        }
    }
}
