using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Workflow.Host.Data;
using Workflow.Host.Rectification;
using Workflow.Tests.Shared;

namespace Workflow.Host.Tests.Rectification;

/// <summary>
/// Both evidence stores on real parts: a folder on disk, and a PostgreSQL database of the test run's private cluster migrated
/// by the app's own migrations. The database store runs with 1 KB chunks here so chunk boundaries are cheap to cross.
/// </summary>
public sealed class EvidenceStoreTests : IAsyncLifetime
{
    private const int Chunk = 1024;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "approvalflow-tests", "evidence-" + Guid.NewGuid().ToString("N"));
    private readonly string _connectionString = PostgresCluster.Shared.ConnectionString(PostgresCluster.NewDatabaseName());
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 4, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        await using var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(_connectionString).Options);
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private IEvidenceStore Store(string kind) => kind switch
    {
        "Folder" => new FileEvidenceStore(_folder),
        "Database" => new DatabaseEvidenceStore(_connectionString, _clock, Chunk),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static TheoryData<string, int> Sizes()
    {
        var data = new TheoryData<string, int>();
        foreach (var kind in new[] { "Folder", "Database" })
            foreach (var size in new[] { 0, 1, Chunk - 1, Chunk, Chunk + 1, 3 * Chunk, 3 * Chunk + 7 })
                data.Add(kind, size);
        return data;
    }

    private static (byte[] Bytes, string Sha256) Random(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return (bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            var copy = new MemoryStream();
            // A small buffer, so reads end inside chunks and cross their boundaries.
            await stream.CopyToAsync(copy, 333);
            return copy.ToArray();
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Bytes_come_back_as_they_went_in_across_chunk_boundaries(string kind, int size)
    {
        var store = Store(kind);
        var (bytes, sha256) = Random(size, size);

        Assert.True(await store.PutAsync(sha256, new MemoryStream(bytes)));

        Assert.True(await store.ExistsAsync(sha256));
        var stream = await store.OpenAsync(sha256);
        Assert.NotNull(stream);
        Assert.Equal(size, stream.Length);
        Assert.Equal(bytes, await ReadAllAsync(stream));
    }

    [Theory]
    [InlineData("Folder")]
    [InlineData("Database")]
    public async Task The_same_content_is_kept_once(string kind)
    {
        var store = Store(kind);
        var (bytes, sha256) = Random(2 * Chunk + 5, 42);

        Assert.True(await store.PutAsync(sha256, new MemoryStream(bytes)));
        Assert.False(await store.PutAsync(sha256, new MemoryStream(bytes)));

        Assert.Equal(bytes, await ReadAllAsync((await store.OpenAsync(sha256))!));
        if (kind == "Folder")
            Assert.Single(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories));
        else
            Assert.Equal((1L, 3L), (await CountAsync("EvidenceBlobs", sha256), await CountAsync("EvidenceChunks", sha256)));
    }

    [Fact]
    public async Task Two_writers_of_the_same_content_at_once_store_it_once()
    {
        var (bytes, sha256) = Random(20 * Chunk, 7);
        var first = new DatabaseEvidenceStore(_connectionString, _clock, Chunk);
        var second = new DatabaseEvidenceStore(_connectionString, _clock, Chunk);

        var stored = await Task.WhenAll(first.PutAsync(sha256, new MemoryStream(bytes)), second.PutAsync(sha256, new MemoryStream(bytes)));

        Assert.Equal(1, stored.Count(s => s));
        Assert.Equal((1L, 20L), (await CountAsync("EvidenceBlobs", sha256), await CountAsync("EvidenceChunks", sha256)));
        Assert.Equal(bytes, await ReadAllAsync((await first.OpenAsync(sha256))!));
    }

    [Theory]
    [InlineData("Folder")]
    [InlineData("Database")]
    public async Task Bytes_that_do_not_hash_to_the_name_are_refused_and_nothing_is_kept(string kind)
    {
        var store = Store(kind);
        var (bytes, _) = Random(2 * Chunk, 1);
        var (_, other) = Random(2 * Chunk, 2);

        await Assert.ThrowsAsync<InvalidDataException>(() => store.PutAsync(other, new MemoryStream(bytes)));

        Assert.False(await store.ExistsAsync(other));
        Assert.Null(await store.OpenAsync(other));
        if (kind == "Folder")
            Assert.Empty(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories));
        else
            Assert.Equal(0L, await CountAsync("EvidenceChunks", other));
    }

    [Theory]
    [InlineData("Folder")]
    [InlineData("Database")]
    public async Task Content_never_stored_is_missing(string kind)
    {
        var store = Store(kind);
        var (_, sha256) = Random(10, 3);

        Assert.False(await store.ExistsAsync(sha256));
        Assert.Null(await store.OpenAsync(sha256));
    }

    [Fact]
    public async Task A_blob_that_lost_a_chunk_counts_as_missing_rather_than_as_a_short_file()
    {
        var store = Store("Database");
        var (bytes, sha256) = Random(3 * Chunk, 4);
        await store.PutAsync(sha256, new MemoryStream(bytes));

        await ExecuteAsync("""DELETE FROM "EvidenceChunks" WHERE "Sha256" = $1 AND "Seq" = 1""", sha256);

        Assert.Null(await store.OpenAsync(sha256));
    }

    [Theory]
    [InlineData("Folder")]
    [InlineData("Database")]
    public async Task A_read_may_start_anywhere(string kind)
    {
        var store = Store(kind);
        var (bytes, sha256) = Random(4 * Chunk + 11, 5);
        await store.PutAsync(sha256, new MemoryStream(bytes));

        await using var stream = (await store.OpenAsync(sha256))!;
        stream.Seek(3 * Chunk - 2, SeekOrigin.Begin);
        var part = new byte[Chunk];
        var read = await stream.ReadAtLeastAsync(part, part.Length);

        Assert.Equal(bytes.AsSpan(3 * Chunk - 2, Chunk).ToArray(), part[..read]);
    }

    [Fact]
    public void A_name_that_is_not_a_hash_never_reaches_a_path_or_a_query()
    {
        Assert.Throws<ArgumentException>(() => FileEvidenceStore.PathOf(_folder, "../../etc/passwd"));
        Assert.Throws<ArgumentException>(() => FileEvidenceStore.PathOf(_folder, new string('A', 64)));
    }

    private async Task<long> CountAsync(string table, string sha256)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""SELECT count(*) FROM "{table}" WHERE "Sha256" = $1""", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, string sha256)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        await command.ExecuteNonQueryAsync();
    }
}
