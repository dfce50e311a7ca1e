using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Activities.Organization;

namespace Workflow.Host.Data.Configurations;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Name).HasMaxLength(100).IsRequired();
        builder.Property(u => u.Code).HasMaxLength(20).IsRequired();
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(u => u.Name).IsUnique();
        builder.HasIndex(u => u.Code).IsUnique();
        builder.HasIndex(u => u.SupervisorId);
        builder.HasIndex(u => u.InspectionTeamId);
        builder.HasOne<Unit>().WithMany().HasForeignKey(u => u.SupervisorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(u => u.InspectionTeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
