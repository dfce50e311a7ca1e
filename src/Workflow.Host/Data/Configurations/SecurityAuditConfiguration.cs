using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Host.Security;

namespace Workflow.Host.Data.Configurations;

internal sealed class SecurityAuditEntryConfiguration : IEntityTypeConfiguration<SecurityAuditEntry>
{
    public void Configure(EntityTypeBuilder<SecurityAuditEntry> builder)
    {
        builder.ToTable("SecurityAuditEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasMaxLength(SecurityAuditEntry.MaxKindLength);
        builder.Property(e => e.Account).HasMaxLength(SecurityAuditEntry.MaxAccountLength);
        builder.Property(e => e.Subject).HasMaxLength(SecurityAuditEntry.MaxAccountLength);
        builder.Property(e => e.Detail).HasMaxLength(SecurityAuditEntry.MaxDetailLength);
        builder.Property(e => e.ClientAddress).HasMaxLength(SecurityAuditEntry.MaxClientAddressLength);
        builder.Property(e => e.UserAgent).HasMaxLength(SecurityAuditEntry.MaxUserAgentLength);
        // The auditor's page reads newest first, filtered by time, account or kind; the purge deletes by time.
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.Account, e.At });
        builder.HasIndex(e => new { e.Kind, e.At });
    }
}

internal sealed class SecurityAuditPurgePermitConfiguration : IEntityTypeConfiguration<SecurityAuditPurgePermit>
{
    public void Configure(EntityTypeBuilder<SecurityAuditPurgePermit> builder)
    {
        builder.ToTable("SecurityAuditPurgePermits");
        builder.HasKey(p => p.Id);
    }
}
