using Microsoft.EntityFrameworkCore;

namespace Workflow.Host.Data;

/// <summary>
/// One stored evidence content on PostgreSQL (see <see cref="Rectification.DatabaseEvidenceStore"/>, which reads and writes
/// these tables with plain SQL, chunk by chunk; EF only creates them). Length is -1 while the writing transaction runs.
/// </summary>
public sealed class EvidenceBlob
{
    public string Sha256 { get; set; } = "";
    public long Length { get; set; }
    public int ChunkBytes { get; set; }
    public DateTimeOffset StoredAt { get; set; }
}

/// <summary>Bytes Seq × ChunkBytes onwards of a blob (at most ChunkBytes of them).</summary>
public sealed class EvidenceChunk
{
    public string Sha256 { get; set; } = "";
    public int Seq { get; set; }
    public byte[] Data { get; set; } = [];
}

internal static class EvidenceBlobModel
{
    /// <summary>A table apart from the evidence rows, so a backup or a size limit can treat the bytes on their own.</summary>
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<EvidenceBlob>(b =>
        {
            b.ToTable("EvidenceBlobs");
            b.HasKey(x => x.Sha256);
            b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        });
        builder.Entity<EvidenceChunk>(b =>
        {
            b.ToTable("EvidenceChunks");
            b.HasKey(x => new { x.Sha256, x.Seq });
            b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
            b.HasOne<EvidenceBlob>().WithMany().HasForeignKey(x => x.Sha256).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
