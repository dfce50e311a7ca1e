using Workflow.Activities;
using Workflow.Host;
using Workflow.Host.Security;

namespace Workflow.Web;

/// <summary>
/// <c>admin create &lt;user&gt; [--role Admin|SecurityAdmin|Auditor] [--name 显示名] [--email x]</c>: the first administrators of
/// a new installation, in any environment. Migrates the database, creates the account with a generated one-time password,
/// prints it once; the first sign-in must replace it. Run once per administrator role (三员分立).
/// </summary>
internal static class AdminCommands
{
    public const string CreateUsage = "admin create <用户名> [--role Admin|SecurityAdmin|Auditor] [--name 显示名] [--email 邮箱]  创建管理员账号（打印一次性密码）";

    public static async Task<int> CreateAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken ct)
    {
        string? userName = null, role = RoleNames.Admin, name = null, email = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--role" or "--name" or "--email")
            {
                if (i + 1 >= args.Count)
                {
                    await output.WriteLineAsync($"选项 {arg} 缺少取值。用法：{CreateUsage}");
                    return 1;
                }
                var value = args[++i];
                switch (arg)
                {
                    case "--role": role = value; break;
                    case "--name": name = value; break;
                    default: email = value; break;
                }
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) || userName is not null)
            {
                await output.WriteLineAsync($"无法识别的参数：{arg}。用法：{CreateUsage}");
                return 1;
            }
            else userName = arg;
        }
        if (string.IsNullOrWhiteSpace(userName))
        {
            await output.WriteLineAsync($"请指定用户名。用法：{CreateUsage}");
            return 1;
        }
        var known = RoleNames.Administrators.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            await output.WriteLineAsync($"角色“{role}”无效，只能是 {string.Join(" / ", RoleNames.Administrators)}（系统管理员 / 安全保密管理员 / 安全审计员）。未作任何修改。");
            return 1;
        }

        await services.InitializeApprovalFlowAsync(ct, demo: false);
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAdministratorAsync(userName, known, name, email, ct);
        if (!result.Succeeded)
        {
            foreach (var (_, message) in result.Errors) await output.WriteLineAsync(message);
            return 1;
        }
        await output.WriteLineAsync($"已创建{RoleNames.Label(known)}账号：{userName.Trim()}");
        await output.WriteLineAsync($"一次性密码：{result.OneTimePassword}");
        await output.WriteLineAsync("此密码只显示这一次。首次登录时必须设置新密码。");
        return 0;
    }
}
