using Workflow.Activities.Reports;

namespace Workflow.Host.Identity;

/// <summary>The signed-in user as the application sees him: domain actor plus the units he may see.</summary>
public sealed record UserContext(AppUser User, Actor Actor, string? UnitName, IReadOnlyList<Guid> VisibleUnitIds)
{
    public bool CanSee(Guid unitId) => VisibleUnitIds.Contains(unitId);
}
