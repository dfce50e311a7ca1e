using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;

namespace Workflow.Host.Data.Configurations;

internal sealed class RouteDefinitionConfiguration : IEntityTypeConfiguration<RouteDefinition>
{
    public void Configure(EntityTypeBuilder<RouteDefinition> builder)
    {
        builder.HasKey(r => r.Version);
        builder.Property(r => r.Version).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Ignore(r => r.First);
        // The steps are part of the published definition and never change: one JSON column.
        builder.Property(r => r.Steps).AsRouteStepsJson();
        // The agencies the version applies to (empty: all), a JSON array of ids beside the steps.
        builder.Property(r => r.AppliesTo).AsUnitIdsJson()
            .HasDefaultValue(new List<Guid>())
            .IsRequired();
    }
}

/// <summary>
/// The JSON of a route version's steps: {Key, Name, Decider {Kind, Role, UnitId}, TimeLimitWorkingDays, ChecksGate, mode}
/// (mode "single"|"all"|"any"; a step stored before modes existed reads as single). Versions
/// published before routes were data hold {Status, Role, Name, TimeLimitWorkingDays}; they are read as the fixed route meant them:
/// the decider is the unit that covers the agency for the role (<see cref="StepDecider.ForRole"/>), the checks gate stood before
/// CommitteeReview.
/// </summary>
public static class RouteStepsJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record StoredDecider(DeciderKind Kind, string Role, Guid? UnitId);

    private sealed record StoredStep(string? Key, string? Name, StoredDecider? Decider, int TimeLimitWorkingDays, bool? ChecksGate,
        string? Status = null, string? Role = null, [property: JsonPropertyName("mode")] string? Mode = null);

    public static string Write(IEnumerable<RouteStep> steps) => JsonSerializer.Serialize(
        steps.Select(s => new StoredStep(s.Key, s.Name, new StoredDecider(s.Decider.Kind, s.Decider.Role, s.Decider.UnitId),
            s.TimeLimitWorkingDays, s.ChecksGate, Mode: s.Mode.ToString().ToLowerInvariant())).ToList(), Options);

    public static List<RouteStep> Read(string text) =>
        (JsonSerializer.Deserialize<List<StoredStep>>(text, Options) ?? []).Select(s =>
        {
            var key = s.Key ?? s.Status ?? "";
            var decider = s.Decider is { } d ? new StepDecider(d.Kind, d.Role, d.UnitId) : StepDecider.ForRole(s.Role ?? "");
            return new RouteStep(key, s.Name ?? key, decider, s.TimeLimitWorkingDays,
                s.ChecksGate ?? key == nameof(ReportStatus.CommitteeReview),
                Enum.TryParse<StepMode>(s.Mode, ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode : StepMode.Single);
        }).ToList();
}

/// <summary>The JSON columns a published route version and the 流程设计 draft share: their steps and the agencies they apply to.</summary>
internal static class RouteJsonColumns
{
    public static PropertyBuilder<List<RouteStep>> AsRouteStepsJson(this PropertyBuilder<List<RouteStep>> property) =>
        property.HasConversion(
            steps => RouteStepsJson.Write(steps),
            text => RouteStepsJson.Read(text),
            new ValueComparer<List<RouteStep>>(
                (a, b) => a!.SequenceEqual(b!),
                v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode())),
                v => v.ToList()));

    /// <summary>A JSON array of unit ids; an empty column (a row written before it existed) reads as none.</summary>
    public static PropertyBuilder<List<Guid>> AsUnitIdsJson(this PropertyBuilder<List<Guid>> property) =>
        property.HasConversion(
            ids => JsonSerializer.Serialize(ids, (JsonSerializerOptions?)null),
            text => string.IsNullOrEmpty(text) ? new List<Guid>() : JsonSerializer.Deserialize<List<Guid>>(text, (JsonSerializerOptions?)null) ?? new List<Guid>(),
            new ValueComparer<List<Guid>>(
                (a, b) => a!.SequenceEqual(b!),
                v => v.Aggregate(0, (h, id) => HashCode.Combine(h, id.GetHashCode())),
                v => v.ToList()));
}
