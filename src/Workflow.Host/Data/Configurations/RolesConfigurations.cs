using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Activities.Organization;
using Workflow.Host.Identity;

namespace Workflow.Host.Data.Configurations;

internal sealed class RoleDefinitionConfiguration : IEntityTypeConfiguration<RoleDefinition>
{
    public void Configure(EntityTypeBuilder<RoleDefinition> builder)
    {
        builder.ToTable("RoleDefinitions");
        builder.HasKey(r => r.Id);
        // Identity's role name column is 256 wide; the rule keeps names far shorter.
        builder.Property(r => r.Name).HasMaxLength(256);
        builder.HasIndex(r => r.Name).IsUnique();
        builder.Property(r => r.UnitKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Description).HasMaxLength(CustomRoles.MaxDescriptionLength);
    }
}

internal sealed class UserPostConfiguration : IEntityTypeConfiguration<UserPost>
{
    public void Configure(EntityTypeBuilder<UserPost> builder)
    {
        builder.ToTable("UserPosts");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.Role).HasMaxLength(256);
        builder.HasIndex(p => new { p.UserId, p.UnitId, p.Role }).IsUnique();
        // 待办 and the reminders ask who holds a role in a unit.
        builder.HasIndex(p => new { p.UnitId, p.Role });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
