using System.Net;
using Microsoft.Extensions.Options;
using Workflow.Host.Rectification;
using Workflow.Web.Tests.Infrastructure;
using static Workflow.Web.Tests.ScaleOut.TwoNodeEvidenceTests;

namespace Workflow.Web.Tests.Rectification;

/// <summary>The Evidence settings on SQLite: a configured (shared) folder is used, and the database store is refused on start.</summary>
public sealed class EvidenceStoreSettingsTests
{
    [Fact]
    public async Task With_Evidence_Folder_set_the_bytes_go_to_that_folder_and_come_back_from_it()
    {
        await using var app = new AppFactory { Settings = { ["Evidence:Folder"] = "shared-evidence" } };
        Directory.CreateDirectory(Path.Combine(app.DataDirectory, "shared-evidence"));
        var (drafter, url) = await NewItemAsync(app, "共享文件夹中的佐证材料");
        var bytes = RandomPdf(70_000, seed: 31);

        var uploaded = await BodyAsync(await drafter.PostAsync(url + "/evidence", FileForm(bytes, "共享.pdf")).ExpectAsync(HttpStatusCode.Created));

        var sha256 = uploaded.GetProperty("sha256").GetString()!;
        Assert.Equal([Path.Combine(app.DataDirectory, "shared-evidence", sha256[..2], sha256)], FilesUnder(app.DataDirectory, "shared-evidence"));
        Assert.Empty(FilesUnder(app.DataDirectory, "evidence"));
        Assert.Empty(FilesUnder(app.DataDirectory, "evidence-uploads"));
        Assert.Equal(bytes, await drafter.GetByteArrayAsync(uploaded.GetProperty("url").GetString()));
    }

    // Moving to a shared folder: the files still in <data>/evidence (the default --from) are copied into Evidence:Folder.
    [Fact]
    public async Task The_migrate_command_copies_from_the_data_folder_into_the_configured_folder_and_refuses_an_unknown_argument()
    {
        await using var app = new AppFactory { Settings = { ["Evidence:Folder"] = "shared-evidence" } };
        Directory.CreateDirectory(Path.Combine(app.DataDirectory, "shared-evidence"));
        var (drafter, url) = await NewItemAsync(app, "迁往共享文件夹的佐证材料");
        var bytes = RandomPdf(5000, seed: 32);
        var uploaded = await BodyAsync(await drafter.PostAsync(url + "/evidence", FileForm(bytes, "旧.pdf")).ExpectAsync(HttpStatusCode.Created));
        var sha256 = uploaded.GetProperty("sha256").GetString()!;
        var old = Path.Combine(app.DataDirectory, "evidence", sha256[..2], sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(old)!);
        File.Move(Path.Combine(app.DataDirectory, "shared-evidence", sha256[..2], sha256), old);
        await (await drafter.GetAsync(uploaded.GetProperty("url").GetString())).AssertProblemAsync(HttpStatusCode.NotFound, "evidence-missing");

        var output = new StringWriter();
        var code = await AppCommands.RunAsync(app.Services, ["evidence", "migrate"], output);

        Assert.True(code == 0, output.ToString());
        Assert.Contains("已复制 1 个，已存在 0 个，缺失 0 个，内容与哈希不符 0 个。", output.ToString());
        Assert.Equal(bytes, await drafter.GetByteArrayAsync(uploaded.GetProperty("url").GetString()));

        output = new StringWriter();
        Assert.Equal(2, await AppCommands.RunAsync(app.Services, ["evidence", "migrate", "--to", "/tmp"], output));
        Assert.Contains("无法识别的参数：--to。用法：evidence migrate [--from <文件夹>]", output.ToString());
    }

    [Fact]
    public async Task A_configured_folder_that_does_not_exist_is_refused_on_start_not_created()
    {
        await using var app = new AppFactory { Settings = { ["Evidence:Folder"] = "not-mounted" } };

        var e = Assert.ThrowsAny<OptionsValidationException>(() => app.Server);

        Assert.Contains("Evidence:Folder must be an existing folder", e.Message);
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "not-mounted")));
    }

    [Fact]
    public async Task The_database_store_on_SQLite_is_refused_on_start_with_what_to_set_instead()
    {
        await using var app = new AppFactory { Settings = { ["Evidence:Store"] = "Database" } };

        var e = Assert.ThrowsAny<OptionsValidationException>(() => app.Server);

        Assert.Contains("Evidence:Store=Database needs Database:Provider=PostgreSql; on SQLite use Evidence:Store=Folder", e.Message);
    }
}
