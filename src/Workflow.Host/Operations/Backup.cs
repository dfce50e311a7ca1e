using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;

namespace Workflow.Host.Operations;

/// <summary>What a backup holds: when and by which version it was made, row counts, and every file with its SHA-256.</summary>
public sealed record BackupManifest(int Format, DateTimeOffset CreatedAt, string AppVersion, string Provider,
    IReadOnlyDictionary<string, long> Counts, IReadOnlyList<BackupFile> Files);

/// <summary>One file of a backup, by its path relative to the backup folder (always with '/').</summary>
public sealed record BackupFile(string Path, long Size, string Sha256);

/// <summary>A backup or restore that was refused or failed; the message is Chinese and says what to do.</summary>
public sealed class BackupRefusedException(string message) : Exception(message);

/// <summary>
/// Online backup and verified restore of the embedded installation: the SQLite database through SQLite's backup API (a
/// consistent copy while the app keeps serving), the data-protection keys and the evidence files, with a manifest of
/// SHA-256 hashes that restore checks before it touches anything. PostgreSQL is backed up with pg_dump (README).
/// </summary>
public sealed class BackupService(AppDbContext db, IOptions<AppOptions> app, IOptions<DatabaseOptions> database,
    IHostEnvironment env, TimeProvider time)
{
    public const string ManifestName = "manifest.json";
    public const string DatabaseName = "approvalflow.db";
    private const string KeysFolder = AppOptions.KeysFolder;
    private const string EvidenceFolder = "evidence";
    private const int Format = 1;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private string DataDirectory => app.Value.DataPath(env.ContentRootPath);

    /// <summary>Copies database, keys and evidence into <paramref name="target"/> (new or empty) and writes the manifest last.</summary>
    public async Task<BackupManifest> BackupAsync(string target, CancellationToken ct)
    {
        RefuseOnPostgres("备份");
        target = Path.GetFullPath(target);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw new BackupRefusedException($"目标文件夹 {target} 不是空的；请指定一个新的或空的文件夹，以免覆盖已有的备份。");
        var source = LiveDatabasePath();
        if (!File.Exists(source))
            throw new BackupRefusedException($"数据库文件 {source} 不存在；请检查 App:DataDirectory 和 ConnectionStrings:ApprovalFlow。");
        Directory.CreateDirectory(target);

        var copy = Path.Combine(target, DatabaseName);
        await CopyDatabaseAsync(db.Database.GetConnectionString()!, copy, ct);
        var counts = await CountAsync(copy, ct);

        // After the database: evidence bytes are stored before the row that names them commits and are never changed or
        // removed, so every file the copied rows name is already in the folder now.
        CopyTree(Path.Combine(DataDirectory, KeysFolder), Path.Combine(target, KeysFolder), IsKeyFile, ct);
        CopyTree(Path.Combine(DataDirectory, EvidenceFolder), Path.Combine(target, EvidenceFolder), IsEvidenceFile, ct);

        var files = new List<BackupFile>();
        foreach (var file in Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            files.Add(new BackupFile(Path.GetRelativePath(target, file).Replace('\\', '/'), new FileInfo(file).Length, await HashAsync(file, ct)));
        var manifest = new BackupManifest(Format, time.GetUtcNow(), AppVersion, nameof(DatabaseProvider.Sqlite), counts, files);
        await File.WriteAllTextAsync(Path.Combine(target, ManifestName), JsonSerializer.Serialize(manifest, Json), ct);
        return manifest;
    }

    /// <summary>
    /// Checks every file of the backup against its manifest, then puts database, keys and evidence into the configured data
    /// folder. An existing database is replaced only with <paramref name="force"/>, and never while an app has it open.
    /// </summary>
    public async Task<BackupManifest> RestoreAsync(string source, bool force, CancellationToken ct)
    {
        RefuseOnPostgres("恢复");
        source = Path.GetFullPath(source);
        var manifest = await VerifyAsync(source, ct);

        var target = LiveDatabasePath();
        var keys = Path.Combine(DataDirectory, KeysFolder);
        var occupied = File.Exists(target) || (Directory.Exists(keys) && Directory.EnumerateFiles(keys).Any());
        if (occupied && !force)
            throw new BackupRefusedException($"数据文件夹中已有数据库或密钥（{target}）；恢复会覆盖它们。确认要覆盖时，先停止网站，再加 --force 重新运行。");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Held until the restore is done: a running app refuses it, and an app started meanwhile cannot take it.
        using var alone = DatabaseInUseLock.TryTakeAlone(target) ?? throw InUse(target);
        if (File.Exists(target)) EnsureNotInUse(target);

        var staged = target + ".restoring";
        File.Copy(Path.Combine(source, DatabaseName), staged, overwrite: true);
        foreach (var stale in new[] { target + "-wal", target + "-shm", target + "-journal" })
            File.Delete(stale);
        File.Move(staged, target, overwrite: true);

        if (Directory.Exists(keys))
            foreach (var old in Directory.EnumerateFiles(keys).Where(IsKeyFile)) File.Delete(old);
        CopyTree(Path.Combine(source, KeysFolder), keys, IsKeyFile, ct);
        // Evidence is content-addressed: a file of the same name already there holds the same bytes; nothing is removed.
        CopyTree(Path.Combine(source, EvidenceFolder), Path.Combine(DataDirectory, EvidenceFolder), IsEvidenceFile, ct);
        return manifest;
    }

    /// <summary>Reads the manifest of a backup folder and checks size and SHA-256 of every file it lists.</summary>
    public static async Task<BackupManifest> VerifyAsync(string source, CancellationToken ct)
    {
        var path = Path.Combine(source, ManifestName);
        if (!File.Exists(path))
            throw new BackupRefusedException($"{source} 中没有 {ManifestName}：这不是一份完整的备份（备份中断时清单不会写出）。未恢复任何内容。");
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(path, ct), Json);
        }
        catch (JsonException)
        {
            manifest = null;
        }
        if (manifest is null || manifest.Format != Format || manifest.Files is null)
            throw new BackupRefusedException($"{path} 无法读取或格式不符。未恢复任何内容。");
        if (!manifest.Files.Any(f => f.Path == DatabaseName))
            throw new BackupRefusedException($"备份清单中没有数据库文件 {DatabaseName}。未恢复任何内容。");
        foreach (var file in manifest.Files)
        {
            var full = Path.GetFullPath(Path.Combine(source, file.Path));
            if (!full.StartsWith(source + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new BackupRefusedException($"备份清单中的路径 {file.Path} 指向备份文件夹之外。未恢复任何内容。");
            if (!File.Exists(full))
                throw new BackupRefusedException($"备份不完整：缺少文件 {file.Path}。未恢复任何内容。");
            if (new FileInfo(full).Length != file.Size || !string.Equals(await HashAsync(full, ct), file.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new BackupRefusedException($"备份已损坏：文件 {file.Path} 的内容与清单中的 SHA-256 不符。未恢复任何内容。");
        }
        return manifest;
    }

    private void RefuseOnPostgres(string what)
    {
        if (database.Value.Provider == DatabaseProvider.PostgreSql)
            throw new BackupRefusedException($"当前数据库为 PostgreSQL，本命令只{what} SQLite。请按 README“备份与恢复”一节用 pg_dump / pg_restore " +
                "处理数据库，Evidence:Store=Folder 时另行复制数据文件夹中的 evidence 文件夹。");
    }

    private string LiveDatabasePath() => DatabaseInUseLock.DatabasePath(db.Database.GetConnectionString()!);

    private static async Task CopyDatabaseAsync(string liveConnectionString, string copy, CancellationToken ct)
    {
        await using (var live = new SqliteConnection(liveConnectionString))
        await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString()))
        {
            await live.OpenAsync(ct);
            // sqlite3_backup: copies every page under one read transaction, so the copy is one consistent moment while WAL
            // lets the app go on writing.
            live.BackupDatabase(destination);
            await destination.OpenAsync(ct);
            await using var command = destination.CreateCommand();
            // One self-contained file: no -wal beside it.
            command.CommandText = "PRAGMA journal_mode=DELETE;";
            await command.ExecuteNonQueryAsync(ct);
            command.CommandText = "PRAGMA integrity_check;";
            var check = (string?)await command.ExecuteScalarAsync(ct);
            if (check != "ok") throw new BackupRefusedException($"数据库副本未通过完整性检查：{check}");
        }
    }

    private async Task<Dictionary<string, long>> CountAsync(string copy, CancellationToken ct)
    {
        var tables = new (string Name, Type Entity)[]
        {
            ("reports", typeof(Report)), ("reportJournal", typeof(ReportJournalEntry)), ("reportRevisions", typeof(ReportRevision)),
            ("rectificationItems", typeof(RectificationItem)), ("rectificationJournal", typeof(RectificationJournalEntry)),
            ("evidenceFiles", typeof(EvidenceFile)), ("users", typeof(AppUser)),
        };
        var counts = new Dictionary<string, long>();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync(ct);
        foreach (var (name, entity) in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{db.Model.FindEntityType(entity)!.GetTableName()}\"";
            counts[name] = (long)(await command.ExecuteScalarAsync(ct))!;
        }
        return counts;
    }

    /// <summary>Refuses when another connection holds the database: leaving WAL mode needs it alone.</summary>
    private static void EnsureNotInUse(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 1 }.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE;";
            var mode = (string?)command.ExecuteScalar();
            if (!string.Equals(mode, "delete", StringComparison.OrdinalIgnoreCase))
                throw InUse(path);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
        {
            throw InUse(path);
        }
    }

    private static BackupRefusedException InUse(string path) => new($"数据库 {path} 正被使用（网站仍在运行？）；请先停止网站再恢复。");

    private static bool IsKeyFile(string path) => path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Stored evidence only (evidence/ab/ab…64 hex), not an upload still being written.</summary>
    private static bool IsEvidenceFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.Length == 64 && name.All(Uri.IsHexDigit) && Path.GetFileName(Path.GetDirectoryName(path)) == name[..2];
    }

    private static void CopyTree(string from, string to, Func<string, bool> include, CancellationToken ct)
    {
        if (!Directory.Exists(from)) return;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(include))
        {
            ct.ThrowIfCancellationRequested();
            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
    }

    private static string AppVersion =>
        (Assembly.GetEntryAssembly() ?? typeof(BackupService).Assembly).GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";
}
