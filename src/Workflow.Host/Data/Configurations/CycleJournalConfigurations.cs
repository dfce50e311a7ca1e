using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Activities.Cycles;
using Workflow.Activities.Organization;

namespace Workflow.Host.Data.Configurations;

internal sealed class CycleChangeConfiguration : IEntityTypeConfiguration<CycleChange>
{
    public void Configure(EntityTypeBuilder<CycleChange> builder)
    {
        builder.ToTable("CycleChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.ById).HasMaxLength(450);
        builder.Property(c => c.ByName).HasMaxLength(100);
        builder.Property(c => c.Text).HasMaxLength(CycleChange.MaxTextLength);
        builder.HasIndex(c => new { c.CycleId, c.At });
        builder.HasOne<ReportingCycle>().WithMany().HasForeignKey(c => c.CycleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CycleUrgeConfiguration : IEntityTypeConfiguration<CycleUrge>
{
    public void Configure(EntityTypeBuilder<CycleUrge> builder)
    {
        builder.ToTable("CycleUrges");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Key).HasMaxLength(200);
        builder.HasIndex(u => u.Key).IsUnique();
        builder.Property(u => u.Step).HasMaxLength(Workflow.Activities.Reports.ReportStatus.MaxKeyLength);
        builder.Property(u => u.ById).HasMaxLength(450);
        builder.Property(u => u.ByName).HasMaxLength(100);
        builder.Property(u => u.Recipients).HasMaxLength(CycleUrge.MaxRecipientsLength);
        // The page reads the urges of one cycle and day.
        builder.HasIndex(u => new { u.CycleId, u.Day });
        // The report page lists its 催办记录.
        builder.HasIndex(u => new { u.ReportId, u.At });
        builder.HasOne<ReportingCycle>().WithMany().HasForeignKey(u => u.CycleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
