using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Host.Identity;
using Workflow.Host.Security;

namespace Workflow.Host.Data.Configurations;

internal sealed class PasswordHistoryConfiguration : IEntityTypeConfiguration<PasswordHistoryEntry>
{
    public void Configure(EntityTypeBuilder<PasswordHistoryEntry> builder)
    {
        builder.ToTable("PasswordHistory");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.UserId).HasMaxLength(450).IsRequired();
        builder.Property(h => h.PasswordHash).HasMaxLength(1000).IsRequired();
        builder.HasIndex(h => new { h.UserId, h.ChangedAt });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(h => h.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoredPasswordPolicyConfiguration : IEntityTypeConfiguration<StoredPasswordPolicy>
{
    public void Configure(EntityTypeBuilder<StoredPasswordPolicy> builder)
    {
        builder.ToTable("PasswordPolicy");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.ChangedBy).HasMaxLength(256);
    }
}
