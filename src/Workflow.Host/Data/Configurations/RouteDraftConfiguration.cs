using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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
        builder.Property(d => d.Steps)
            .HasConversion(
                steps => RouteStepsJson.Write(steps),
                text => RouteStepsJson.Read(text),
                new ValueComparer<List<RouteStep>>(
                    (a, b) => a!.SequenceEqual(b!),
                    v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode())),
                    v => v.ToList()));
        builder.Property(d => d.AppliesTo)
            .HasConversion(
                ids => JsonSerializer.Serialize(ids, (JsonSerializerOptions?)null),
                text => JsonSerializer.Deserialize<List<Guid>>(text, (JsonSerializerOptions?)null) ?? new List<Guid>(),
                new ValueComparer<List<Guid>>(
                    (a, b) => a!.SequenceEqual(b!),
                    v => v.Aggregate(0, (h, id) => HashCode.Combine(h, id.GetHashCode())),
                    v => v.ToList()));
    }
}
