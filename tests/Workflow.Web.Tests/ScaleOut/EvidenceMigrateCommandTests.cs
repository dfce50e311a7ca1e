using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host.Data;
using Workflow.Host.Rectification;
using Workflow.Web.Tests.Infrastructure;
using static Workflow.Web.Tests.ScaleOut.TwoNodeEvidenceTests;

namespace Workflow.Web.Tests.ScaleOut;

/// <summary>
/// The way out of today's N-node set-up: node A kept evidence in its own data folder (Evidence:Store=Folder), node B on the
/// same PostgreSQL database cannot serve it; <c>evidence migrate --from &lt;A's folder&gt;</c> run on B copies it into the
/// database store, idempotently, and says what it could not copy.
/// </summary>
public sealed class EvidenceMigrateCommandTests : IAsyncLifetime
{
    private readonly PostgresAppFactory _a = new() { Settings = { ["Evidence:Store"] = "Folder" } };
    private PostgresAppFactory _b = null!;

    public Task InitializeAsync()
    {
        _b = PostgresAppFactory.SecondNodeOf(_a);
        _ = _b.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    private string LegacyFolder => Path.Combine(_a.DataDirectory, "evidence");

    private async Task<(int Code, string Output)> MigrateAsync(params string[] args)
    {
        var output = new StringWriter();
        var code = await AppCommands.RunAsync(_b.Services, ["evidence", "migrate", .. args], output);
        return (code, output.ToString());
    }

    [Fact]
    public async Task Evidence_in_node_As_folder_is_copied_into_the_database_once_and_then_served_by_node_B()
    {
        var (onA, url) = await NewItemAsync(_a, "迁移佐证材料");
        var one = RandomPdf(2 * 1024 * 1024 + 3, seed: 11);
        var two = RandomPdf(1000, seed: 12);
        var first = await BodyAsync(await onA.PostAsync(url + "/evidence", FileForm(one, "一.pdf")).ExpectAsync(HttpStatusCode.Created));
        var second = await BodyAsync(await onA.PostAsync(url + "/evidence", FileForm(two, "二.pdf")).ExpectAsync(HttpStatusCode.Created));
        Assert.Equal(2, FilesUnder(_a.DataDirectory, "evidence").Count);
        var onB = await _b.ClientForAsync("drafter.kexie");
        await (await onB.GetAsync(first.GetProperty("url").GetString())).AssertProblemAsync(HttpStatusCode.NotFound, "evidence-missing");
        Assert.Equal(2, await NotInDatabaseStoreAsync());

        var (code, output) = await MigrateAsync("--from", LegacyFolder);

        Assert.True(code == 0, output);
        Assert.Equal(0, await NotInDatabaseStoreAsync());
        Assert.Contains("已复制 2 个，已存在 0 个，缺失 0 个，内容与哈希不符 0 个。", output);
        Assert.Equal(one, await onB.GetByteArrayAsync(first.GetProperty("url").GetString()));
        Assert.Equal(two, await onB.GetByteArrayAsync(second.GetProperty("url").GetString()));

        (code, output) = await MigrateAsync("--from", LegacyFolder);
        Assert.True(code == 0, output);
        Assert.Contains("已复制 0 个，已存在 2 个，缺失 0 个，内容与哈希不符 0 个。", output);
    }

    [Fact]
    public async Task Missing_and_altered_files_are_reported_by_hash_not_copied_and_the_command_fails()
    {
        var (onA, url) = await NewItemAsync(_a, "迁移时缺失的佐证材料");
        var kept = await BodyAsync(await onA.PostAsync(url + "/evidence", FileForm(RandomPdf(3000, seed: 21), "在.pdf")).ExpectAsync(HttpStatusCode.Created));
        var lost = await BodyAsync(await onA.PostAsync(url + "/evidence", FileForm(RandomPdf(3000, seed: 22), "丢.pdf")).ExpectAsync(HttpStatusCode.Created));
        var altered = await BodyAsync(await onA.PostAsync(url + "/evidence", FileForm(RandomPdf(3000, seed: 23), "改.pdf")).ExpectAsync(HttpStatusCode.Created));
        File.Delete(PathIn(LegacyFolder, lost.GetProperty("sha256").GetString()!));
        await File.WriteAllBytesAsync(PathIn(LegacyFolder, altered.GetProperty("sha256").GetString()!), RandomPdf(3000, seed: 24));

        var (code, output) = await MigrateAsync("--from", LegacyFolder);

        Assert.True(code == 1, output);
        Assert.Contains("已复制 1 个，已存在 0 个，缺失 1 个，内容与哈希不符 1 个。", output);
        Assert.Contains("缺失：" + lost.GetProperty("sha256").GetString(), output);
        Assert.Contains("内容与哈希不符（未复制）：" + altered.GetProperty("sha256").GetString(), output);
        var onB = await _b.ClientForAsync("drafter.kexie");
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync(kept.GetProperty("url").GetString())).StatusCode);
        await (await onB.GetAsync(altered.GetProperty("url").GetString())).AssertProblemAsync(HttpStatusCode.NotFound, "evidence-missing");
    }

    /// <summary>What the start-up warning of an upgraded installation counts.</summary>
    private async Task<int> NotInDatabaseStoreAsync()
    {
        await using var scope = _b.Services.CreateAsyncScope();
        return await EvidenceMigration.CountMissingFromDatabaseStoreAsync(scope.ServiceProvider.GetRequiredService<PostgresAppDbContext>());
    }

    private static string PathIn(string folder, string sha256) => Path.Combine(folder, sha256[..2], sha256);
}
