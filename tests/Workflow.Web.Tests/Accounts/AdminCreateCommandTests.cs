using System.Diagnostics;
using System.Net;
using Workflow.Web.Tests.Infrastructure;
using static Workflow.Web.Tests.Accounts.AccountFlows;

namespace Workflow.Web.Tests.Accounts;

/// <summary>Issue 13 item 1: the first administrators of a new installation, created by the operator's <c>admin create</c>.</summary>
public sealed class AdminCreateCommandTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Admin_create_prints_a_one_time_password_once_and_refuses_a_name_in_use_or_an_unknown_role()
    {
        var (code, output) = await RunCommandAsync(app, "admin", "create", "root.sys", "--name", "张三", "--email", "root@example.gov.cn");

        Assert.Equal(0, code);
        Assert.Contains("已创建系统管理员账号：root.sys", output);
        var password = OneTimePasswordIn(output);
        Assert.True(password.Length >= 16, password);
        Assert.Equal(4, Workflow.Host.Security.PolicyPasswordValidator.CharacterClasses(password));

        var (again, refusal) = await RunCommandAsync(app, "admin", "create", "ROOT.sys", "--role", "Auditor");
        Assert.Equal(1, again);
        Assert.Contains("已存在", refusal);
        Assert.DoesNotContain("一次性密码", refusal);
        var (unknown, unknownRole) = await RunCommandAsync(app, "admin", "create", "someone.else", "--role", "Drafter");
        Assert.Equal(1, unknown);
        Assert.Contains("角色“Drafter”无效", unknownRole);
        Assert.Null(await WithAccountsAsync(app, (_, users) => users.FindByNameAsync("someone.else")));
        var (missing, usage) = await RunCommandAsync(app, "admin", "create");
        Assert.Equal(1, missing);
        Assert.Contains("请指定用户名", usage);

        // Two different one-time passwords for two accounts: generated, not fixed.
        var (_, second) = await RunCommandAsync(app, "admin", "create", "root.sec", "--role", "SecurityAdmin");
        Assert.NotEqual(password, OneTimePasswordIn(second));
    }

    [Fact]
    public async Task The_first_sign_in_with_the_one_time_password_must_set_a_new_one_on_the_page_and_on_the_api()
    {
        var (_, output) = await RunCommandAsync(app, "admin", "create", "first.admin");
        var oneTime = OneTimePasswordIn(output);

        var (session, location) = await PageSignInAsync(app, "first.admin", oneTime);
        Assert.Equal("/", location);
        foreach (var page in new[] { "/", "/Admin/Users", "/Account/Profile", "/hangfire" })
        {
            var response = await session.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page}: {(int)response.StatusCode}");
            Assert.Equal("/Account/ChangePassword", PageSession.RedirectPath(response));
        }
        Assert.Contains("一次性密码", await session.GetDecodedPageAsync("/Account/ChangePassword"));
        await (await ApiLoginAsync(app, "first.admin", oneTime)).AssertProblemAsync(HttpStatusCode.Forbidden, "password-change-required");

        var weak = await PageSession.RefusedAsync(await session.PostFormAsync("/Account/ChangePassword",
            ("Input.CurrentPassword", oneTime), ("Input.NewPassword", "short1A"), ("Input.ConfirmPassword", "short1A")));
        Assert.Equal("密码至少需要10位。", PageSession.FieldError(weak, "Input.NewPassword"));
        var same = await PageSession.RefusedAsync(await session.PostFormAsync("/Account/ChangePassword",
            ("Input.CurrentPassword", oneTime), ("Input.NewPassword", oneTime), ("Input.ConfirmPassword", oneTime)));
        Assert.Contains("不能与最近5次使用过的密码相同", PageSession.FieldError(same, "Input.NewPassword"));
        var wrong = await PageSession.RefusedAsync(await session.PostFormAsync("/Account/ChangePassword",
            ("Input.CurrentPassword", "Wrong@Pass12"), ("Input.NewPassword", "Chosen@2026x"), ("Input.ConfirmPassword", "Chosen@2026x")));
        Assert.Equal("当前密码不正确。", PageSession.FieldError(wrong, "Input.CurrentPassword"));

        var done = await session.PostFormAsync("/Account/ChangePassword",
            ("Input.CurrentPassword", oneTime), ("Input.NewPassword", "Chosen@2026x"), ("Input.ConfirmPassword", "Chosen@2026x"));
        Assert.Equal("/", PageSession.RedirectPath(done));
        Assert.Contains("用户管理", await session.GetDecodedPageAsync("/Admin/Users"));
        await ApiLoginAsync(app, "first.admin", "Chosen@2026x").ExpectAsync(HttpStatusCode.OK);
        await (await ApiLoginAsync(app, "first.admin", oneTime)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    [Fact]
    public async Task The_api_changes_a_one_time_password_without_a_token()
    {
        var (_, output) = await RunCommandAsync(app, "admin", "create", "api.auditor", "--role", "Auditor");
        var oneTime = OneTimePasswordIn(output);
        var client = app.CreateClient();

        var weak = await client.PostJsonAsync("/api/auth/password", new { userName = "api.auditor", currentPassword = oneTime, newPassword = "alllowercase" });
        var problem = await weak.AssertProblemAsync(HttpStatusCode.BadRequest, "password-policy");
        Assert.Contains("至少3类", problem.Detail);
        await (await client.PostJsonAsync("/api/auth/password", new { userName = "api.auditor", currentPassword = "Wrong@Pass12", newPassword = "Audit@2026xy" }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        await client.PostJsonAsync("/api/auth/password", new { userName = "api.auditor", currentPassword = oneTime, newPassword = "Audit@2026xy" })
            .ExpectAsync(HttpStatusCode.NoContent);

        await ApiLoginAsync(app, "api.auditor", "Audit@2026xy").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_published_binary_runs_admin_create_in_Production_on_an_empty_data_folder()
    {
        var dll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Workflow.Web", "bin",
            new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "Workflow.Web.dll"));
        Assert.True(File.Exists(dll), $"the app is not built: {dll}");
        var data = Path.Combine(Path.GetTempPath(), "approvalflow-tests", "cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, output) = await RunBinaryAsync(dll, data, "admin", "create", "sysadmin", "--role", "Admin");
            Assert.True(code == 0, output);
            Assert.Contains("已创建系统管理员账号：sysadmin", output);
            Assert.True(OneTimePasswordIn(output).Length >= 16);
            Assert.True(File.Exists(Path.Combine(data, "approvalflow.db")), "the command did not create the database");

            var (again, refusal) = await RunBinaryAsync(dll, data, "admin", "create", "sysadmin", "--role", "Admin");
            Assert.Equal(1, again);
            Assert.Contains("已存在", refusal);
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<(int Code, string Output)> RunBinaryAsync(string dll, string dataDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["App__DataDirectory"] = dataDirectory;
        start.Environment["Reminders__JobsEnabled"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
