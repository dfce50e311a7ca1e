using Microsoft.Extensions.Options;
using Workflow.Host;
using Workflow.Host.Rectification;

namespace Workflow.Web;

/// <summary>The operator's evidence commands.</summary>
internal static class EvidenceCommands
{
    /// <summary>
    /// evidence migrate [--from &lt;folder&gt;]: copies what the database refers to from a node's folder into the configured
    /// store; 0 when every referenced file is now in the store, 1 when some are missing or corrupt, 2 on bad arguments.
    /// </summary>
    public static async Task<int> MigrateAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken ct)
    {
        var app = services.GetRequiredService<IOptions<AppOptions>>().Value;
        var dataDirectory = app.DataPath(services.GetRequiredService<IHostEnvironment>().ContentRootPath);
        var from = Path.Combine(dataDirectory, "evidence");
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--from" && i + 1 < args.Count && !string.IsNullOrWhiteSpace(args[i + 1]))
                from = Path.GetFullPath(args[++i]);
            else
            {
                await output.WriteLineAsync($"无法识别的参数：{args[i]}。用法：evidence migrate [--from <文件夹>]");
                return 2;
            }
        }
        if (!Directory.Exists(from))
            // Not a refusal: once everything is in the store the old folder may be gone, and a rerun still answers 0.
            await output.WriteLineAsync($"注意：源文件夹不存在：{from}（存储中没有的文件都将记为缺失）");

        await services.InitializeApprovalFlowAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var migration = scope.ServiceProvider.GetRequiredService<EvidenceMigration>();
        await output.WriteLineAsync($"从 {from} 复制到 {migration.StoreDescription}……");
        var report = await migration.RunAsync(from, ct);
        await output.WriteLineAsync($"已复制 {report.Copied} 个，已存在 {report.AlreadyPresent} 个，缺失 {report.Missing.Count} 个，内容与哈希不符 {report.Corrupt.Count} 个。");
        foreach (var sha256 in report.Missing)
            await output.WriteLineAsync($"  缺失：{sha256}");
        foreach (var sha256 in report.Corrupt)
            await output.WriteLineAsync($"  内容与哈希不符（未复制）：{sha256}");
        if (report.Complete)
        {
            await output.WriteLineAsync("完成：数据库引用的每个佐证材料文件都已在存储中。");
            return 0;
        }
        await output.WriteLineAsync("未完成：有佐证材料文件缺失或损坏，请从备份中找回后再运行本命令（已复制的不会重复复制）。");
        return 1;
    }
}
