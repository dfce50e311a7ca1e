namespace Workflow.Web;

/// <summary>
/// An operator's command run on the app itself instead of the web server, e.g. <c>admin create wang</c>: the same
/// configuration, database and services as the server, then it exits with the returned code (0 = done).
/// </summary>
internal delegate Task<int> AppCommand(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken ct);

/// <summary>The operator's commands, found by their leading words; any other first word that is not an option is refused.</summary>
internal static class AppCommands
{
    private static readonly (string[] Verb, string Usage, AppCommand Run)[] Registry =
    [
        (["admin", "create"], AdminCommands.CreateUsage, AdminCommands.CreateAsync),
        (["evidence", "migrate"], "evidence migrate [--from <文件夹>]  把数据库引用的佐证材料从本机文件夹（默认 <数据目录>/evidence）复制到配置的存储",
            EvidenceCommands.MigrateAsync),
        (["backup"], BackupCommands.BackupUsage, BackupCommands.BackupAsync),
        (["restore"], BackupCommands.RestoreUsage, BackupCommands.RestoreAsync),
        (["verify"], ArchiveCommands.VerifyUsage, ArchiveCommands.VerifyAsync),
    ];

    /// <summary>Whether the command line names a command at all (its first argument is a word, not an option).</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=');

    /// <summary>Runs the command the arguments name; an unknown one prints the list of commands and answers 2.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct = default)
    {
        var words = args.TakeWhile(a => !a.StartsWith("--")).ToArray();
        foreach (var (verb, _, run) in Registry)
            if (words.Length >= verb.Length && verb.SequenceEqual(words[..verb.Length], StringComparer.OrdinalIgnoreCase))
                // --Key=value settings went to the configuration (CommandLine.Normalize); the command gets its own words and switches.
                return await run(services, args[verb.Length..].Where(a => !CommandLine.IsSetting(a)).ToArray(), output, ct);
        await output.WriteLineAsync($"未知命令：{string.Join(' ', words)}");
        await output.WriteLineAsync("可用命令：");
        foreach (var (_, usage, _) in Registry)
            await output.WriteLineAsync("  " + usage);
        await output.WriteLineAsync("不带命令运行即启动网站。");
        return 2;
    }
}
