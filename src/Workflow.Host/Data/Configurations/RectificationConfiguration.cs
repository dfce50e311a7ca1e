using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Activities.Organization;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;

namespace Workflow.Host.Data.Configurations;

internal sealed class RectificationItemConfiguration : IEntityTypeConfiguration<RectificationItem>
{
    public void Configure(EntityTypeBuilder<RectificationItem> builder)
    {
        builder.ToTable("RectificationItems");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Code).HasMaxLength(40).IsRequired();
        builder.Property(i => i.Source).HasConversion<string>().HasMaxLength(30);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(i => i.ReviewerRole).HasMaxLength(50);
        builder.Property(i => i.Category).HasMaxLength(RectificationItem.MaxNameLength);
        builder.Property(i => i.Problem).HasMaxLength(RectificationItem.MaxProblemLength).IsRequired();
        builder.Property(i => i.Measures).HasMaxLength(RectificationItem.MaxTextLength);
        builder.Property(i => i.ResponsibleLeader).HasMaxLength(RectificationItem.MaxNameLength);
        builder.Property(i => i.ResponsibleDepartment).HasMaxLength(RectificationItem.MaxNameLength);
        builder.Property(i => i.OwnerId).HasMaxLength(450);
        builder.Property(i => i.OwnerName).HasMaxLength(RectificationItem.MaxNameLength);
        builder.Property(i => i.Progress).HasMaxLength(RectificationItem.MaxTextLength);
        builder.Property(i => i.LongTermReason).HasMaxLength(RectificationItem.MaxTextLength);
        builder.Property(i => i.ClosureExplanation).HasMaxLength(RectificationItem.MaxTextLength);
        builder.Property(i => i.ExtensionReason).HasMaxLength(RectificationItem.MaxTextLength);
        builder.Property(i => i.CreatedById).HasMaxLength(450);
        builder.Property(i => i.ConcurrencyStamp).IsConcurrencyToken();
        builder.Ignore(i => i.IsOpen);
        builder.Ignore(i => i.CloserRole);

        builder.HasOne<Unit>().WithMany().HasForeignKey(i => i.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Report>().WithMany().HasForeignKey(i => i.ReportId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(i => i.Journal).WithOne().HasForeignKey(j => j.ItemId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(i => i.Journal).HasField("_journal").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(i => i.Evidence).WithOne().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(i => i.Evidence).HasField("_evidence").UsePropertyAccessMode(PropertyAccessMode.Field);

        // One code per unit and year; two simultaneous creations cannot take the same number.
        builder.HasIndex(i => new { i.UnitId, i.Year, i.Sequence }).IsUnique();
        builder.HasIndex(i => i.Code).IsUnique();
        builder.HasIndex(i => new { i.Status, i.Deadline });
        // The reminder sweep between its daily full passes reads only the items changed since its last pass.
        builder.HasIndex(i => i.UpdatedAt);
        // The 待办 reads the open items of the user's units by state: without (unit, state) SQLite answers each state from
        // (Status, Deadline), i.e. every unit's items, and a committee's inbox grows with the whole ledger.
        builder.HasIndex(i => new { i.UnitId, i.Status });
    }
}

internal sealed class RectificationJournalEntryConfiguration : IEntityTypeConfiguration<RectificationJournalEntry>
{
    public void Configure(EntityTypeBuilder<RectificationJournalEntry> builder)
    {
        builder.ToTable("RectificationJournal");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Action).HasConversion<string>().HasMaxLength(30);
        builder.Property(j => j.FromStatus).HasConversion<string>().HasMaxLength(30);
        builder.Property(j => j.ToStatus).HasConversion<string>().HasMaxLength(30);
        builder.Property(j => j.ActorId).HasMaxLength(450);
        builder.Property(j => j.ActorName).HasMaxLength(100);
        builder.Property(j => j.Comment).HasMaxLength(RectificationItem.MaxTextLength + 200);
        builder.HasIndex(j => new { j.ItemId, j.Sequence }).IsUnique();
        builder.HasIndex(j => new { j.ActorId, j.At });
    }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> builder)
    {
        builder.ToTable("RectificationEvidence");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.FileName).HasMaxLength(EvidenceFile.MaxFileNameLength);
        builder.Property(e => e.ContentType).HasMaxLength(100);
        builder.Property(e => e.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(e => e.UploadedById).HasMaxLength(450);
        builder.Property(e => e.UploadedByName).HasMaxLength(100);
        builder.HasIndex(e => e.Sha256);
    }
}
