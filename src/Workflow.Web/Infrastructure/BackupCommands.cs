using Workflow.Host.Operations;

namespace Workflow.Web;

/// <summary>The operator's <c>backup</c> and <c>restore</c> commands (see README, 备份与恢复).</summary>
internal static class BackupCommands
{
    public const string BackupUsage = "backup <目标文件夹>              在线备份 SQLite 数据库、数据保护密钥和佐证材料（网站可以继续运行）";
    public const string RestoreUsage = "restore <备份文件夹> [--force]   校验备份清单后恢复到配置的数据文件夹（先停止网站；已有数据时须加 --force）";

    public static async Task<int> BackupAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken ct)
    {
        var folders = args.Where(a => !CommandLine.IsSetting(a)).ToArray();
        if (folders.Length != 1 || folders[0].StartsWith("--"))
            return await UsageAsync(output, BackupUsage);
        return await RunAsync(services, output, async backup =>
        {
            var manifest = await backup.BackupAsync(folders[0], ct);
            await output.WriteLineAsync($"备份完成：{Path.GetFullPath(folders[0])}（{manifest.Files.Count} 个文件，{Describe(manifest)}）。");
        });
    }

    public static async Task<int> RestoreAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken ct)
    {
        // --Key=value settings were read into the configuration already.
        var words = args.Where(a => !CommandLine.IsSetting(a)).ToArray();
        var folders = words.Where(a => !a.StartsWith("--")).ToArray();
        var options = words.Where(a => a.StartsWith("--")).ToArray();
        if (folders.Length != 1 || options.Any(o => o != "--force"))
            return await UsageAsync(output, RestoreUsage);
        return await RunAsync(services, output, async backup =>
        {
            var manifest = await backup.RestoreAsync(folders[0], options.Contains("--force"), ct);
            await output.WriteLineAsync($"恢复完成：{manifest.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC 的备份（版本 {manifest.AppVersion}，{Describe(manifest)}）。现在可以启动网站。");
        });
    }

    private static async Task<int> RunAsync(IServiceProvider services, TextWriter output, Func<BackupService, Task> run)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            await run(scope.ServiceProvider.GetRequiredService<BackupService>());
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
