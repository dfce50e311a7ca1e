using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Activities.Routes;

namespace Workflow.Host.Data.Configurations;

internal sealed class RouteDefinitionConfiguration : IEntityTypeConfiguration<RouteDefinition>
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public void Configure(EntityTypeBuilder<RouteDefinition> builder)
    {
        builder.HasKey(r => r.Version);
        builder.Property(r => r.Version).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Ignore(r => r.First);
        // The steps are part of the published definition and never change: one JSON column.
        builder.Property(r => r.Steps)
            .HasConversion(
                steps => JsonSerializer.Serialize(steps, Json),
                text => JsonSerializer.Deserialize<List<RouteStep>>(text, Json) ?? new List<RouteStep>(),
                new ValueComparer<List<RouteStep>>(
                    (a, b) => a!.SequenceEqual(b!),
                    v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode())),
                    v => v.ToList()));
    }
}
