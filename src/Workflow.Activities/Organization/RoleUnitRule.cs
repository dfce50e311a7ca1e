namespace Workflow.Activities.Organization;

/// <summary>Which kind of unit a role belongs to: the rule behind every user's unit assignment.</summary>
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
}
