using Workflow.Activities.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Activities.Delegations;
using Workflow.Host.Reports;

namespace Workflow.Host.Data.Configurations;

internal sealed class DelegationConfiguration : IEntityTypeConfiguration<Delegation>
{
    public void Configure(EntityTypeBuilder<Delegation> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.DelegatorId).HasMaxLength(450);
        builder.Property(d => d.DelegatorName).HasMaxLength(100);
        builder.Property(d => d.DelegateId).HasMaxLength(450);
        builder.Property(d => d.DelegateName).HasMaxLength(100);
        // Each sign-in reads the delegations naming the user as delegate; the account page reads the delegator's own.
        builder.HasIndex(d => new { d.DelegateId, d.To });
        builder.HasIndex(d => new { d.DelegatorId, d.To });
    }
}

internal sealed class ReportCopyConfiguration : IEntityTypeConfiguration<ReportCopy>
{
    public void Configure(EntityTypeBuilder<ReportCopy> builder)
    {
        builder.ToTable("ReportCopies");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.UserName).HasMaxLength(100);
        builder.Property(c => c.CopiedById).HasMaxLength(450);
        builder.Property(c => c.CopiedByName).HasMaxLength(100);
        builder.HasIndex(c => new { c.ReportId, c.JournalSequence, c.UserId }).IsUnique();
        // 抄送我的: one user's copies, newest first.
        builder.HasIndex(c => new { c.UserId, c.At });
    }
}
