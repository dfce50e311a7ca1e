using Workflow.Host.Operations;
using Workflow.Host.Security;

namespace Workflow.Web;

/// <summary>The operator's <c>backup</c> and <c>restore</c> commands (see README, 备份与恢复).</summary>
internal static class BackupCommands
{
    public const string BackupUsage = "backup <目标文件夹>              在线备份 SQLite 数据库、数据保护密钥和佐证材料（网站可以继续运行）";
    public const string RestoreUsage = "restore <备份文件夹> [--force]   校验备份清单后恢复到配置的数据文件夹（先停止网站；已有数据时须加 --force）";

    public static async Task<int> BackupAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken ct)
    {
        var folders = args.ToArray();
        if (folders.Length != 1 || folders[0].StartsWith("--"))
            return await UsageAsync(output, BackupUsage);
        var target = Path.GetFullPath(folders[0]);
        return await RunAsync(services, output, async (backup, sp) =>
        {
            var manifest = await backup.BackupAsync(target, ct);
            // Only a backup made: a refusal may come of a missing database, which an audit trail kept in it could not record.
            await sp.GetRequiredService<ISecurityAudit>().RecordAsync(new SecurityEvent(SecurityEventKind.BackupCreated, Environment.UserName, true,
                $"{target}: {manifest.Files.Count} files"), ct);
            await output.WriteLineAsync($"备份完成：{target}（{manifest.Files.Count} 个文件，{Describe(manifest)}）。");
        });
    }

    public static async Task<int> RestoreAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken ct)
    {
        // --Key=value settings were read into the configuration already; AppCommands passes the command's own words only.
        var folders = args.Where(a => !a.StartsWith("--")).ToArray();
        var options = args.Where(a => a.StartsWith("--")).ToArray();
        if (folders.Length != 1 || options.Any(o => o != "--force"))
            return await UsageAsync(output, RestoreUsage);
        return await RunAsync(services, output, async (backup, sp) =>
        {
            var manifest = await backup.RestoreAsync(folders[0], options.Contains("--force"), ct);
            // Not an ISecurityAudit event: the audit trail lives in the database just replaced (and may predate this version's
            // schema until the next start migrates it). The app log keeps it.
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BackupCommands)).LogWarning(
                "Backup of {CreatedAt:u} restored from {Folder} by {User}", manifest.CreatedAt, Path.GetFullPath(folders[0]), Environment.UserName);
            await output.WriteLineAsync($"恢复完成：{manifest.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC 的备份（版本 {manifest.AppVersion}，{Describe(manifest)}）。现在可以启动网站。");
        });
    }

    private static async Task<int> RunAsync(IServiceProvider services, TextWriter output, Func<BackupService, IServiceProvider, Task> run)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            await run(scope.ServiceProvider.GetRequiredService<BackupService>(), scope.ServiceProvider);
            return 0;
        }
        catch (BackupRefusedException e)
        {
            await output.WriteLineAsync(e.Message);
            return 1;
        }
    }

    private static string Describe(BackupManifest manifest) =>
        $"报告 {Count(manifest, "reports")} 份，审核记录 {Count(manifest, "reportJournal")} 条，版本 {Count(manifest, "reportRevisions")} 个，" +
        $"整改事项 {Count(manifest, "rectificationItems")} 项，佐证材料 {Count(manifest, "evidenceFiles")} 份，用户 {Count(manifest, "users")} 个";

    private static long Count(BackupManifest manifest, string name) => manifest.Counts.GetValueOrDefault(name);

    private static async Task<int> UsageAsync(TextWriter output, string usage)
    {
        await output.WriteLineAsync("用法：" + usage);
        return 2;
    }
}
