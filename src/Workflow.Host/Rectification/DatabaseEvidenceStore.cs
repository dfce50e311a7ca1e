using System.Data;
using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;

namespace Workflow.Host.Rectification;

/// <summary>
/// Evidence in the PostgreSQL database, so every node behind a balancer sees every file: a row per content in
/// "EvidenceBlobs" (keyed by SHA-256, so the same content is kept once) and its bytes in "EvidenceChunks", at most
/// <see cref="ChunkBytes"/> a row. An upload is written chunk by chunk in one transaction that first claims the hash, so a
/// half-written file is never seen and two nodes storing the same content at once store it once; a download reads one
/// chunk at a time. Memory per transfer is one chunk, whatever the file's size.
/// </summary>
public sealed class DatabaseEvidenceStore(string connectionString, TimeProvider clock, int chunkBytes = DatabaseEvidenceStore.DefaultChunkBytes)
    : IEvidenceStore
{
    public const int DefaultChunkBytes = 1024 * 1024;

    public int ChunkBytes { get; } = chunkBytes > 0 ? chunkBytes : throw new ArgumentOutOfRangeException(nameof(chunkBytes));

    public string Description => "数据库（PostgreSQL 表 EvidenceBlobs / EvidenceChunks）";

    public async Task<bool> PutAsync(string sha256, Stream content, CancellationToken ct = default)
    {
        EvidenceHash.Check(sha256);
        if (await ExistsAsync(sha256, ct)) return false;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The claim: a second writer of the same hash waits here until the first commits, then finds the row and stops.
        await using (var claim = new NpgsqlCommand("""
            INSERT INTO "EvidenceBlobs" ("Sha256", "Length", "ChunkBytes", "StoredAt") VALUES ($1, -1, $2, $3)
            ON CONFLICT ("Sha256") DO NOTHING
            """, connection, tx))
        {
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
            claim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = ChunkBytes });
            claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
            if (await claim.ExecuteNonQueryAsync(ct) == 0) return false;
        }

        await using var insert = new NpgsqlCommand("""
            INSERT INTO "EvidenceChunks" ("Sha256", "Seq", "Data") VALUES ($1, $2, $3)
            """, connection, tx);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        var seq = new NpgsqlParameter<int>();
        var data = new NpgsqlParameter<ReadOnlyMemory<byte>> { NpgsqlDbType = NpgsqlDbType.Bytea };
        insert.Parameters.Add(seq);
        insert.Parameters.Add(data);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[ChunkBytes];
        long length = 0;
        for (var n = 0; ; n++)
        {
            var filled = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            if (filled == 0) break;
            hash.AppendData(buffer, 0, filled);
            seq.TypedValue = n;
            data.TypedValue = buffer.AsMemory(0, filled);
            await insert.ExecuteNonQueryAsync(ct);
            length += filled;
            if (filled < buffer.Length) break;
        }
        var actual = EvidenceHash.Of(hash);
        if (actual != sha256) throw EvidenceHash.Mismatch(sha256, actual); // the transaction is rolled back on dispose

        await using (var complete = new NpgsqlCommand("""UPDATE "EvidenceBlobs" SET "Length" = $2 WHERE "Sha256" = $1""", connection, tx))
        {
            complete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
            complete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = length });
            await complete.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<Stream?> OpenAsync(string sha256, CancellationToken ct = default)
    {
        EvidenceHash.Check(sha256);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        // A blob whose chunks are not all there (a partial restore, a hand-edited table) counts as missing, not as a short file.
        await using var command = new NpgsqlCommand("""
            SELECT b."Length", b."ChunkBytes", (SELECT count(*) FROM "EvidenceChunks" c WHERE c."Sha256" = b."Sha256")
            FROM "EvidenceBlobs" b WHERE b."Sha256" = $1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var (length, chunk, chunks) = (reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2));
        if (length < 0 || chunks != (length + chunk - 1) / chunk) return null;
        return new ChunkStream(connectionString, sha256, length, chunk);
    }

    public async Task<bool> ExistsAsync(string sha256, CancellationToken ct = default)
    {
        EvidenceHash.Check(sha256);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""SELECT 1 FROM "EvidenceBlobs" WHERE "Sha256" = $1""", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>
    /// Reads a stored blob one chunk at a time, each fetched with its own short query (a pooled connection is not held
    /// between reads, so a slow download does not pin one). Seekable: the length is known, a chunk is found by position.
    /// </summary>
    private sealed class ChunkStream(string connectionString, string sha256, long length, int chunkBytes) : Stream
    {
        private byte[]? _chunk;
        private int _chunkLength;
        private long _chunkIndex = -1;
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (_position >= length || buffer.Length == 0) return 0;
            var index = _position / chunkBytes;
            if (index != _chunkIndex) await LoadAsync(index, ct);
            return CopyOut(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override int Read(Span<byte> buffer)
        {
            if (_position >= length || buffer.Length == 0) return 0;
            var index = _position / chunkBytes;
            if (index != _chunkIndex) LoadAsync(index, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            return CopyOut(buffer);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        private int CopyOut(Span<byte> buffer)
        {
            var inChunk = (int)(_position - _chunkIndex * chunkBytes);
            var n = Math.Min(buffer.Length, _chunkLength - inChunk);
            _chunk.AsSpan(inChunk, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        private async ValueTask LoadAsync(long index, CancellationToken ct)
        {
            _chunk ??= new byte[(int)Math.Min(chunkBytes, length)];
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("""SELECT "Data" FROM "EvidenceChunks" WHERE "Sha256" = $1 AND "Seq" = $2""", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = checked((int)index) });
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            if (!await reader.ReadAsync(ct))
                throw new IOException($"Chunk {index} of evidence {sha256} is gone.");
            // Read straight into the one chunk buffer: no per-chunk array.
            await using var data = await reader.GetStreamAsync(0, ct);
            var total = await data.ReadAtLeastAsync(_chunk, _chunk.Length, throwOnEndOfStream: false, ct);
            if (total == _chunk.Length && await data.ReadAsync(new byte[1], ct) > 0)
                throw new IOException($"Chunk {index} of evidence {sha256} is longer than its place.");
            var expected = (int)Math.Min(chunkBytes, length - index * chunkBytes);
            if (total != expected)
                throw new IOException($"Chunk {index} of evidence {sha256} holds {total} bytes, not {expected}.");
            (_chunkIndex, _chunkLength) = (index, total);
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
