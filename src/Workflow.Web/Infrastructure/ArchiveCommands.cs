using Workflow.Host.Archive;

namespace Workflow.Web;

/// <summary><c>verify &lt;zip&gt;</c>: checks an exported archive offline, without the database: OK (0) or the first link that does not match (1).</summary>
internal static class ArchiveCommands
{
    public const string VerifyUsage = "verify <存档.zip>  离线校验导出的存档：重算每条记录、每个佐证材料和每个链节的哈希，吻合输出 OK，否则指出第一个不符的链节";

    public static async Task<int> VerifyAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken ct)
    {
        if (args.Count != 1)
        {
            await output.WriteLineAsync("用法：" + VerifyUsage);
            return 2;
        }
        if (!File.Exists(args[0]))
        {
            await output.WriteLineAsync($"找不到文件：{args[0]}");
            return 2;
        }
        await using var zip = File.OpenRead(args[0]);
        var verdict = await ArchiveVerifier.VerifyAsync(zip, ct);
        await output.WriteLineAsync(verdict.Message);
        return verdict.Ok ? 0 : 1;
    }
}
