using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Activities.Phrases;
using Workflow.Host.Identity;

namespace Workflow.Host.Data.Configurations;

internal sealed class SavedPhraseConfiguration : IEntityTypeConfiguration<SavedPhrase>
{
    public void Configure(EntityTypeBuilder<SavedPhrase> builder)
    {
        builder.ToTable("SavedPhrases");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.Text).HasMaxLength(SavedPhrase.MaxLength);
        // A user saves a text once, even when two requests race.
        builder.HasIndex(p => new { p.UserId, p.Text }).IsUnique();
        builder.HasIndex(p => new { p.UserId, p.Order });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
