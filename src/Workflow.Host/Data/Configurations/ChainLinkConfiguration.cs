using Workflow.Host.Archive;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflow.Host.Data.Configurations;

internal sealed class ChainLinkConfiguration : IEntityTypeConfiguration<ChainLink>
{
    public void Configure(EntityTypeBuilder<ChainLink> builder)
    {
        builder.ToTable("ChainLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Chain).HasMaxLength(20).IsRequired();
        builder.Property(l => l.Table).HasMaxLength(64).IsRequired();
        builder.Property(l => l.RowKey).HasMaxLength(64).IsRequired();
        builder.Property(l => l.Event).HasMaxLength(10).IsRequired();
        builder.Property(l => l.Algorithm).HasMaxLength(10).IsRequired();
        builder.Property(l => l.ContentHash).HasMaxLength(64).IsRequired();
        builder.Property(l => l.PreviousHash).HasMaxLength(64).IsRequired();
        builder.Property(l => l.LinkHash).HasMaxLength(64).IsRequired();
        // Two appends racing for the same place cannot both commit: the chain never forks.
        builder.HasIndex(l => new { l.Chain, l.ChainId, l.Sequence }).IsUnique();
        builder.HasIndex(l => new { l.Table, l.RowKey });
    }
}
