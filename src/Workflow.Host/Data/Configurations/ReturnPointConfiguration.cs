using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Activities.Reports;
using Workflow.Activities.Reports.Points;

namespace Workflow.Host.Data.Configurations;

internal sealed class ReturnPointConfiguration : IEntityTypeConfiguration<ReturnPoint>
{
    public void Configure(EntityTypeBuilder<ReturnPoint> builder)
    {
        builder.ToTable("ReturnPoints");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Text).HasMaxLength(PointDialogue.MaxPointLength).IsRequired();
        builder.Property(p => p.ReviewerId).HasMaxLength(450);
        builder.Property(p => p.ReviewerName).HasMaxLength(100);
        builder.Property(p => p.ReviewerRole).HasMaxLength(50);
        builder.Property(p => p.Answer).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.AnswerNote).HasMaxLength(PointDialogue.MaxNoteLength);
        builder.Property(p => p.Verdict).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(p => p.IsOpen);
        builder.Ignore(p => p.AwaitsVerdict);
        builder.HasOne<Report>().WithMany().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Restrict);
        // One number per point of a return; a report's points are always read together, in this order.
        builder.HasIndex(p => new { p.ReportId, p.ReturnSequence, p.Number }).IsUnique();
    }
}
