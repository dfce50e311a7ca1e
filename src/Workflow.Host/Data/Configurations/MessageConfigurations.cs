using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Host.Identity;
using Workflow.Host.Messages;

namespace Workflow.Host.Data.Configurations;

internal sealed class UserMessageConfiguration : IEntityTypeConfiguration<UserMessage>
{
    public void Configure(EntityTypeBuilder<UserMessage> builder)
    {
        builder.ToTable("UserMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Key).HasMaxLength(300);
        builder.HasIndex(m => m.Key).IsUnique();
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(m => m.Title).HasMaxLength(UserMessage.MaxTitleLength);
        builder.Property(m => m.Body).HasMaxLength(UserMessage.MaxBodyLength);
        builder.Property(m => m.Link).HasMaxLength(300);
        builder.Ignore(m => m.IsRead);
        // The list (newest first) and the header's unread count, per user.
        builder.HasIndex(m => new { m.UserId, m.Id });
        builder.HasIndex(m => new { m.UserId, m.ReadAt });
        builder.HasIndex(m => new { m.AwaitingDigest, m.UserId });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.OutboxMessage).WithMany().HasForeignKey(m => m.OutboxMessageId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class MessagePreferenceConfiguration : IEntityTypeConfiguration<MessagePreference>
{
    public void Configure(EntityTypeBuilder<MessagePreference> builder)
    {
        builder.ToTable("MessagePreferences");
        builder.HasKey(p => new { p.UserId, p.Kind });
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(p => p.Delivery).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
