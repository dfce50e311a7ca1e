using System.Linq.Expressions;
using Workflow.Activities.Routes;

namespace Workflow.Activities.Organization;

/// <summary>Which kind of unit a role belongs to, and which agencies its members cover: the rule behind unit assignment and scoping.</summary>
public static class RoleUnitRule
{
    /// <summary>The unit kind a member of <paramref name="role"/> must belong to; null when any unit (or none) will do.</summary>
    public static UnitKind? RequiredKind(string role) => role switch
    {
        RoleNames.Drafter or RoleNames.PartySecretary => UnitKind.Agency,
        RoleNames.DisciplineInspector => UnitKind.InspectionTeam,
        RoleNames.Committee => UnitKind.Committee,
        _ => null,
    };

    public static bool Fits(string role, UnitKind kind) => RequiredKind(role) is not { } required || required == kind;

    /// <summary>Where the members of <paramref name="role"/> that cover an agency sit: the agency, its team, its committee; null for any other role.</summary>
    public static DeciderKind? KindFor(string role) => role switch
    {
        RoleNames.Drafter or RoleNames.PartySecretary => DeciderKind.OwnUnit,
        RoleNames.DisciplineInspector => DeciderKind.InspectionTeam,
        RoleNames.Committee => DeciderKind.Supervisor,
        _ => null,
    };

    /// <summary>
    /// The unit whose members holding <paramref name="role"/> cover <paramref name="agency"/>: the agency itself for its drafters
    /// and secretary, its discipline inspection team, its supervising committee; null for any other role.
    /// </summary>
    public static Guid? CoveringUnit(Unit agency, string role) => KindFor(role) is { } kind ? DecidingUnit(agency, kind, null) : null;

    /// <summary>The unit a route step's deciders sit in for a report of <paramref name="agency"/> (<see cref="StepDecider"/>).</summary>
    public static Guid? DecidingUnit(Unit agency, DeciderKind kind, Guid? namedUnit) => kind switch
    {
        DeciderKind.OwnUnit => agency.Id,
        DeciderKind.InspectionTeam => agency.InspectionTeamId,
        DeciderKind.Supervisor => agency.SupervisorId,
        _ => namedUnit,
    };

    /// <summary>The unit kind a step's deciders must sit in; null for a named unit (any kind).</summary>
    public static UnitKind? DecidingKind(DeciderKind kind) => kind switch
    {
        DeciderKind.OwnUnit => UnitKind.Agency,
        DeciderKind.InspectionTeam => UnitKind.InspectionTeam,
        DeciderKind.Supervisor => UnitKind.Committee,
        _ => null,
    };

    /// <summary>The same rule as a query EF can translate: the agencies that members of unit <paramref name="home"/> holding <paramref name="role"/> cover.</summary>
    public static Expression<Func<Unit, bool>> CoveredBy(Guid home, string role) => role switch
    {
        RoleNames.Drafter or RoleNames.PartySecretary => u => u.Id == home,
        RoleNames.DisciplineInspector => u => u.InspectionTeamId == home,
        RoleNames.Committee => u => u.SupervisorId == home,
        _ => u => false,
    };
}
