using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Activities.Calendar;
using Workflow.Activities.Cycles;
using Workflow.Activities.Organization;
using Workflow.Activities.Reminders;
using Workflow.Host.Identity;
using Workflow.Host.Mail;
using Workflow.Host.Reminders;

namespace Workflow.Host.Data.Configurations;

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> builder)
    {
        builder.HasKey(d => d.Date);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Name).HasMaxLength(50);
    }
}

internal sealed class ReportingCycleConfiguration : IEntityTypeConfiguration<ReportingCycle>
{
    public void Configure(EntityTypeBuilder<ReportingCycle> builder)
    {
        builder.ToTable("ReportingCycles");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(ReportingCycle.MaxNameLength);
        builder.Property(c => c.OpenedById).HasMaxLength(450);
        builder.HasIndex(c => c.Year);
        builder.Property(c => c.Policy).HasColumnName("ReminderPolicy")
            .HasConversion(
                p => JsonSerializer.Serialize(p, (JsonSerializerOptions?)null),
                text => JsonSerializer.Deserialize<ReminderPolicy>(text, (JsonSerializerOptions?)null) ?? ReminderPolicy.Default,
                new ValueComparer<ReminderPolicy>(
                    (a, b) => JsonSerializer.Serialize(a, (JsonSerializerOptions?)null) == JsonSerializer.Serialize(b, (JsonSerializerOptions?)null),
                    p => JsonSerializer.Serialize(p, (JsonSerializerOptions?)null).GetHashCode(),
                    p => p));
        builder.HasMany(c => c.Units).WithOne().HasForeignKey(u => u.CycleId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Units).HasField("_units").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ReportingCycleUnitConfiguration : IEntityTypeConfiguration<ReportingCycleUnit>
{
    public void Configure(EntityTypeBuilder<ReportingCycleUnit> builder)
    {
        builder.ToTable("ReportingCycleUnits");
        builder.HasKey(u => new { u.CycleId, u.UnitId });
        builder.HasOne<Unit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Key).HasMaxLength(300);
        builder.HasIndex(n => n.Key).IsUnique();
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.Subject).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.SubjectState).HasMaxLength(100);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Audience).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Title).HasMaxLength(300);
        builder.Property(n => n.Link).HasMaxLength(300);
        builder.HasIndex(n => new { n.ResolvedAt, n.UserId });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(n => n.OutboxMessage).WithMany().HasForeignKey(n => n.OutboxMessageId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Key).HasMaxLength(300);
        builder.HasIndex(m => m.Key).IsUnique();
        builder.Property(m => m.ToAddress).HasMaxLength(256);
        builder.Property(m => m.ToName).HasMaxLength(100);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.GuardSubject).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.GuardState).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.Ignore(m => m.MessageId);
        // The dispatcher's query: pending mails whose next attempt is due.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}
