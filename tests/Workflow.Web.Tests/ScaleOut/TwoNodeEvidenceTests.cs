using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.ScaleOut;

/// <summary>
/// Issue 13, item 9: two app nodes on one PostgreSQL database, as behind a round-robin balancer, and the evidence store on
/// its default there (the database). What one node takes in, the other hands out byte for byte, through the real HTTP API.
/// </summary>
public sealed class TwoNodeEvidenceTests(TwoNodeEvidenceTests.Nodes nodes) : IClassFixture<TwoNodeEvidenceTests.Nodes>
{
    private const int Limit = 20 * 1024 * 1024;
    private readonly PostgresAppFactory _a = nodes.A;
    private readonly PostgresAppFactory _b = nodes.B;

    /// <summary>One pair of nodes for the class (each case uses items of its own).</summary>
    public sealed class Nodes : IAsyncLifetime
    {
        public PostgresAppFactory A { get; } = new();
        public PostgresAppFactory B { get; private set; } = null!;

        public Task InitializeAsync()
        {
            B = PostgresAppFactory.SecondNodeOf(A);
            _ = B.Server;
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
        }
    }

    [Fact]
    public async Task Evidence_uploaded_through_node_A_downloads_byte_for_byte_through_node_B()
    {
        var bytes = RandomPdf(6 * 1024 * 1024 + 12345, seed: 1);
        var (onA, url) = await NewItemAsync(_a, "两节点佐证材料");

        var uploaded = await BodyAsync(await onA.PostAsync(url + "/evidence", FileForm(bytes, "整改报告.pdf")).ExpectAsync(HttpStatusCode.Created));
        var onB = await _b.ClientForAsync("drafter.kexie");
        using var download = await onB.GetAsync(uploaded.GetProperty("url").GetString(), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes.Length, download.Content.Headers.ContentLength);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        // Not a copy of node A's folder: nothing of it lies in either node's data folder.
        Assert.Empty(FilesUnder(_a.DataDirectory, "evidence"));
        Assert.Empty(FilesUnder(_b.DataDirectory, "evidence"));
    }

    [Fact]
    public async Task The_same_content_uploaded_through_both_nodes_is_stored_once()
    {
        var bytes = RandomPdf(3 * 1024 * 1024 + 7, seed: 2);
        var (onA, urlA) = await NewItemAsync(_a, "同一文件经节点A");
        var (onB, urlB) = await NewItemAsync(_b, "同一文件经节点B");

        var first = await BodyAsync(await onA.PostAsync(urlA + "/evidence", FileForm(bytes, "一.pdf")).ExpectAsync(HttpStatusCode.Created));
        var second = await BodyAsync(await onB.PostAsync(urlB + "/evidence", FileForm(bytes, "二.pdf")).ExpectAsync(HttpStatusCode.Created));

        var sha256 = first.GetProperty("sha256").GetString()!;
        Assert.Equal(sha256, second.GetProperty("sha256").GetString());
        Assert.Equal((1L, 4L), (await CountAsync("EvidenceBlobs", sha256), await CountAsync("EvidenceChunks", sha256)));
        Assert.Equal(bytes, await onA.GetByteArrayAsync(second.GetProperty("url").GetString()));
    }

    [Fact]
    public async Task A_file_of_exactly_the_limit_crosses_the_nodes_and_one_byte_more_is_refused()
    {
        var bytes = RandomPdf(Limit, seed: 3);
        var (onB, url) = await NewItemAsync(_b, "上限大小的佐证材料");

        var uploaded = await BodyAsync(await onB.PostAsync(url + "/evidence", FileForm(bytes, "上限.pdf")).ExpectAsync(HttpStatusCode.Created));
        var onA = await _a.ClientForAsync("drafter.kexie");
        Assert.Equal(bytes, await onA.GetByteArrayAsync(uploaded.GetProperty("url").GetString()));

        var over = await onA.PostAsync(url + "/evidence", FileForm(RandomPdf(Limit + 1, seed: 4), "超限.pdf"));
        await over.AssertProblemAsync(HttpStatusCode.BadRequest, "evidence-too-large");
    }

    // The row outlived its bytes (a database restored without the evidence tables' rows): a clear 404 on every node, never a 500.
    [Fact]
    public async Task Evidence_whose_bytes_are_gone_from_the_database_answers_404_evidence_missing_on_both_nodes()
    {
        var (onA, url) = await NewItemAsync(_a, "数据库中丢失的佐证材料");
        var uploaded = await BodyAsync(await onA.PostAsync(url + "/evidence", FileForm(RandomPdf(5000, seed: 5), "丢失.pdf"))
            .ExpectAsync(HttpStatusCode.Created));
        await ExecuteAsync("""DELETE FROM "EvidenceBlobs" WHERE "Sha256" = $1""", uploaded.GetProperty("sha256").GetString()!);

        foreach (var node in new[] { _a, _b })
        {
            var client = await node.ClientForAsync("drafter.kexie");
            await (await client.GetAsync(uploaded.GetProperty("url").GetString())).AssertProblemAsync(HttpStatusCode.NotFound, "evidence-missing");
        }
    }

    internal static byte[] RandomPdf(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    internal static MultipartFormDataContent FileForm(byte[] bytes, string name)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", name);
        return form;
    }

    internal static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    internal static async Task<(HttpClient Drafter, string Url)> NewItemAsync(AppFactory node, string problem)
    {
        var drafter = await node.ClientForAsync("drafter.kexie");
        var created = await BodyAsync(await drafter.PostJsonAsync("/api/rectifications", new { problem, ownerUserName = "drafter.kexie" })
            .ExpectAsync(HttpStatusCode.Created));
        return (drafter, $"/api/rectifications/{created.GetProperty("id").GetGuid()}");
    }

    internal static List<string> FilesUnder(string dataDirectory, string folder)
    {
        var path = Path.Combine(dataDirectory, folder);
        return Directory.Exists(path) ? Directory.GetFiles(path, "*", SearchOption.AllDirectories).ToList() : [];
    }

    private async Task<long> CountAsync(string table, string sha256)
    {
        await using var connection = new NpgsqlConnection(_a.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""SELECT count(*) FROM "{table}" WHERE "Sha256" = $1""", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, string sha256)
    {
        await using var connection = new NpgsqlConnection(_a.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        await command.ExecuteNonQueryAsync();
    }
}
