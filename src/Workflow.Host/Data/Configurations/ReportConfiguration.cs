using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Activities.Organization;
using Workflow.Activities.Reports;

namespace Workflow.Host.Data.Configurations;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Title).HasMaxLength(Report.MaxTitleLength).IsRequired();
        builder.Property(r => r.Body).IsRequired();
        builder.Property(r => r.Status).HasConversion(StatusColumn.Converter).HasMaxLength(ReportStatus.MaxKeyLength);
        builder.Property(r => r.ResumeStatus).HasConversion(StatusColumn.Converter).HasMaxLength(ReportStatus.MaxKeyLength);
        builder.Property(r => r.SubmittedTo).HasConversion(StatusColumn.Converter).HasMaxLength(ReportStatus.MaxKeyLength);
        builder.Property(r => r.CreatedById).HasMaxLength(450);
        builder.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        builder.Ignore(r => r.CurrentStep);

        builder.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Route).WithMany().HasForeignKey(r => r.RouteVersion).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(r => r.Route).AutoInclude();

        builder.HasMany(r => r.Journal).WithOne().HasForeignKey(j => j.ReportId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(r => r.Journal).HasField("_journal").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(r => r.Revisions).WithOne().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(r => r.Revisions).HasField("_revisions").UsePropertyAccessMode(PropertyAccessMode.Field);
        // 会签/转办/加签 tasks decide who may act, so every loaded report carries them (few rows per report).
        builder.HasMany(r => r.Tasks).WithOne().HasForeignKey(t => t.ReportId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(r => r.Tasks).HasField("_tasks").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();

        // The inbox (reports of my units waiting at a status: an equality on both columns, whatever the table's size) and the
        // sweep (every report waiting at a review step) share one index. With (UnitId, Status) and (Status) as two indexes,
        // SQLite chose the status one for a committee's inbox and read every unit's reports at that status.
        builder.HasIndex(r => new { r.Status, r.UnitId, r.StatusSince });
        builder.HasIndex(r => new { r.UnitId, r.Year }).IsUnique();
        // The reminder sweep between its daily full passes reads only the reports changed since its last pass.
        builder.HasIndex(r => r.UpdatedAt);
    }
}

/// <summary>A status is stored as its key, the text the enum stored ("SecretaryReview"), in a column of <see cref="ReportStatus.MaxKeyLength"/>.</summary>
internal static class StatusColumn
{
    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<ReportStatus, string> Converter =
        new(s => s.Key, key => new ReportStatus(key));
}

internal sealed class ReportJournalEntryConfiguration : IEntityTypeConfiguration<ReportJournalEntry>
{
    public void Configure(EntityTypeBuilder<ReportJournalEntry> builder)
    {
        builder.ToTable("ReportJournal");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Action).HasConversion<string>().HasMaxLength(30);
        builder.Property(j => j.FromStatus).HasConversion(StatusColumn.Converter).HasMaxLength(ReportStatus.MaxKeyLength);
        builder.Property(j => j.ToStatus).HasConversion(StatusColumn.Converter).HasMaxLength(ReportStatus.MaxKeyLength);
        builder.Property(j => j.ActorId).HasMaxLength(450);
        builder.Property(j => j.ActorName).HasMaxLength(100);
        builder.Property(j => j.ActorRole).HasMaxLength(50);
        builder.Property(j => j.Comment).HasMaxLength(Report.MaxCommentLength);
        builder.Property(j => j.OnBehalfOfId).HasMaxLength(450);
        builder.Property(j => j.OnBehalfOfName).HasMaxLength(100);
        builder.Property(j => j.TargetUserId).HasMaxLength(450);
        builder.Property(j => j.TargetName).HasMaxLength(100);
        builder.Ignore(j => j.ActorShown);
        // A second guard against double transitions: one sequence number per report.
        builder.HasIndex(j => new { j.ReportId, j.Sequence }).IsUnique();
        // 已办 (what I decided) reads one user's decisions, newest first.
        builder.HasIndex(j => new { j.ActorId, j.At });
    }
}

internal sealed class ReportRevisionConfiguration : IEntityTypeConfiguration<ReportRevision>
{
    public void Configure(EntityTypeBuilder<ReportRevision> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Title).HasMaxLength(Report.MaxTitleLength);
        builder.Property(v => v.AuthorId).HasMaxLength(450);
        builder.Property(v => v.AuthorName).HasMaxLength(100);
        builder.HasIndex(v => new { v.ReportId, v.Number }).IsUnique();
    }
}

/// <summary>会签/转办/加签 tasks: child rows of a report, numbered per report; the 待办 finds a user's open ones by (UserId, State).</summary>
internal sealed class ReviewTaskConfiguration : IEntityTypeConfiguration<ReviewTask>
{
    public void Configure(EntityTypeBuilder<ReviewTask> builder)
    {
        builder.ToTable("ReviewTasks");
        builder.HasKey(t => new { t.ReportId, t.Number });
        builder.Property(t => t.Number).ValueGeneratedNever();
        builder.Property(t => t.Step).HasColumnName("StepKey").HasConversion(StatusColumn.Converter).HasMaxLength(ReportStatus.MaxKeyLength);
        builder.Property(t => t.UserId).HasMaxLength(450);
        builder.Property(t => t.UserName).HasMaxLength(100);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.ByUserId).HasMaxLength(450);
        builder.Property(t => t.ByName).HasMaxLength(100);
        builder.Property(t => t.Comment).HasMaxLength(Report.MaxCommentLength);
        builder.Property(t => t.DecidedById).HasMaxLength(450);
        builder.Property(t => t.DecidedByName).HasMaxLength(100);
        builder.Ignore(t => t.IsOpen);
        builder.HasIndex(t => new { t.UserId, t.State });
    }
}
