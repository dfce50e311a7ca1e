using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Security;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Operations;

/// <summary>
/// backup → wipe → restore on the real app and a real SQLite file: the backup is taken while the app serves and writes,
/// and the restored app shows the same reports, journals, revisions, ledger and evidence bytes, and still accepts the
/// sign-ins issued before (the data-protection keys came back too). A damaged backup restores nothing.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];
    private static readonly byte[] Pdf = "%PDF-1.7\n整改报告 backup test\n%%EOF"u8.ToArray();

    private readonly string _root = Path.Combine(Path.GetTempPath(), "approvalflow-tests", "backup-" + Guid.NewGuid().ToString("N"));
    private string Data => Path.Combine(_root, "data");
    private string Backup => Path.Combine(_root, "backup");
    private string DataSetting => $"--App:DataDirectory={Data}";

    [Fact]
    public async Task A_backup_taken_while_serving_restores_reports_journals_evidence_and_sign_ins_after_the_data_folder_is_wiped()
    {
        Dictionary<string, string> before;
        AuthenticationHeaderValue token;
        var cookies = new CookieContainer();
        using (var app = new DataFolderAppFactory(Data))
        {
            var drafter = await app.ClientForAsync(DemoUnit.Kexie.Drafter);
            token = drafter.DefaultRequestHeaders.Authorization!;
            var report = await app.CreateReportAsync(DemoUnit.Kexie, "Returned");
            await drafter.PutJsonAsync($"/api/reports/{report.Id}", new { title = report.Title, body = ReportScenarios.Body + "\n二是整改台账已建立。" })
                .ExpectAsync(HttpStatusCode.OK);
            await drafter.PostJsonAsync($"/api/reports/{report.Id}/submit").ExpectAsync(HttpStatusCode.OK);
            var item = await JsonAsync(await drafter.PostJsonAsync("/api/rectifications",
                new { problem = "备份测试：制度执行不严格", ownerUserName = DemoUnit.Kexie.Drafter, deadline = "2027-03-31" }), HttpStatusCode.Created);
            var itemUrl = $"/api/rectifications/{item.GetProperty("id").GetGuid()}";
            await JsonAsync(await drafter.PostAsync(itemUrl + "/evidence", FileForm(Png, "会议记录.png")), HttpStatusCode.Created);
            await JsonAsync(await drafter.PostAsync(itemUrl + "/evidence", FileForm(Pdf, "整改报告.pdf")), HttpStatusCode.Created);
            await PageSession.SignInAsync(PageSession.WithCookies(app, cookies), DemoUnit.Kexie.Secretary);
            before = await SnapshotAsync(app);
            Assert.Contains(before, e => e.Key.EndsWith("/evidence-bytes") && e.Value == Hash(Pdf));

            // The backup runs beside the serving app while another unit's drafter keeps creating reports.
            using var stop = new CancellationTokenSource();
            var writes = Task.Run(async () =>
            {
                var count = 0;
                while (!stop.IsCancellationRequested)
                {
                    await app.CreateReportAsync(DemoUnit.Renda, "Draft");
                    count++;
                }
                return count;
            });
            await app.CreateReportAsync(DemoUnit.Shengtai, "Draft");
            var audit = new RecordingAudit();
            var (code, output) = await AppCommandRunner.RunAsync(s => s.AddSingleton<ISecurityAudit>(audit), "backup", Backup, DataSetting);
            await stop.CancelAsync();
            Assert.True(code == 0, output);
            Assert.True(await writes > 0);
            Assert.Contains("备份完成", output);
            var recorded = Assert.Single(audit.Events);
            Assert.Equal((SecurityEventKind.BackupCreated, true), (recorded.Kind, recorded.Succeeded));
            Assert.Contains(Backup, recorded.Detail);
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(Data, recursive: true);
        var restore = await AppCommandRunner.RunAsync("restore", Backup, DataSetting);
        Assert.True(restore.Code == 0, restore.Output);
        Assert.Contains("恢复完成", restore.Output);

        using (var app = new DataFolderAppFactory(Data))
        {
            var after = await SnapshotAsync(app);
            foreach (var (key, value) in before)
            {
                Assert.True(after.ContainsKey(key), $"{key} is missing after the restore");
                Assert.Equal(value, after[key]);
            }

            var sameToken = app.CreateClient();
            sameToken.DefaultRequestHeaders.Authorization = token;
            Assert.Equal(HttpStatusCode.OK, (await sameToken.GetAsync("/api/inbox")).StatusCode);
            using var sameCookie = PageSession.WithCookies(app, cookies);
            Assert.Contains("市科协", await sameCookie.GetPageAsync("/Inbox"));
        }
    }

    [Fact]
    public async Task A_damaged_backup_restores_nothing_and_an_existing_or_open_database_is_not_overwritten()
    {
        using (var app = new DataFolderAppFactory(Data))
        {
            var drafter = await app.ClientForAsync(DemoUnit.Haishi.Drafter);
            var item = await JsonAsync(await drafter.PostJsonAsync("/api/rectifications",
                new { problem = "备份测试：台账不全", ownerUserName = DemoUnit.Haishi.Drafter }), HttpStatusCode.Created);
            await JsonAsync(await drafter.PostAsync($"/api/rectifications/{item.GetProperty("id").GetGuid()}/evidence", FileForm(Pdf, "台账.pdf")),
                HttpStatusCode.Created);
            var (code, output) = await AppCommandRunner.RunAsync("backup", Backup, DataSetting);
            Assert.True(code == 0, output);

            // A second backup into the same folder would mix two moments: refused.
            var again = await AppCommandRunner.RunAsync("backup", Backup, DataSetting);
            Assert.Equal(1, again.Code);
            Assert.Contains("不是空的", again.Output);

            // The database exists: refused without --force, and with --force while the app has it open.
            var exists = await AppCommandRunner.RunAsync("restore", Backup, DataSetting);
            Assert.Equal(1, exists.Code);
            Assert.Contains("--force", exists.Output);
            // Even when the running app holds no connection at this moment (idle pooled connections are closed after a while).
            SqliteConnection.ClearAllPools();
            var open = await AppCommandRunner.RunAsync("restore", Backup, "--force", DataSetting);
            Assert.Equal(1, open.Code);
            Assert.Contains("正被使用", open.Output);
            Assert.Equal(HttpStatusCode.OK, (await drafter.GetAsync("/api/inbox")).StatusCode);
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(Data, recursive: true);
        var evidence = Directory.EnumerateFiles(Path.Combine(Backup, "evidence"), "*", SearchOption.AllDirectories).Single();
        var bytes = await File.ReadAllBytesAsync(evidence);
        bytes[^1] ^= 0x20;
        await File.WriteAllBytesAsync(evidence, bytes);

        var damaged = await AppCommandRunner.RunAsync("restore", Backup, DataSetting);
        Assert.Equal(1, damaged.Code);
        Assert.Contains("备份已损坏", damaged.Output);
        Assert.Contains(Path.GetFileName(evidence), damaged.Output);
        Assert.False(File.Exists(Path.Combine(Data, "approvalflow.db")));

        bytes[^1] ^= 0x20;
        await File.WriteAllBytesAsync(evidence, bytes);
        var repaired = await AppCommandRunner.RunAsync("restore", Backup, DataSetting);
        Assert.True(repaired.Code == 0, repaired.Output);
        Assert.True(File.Exists(Path.Combine(Data, "approvalflow.db")));
    }

    [Fact]
    public async Task Wrong_arguments_print_the_usage_and_a_folder_without_a_manifest_is_refused()
    {
        Assert.Equal(2, (await AppCommandRunner.RunAsync("backup", DataSetting)).Code);
        Assert.Equal(2, (await AppCommandRunner.RunAsync("restore", Backup, "--overwrite", DataSetting)).Code);
        Directory.CreateDirectory(Backup);
        var (code, output) = await AppCommandRunner.RunAsync("restore", Backup, DataSetting);
        Assert.Equal(1, code);
        Assert.Contains("manifest.json", output);

        // PostgreSQL is backed up with pg_dump: both commands refuse before they connect, and say where the procedure is.
        foreach (var command in new[] { "backup", "restore" })
        {
            var postgres = await AppCommandRunner.RunAsync(command, Path.Combine(_root, "pg-" + command), DataSetting,
                "--Database:Provider=PostgreSql", "--ConnectionStrings:ApprovalFlow=Host=127.0.0.1;Port=1;Database=none;Username=none");
            Assert.Equal(1, postgres.Code);
            Assert.Contains("pg_dump", postgres.Output);
            Assert.Contains("Evidence:Store=Folder", postgres.Output);
        }
        Assert.False(Directory.Exists(Path.Combine(_root, "pg-backup")));
    }

    /// <summary>Every report (detail, journal, revisions), ledger item and evidence file the demo users see, by URL.</summary>
    private static async Task<Dictionary<string, string>> SnapshotAsync(AppFactory app)
    {
        var snapshot = new Dictionary<string, string>();
        foreach (var user in new[] { DemoUnit.Kexie.Drafter, DemoUnit.Haishi.Drafter, DemoUnit.Committee })
        {
            var client = await app.ClientForAsync(user);
            foreach (var report in (await JsonAsync(await client.GetAsync("/api/reports"))).EnumerateArray())
            {
                var url = $"/api/reports/{report.GetProperty("id").GetGuid()}";
                foreach (var part in new[] { "", "/journal", "/revisions" })
                    snapshot[user + url + part] = (await JsonAsync(await client.GetAsync(url + part))).GetRawText();
            }
            foreach (var item in (await JsonAsync(await client.GetAsync("/api/rectifications"))).EnumerateArray())
            {
                var url = $"/api/rectifications/{item.GetProperty("id").GetGuid()}";
                var detail = await JsonAsync(await client.GetAsync(url));
                snapshot[user + url] = detail.GetRawText();
                foreach (var file in detail.GetProperty("evidence").EnumerateArray())
                {
                    var download = await client.GetAsync($"{url}/evidence/{file.GetProperty("id").GetGuid()}");
                    Assert.Equal(HttpStatusCode.OK, download.StatusCode);
                    snapshot[$"{user}{url}/{file.GetProperty("id")}/evidence-bytes"] = Hash(await download.Content.ReadAsByteArrayAsync());
                }
            }
        }
        return snapshot;
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static MultipartFormDataContent FileForm(byte[] bytes, string name)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", name);
        return form;
    }

    private sealed class RecordingAudit : ISecurityAudit
    {
        public List<SecurityEvent> Events { get; } = [];

        public Task RecordAsync(SecurityEvent e, CancellationToken ct = default)
        {
            lock (Events) Events.Add(e);
            return Task.CompletedTask;
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
