using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Activities.Routes;
using Workflow.Host.Routes;

namespace Workflow.Host.Data.Configurations;

/// <summary>The one route draft of 流程设计: its steps as JSON in the shape of a published version's.</summary>
internal sealed class RouteDraftConfiguration : IEntityTypeConfiguration<RouteDraft>
{
    public void Configure(EntityTypeBuilder<RouteDraft> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Name).HasMaxLength(200);
        builder.Property(d => d.Steps).AsRouteStepsJson();
        builder.Property(d => d.AppliesTo).AsUnitIdsJson();
    }
}
