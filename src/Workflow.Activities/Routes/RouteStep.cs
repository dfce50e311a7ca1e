using Workflow.Activities.Organization;
using Workflow.Activities.Reports;

namespace Workflow.Activities.Routes;

/// <summary>
/// One review step of a route: its stable key (the status a report has while waiting there), its Chinese name, who decides,
/// the time limit in working days, whether the report checks (报告检查) must pass before a report may enter it, and how its
/// deciders decide (<see cref="StepMode"/>).
/// </summary>
public sealed record RouteStep(string Key, string Name, StepDecider Decider, int TimeLimitWorkingDays, bool ChecksGate = false,
    StepMode Mode = StepMode.Single)
{
    /// <summary>The status of a report waiting at this step.</summary>
    public ReportStatus Status => new(Key);

    /// <summary>The role the deciders hold (in the unit <see cref="StepDecider"/> names for the report's agency).</summary>
    public string Role => Decider.Role;

    /// <summary>A step decided by the holders of <paramref name="role"/> in the unit that covers the agency for that role.</summary>
    public static RouteStep For(ReportStatus status, string role, string name, int timeLimitWorkingDays, bool checksGate = false) =>
        new(status.Key, name, StepDecider.ForRole(role), timeLimitWorkingDays, checksGate);
}

/// <summary>
/// Who decides a step, relative to the report's agency: a role in the agency itself, the agency's stationed discipline inspection
/// team, its supervising committee, or one named unit. <see cref="RoleUnitRule.DecidingUnit"/> turns it into a unit.
/// </summary>
public sealed record StepDecider(DeciderKind Kind, string Role, Guid? UnitId = null)
{
    public static StepDecider OwnUnit(string role) => new(DeciderKind.OwnUnit, role);
    public static StepDecider InspectionTeam() => new(DeciderKind.InspectionTeam, RoleNames.DisciplineInspector);
    public static StepDecider Supervisor() => new(DeciderKind.Supervisor, RoleNames.Committee);
    public static StepDecider Named(Guid unitId, string role) => new(DeciderKind.NamedUnit, role, unitId);

    /// <summary>The decider the fixed route had for <paramref name="role"/>: the unit that covers the agency for that role.</summary>
    public static StepDecider ForRole(string role) => RoleUnitRule.KindFor(role) switch
    {
        DeciderKind.InspectionTeam => InspectionTeam(),
        DeciderKind.Supervisor => Supervisor(),
        _ => OwnUnit(role),
    };

    /// <summary>The unit whose members holding <see cref="Role"/> decide a report of <paramref name="agency"/>; null when none.</summary>
    public Guid? UnitFor(Unit agency) => RoleUnitRule.DecidingUnit(agency, Kind, UnitId);

    /// <summary>Chinese, e.g. "本单位·党组书记", "派驻纪检监察组", "主管机关工委", "指定单位·市直机关工委".</summary>
    public string Label(string? namedUnitName = null) => Kind switch
    {
        DeciderKind.OwnUnit => "本单位·" + RoleNames.Label(Role),
        DeciderKind.InspectionTeam => "派驻纪检监察组",
        DeciderKind.Supervisor => "主管机关工委",
        _ => "指定单位·" + (namedUnitName ?? "") + "·" + RoleNames.Label(Role),
    };
}

/// <summary>Where the deciders of a step sit, seen from the report's agency.</summary>
public enum DeciderKind
{
    /// <summary>The agency itself (党组书记, 办公室主任, 分管领导 …).</summary>
    OwnUnit,

    /// <summary>The discipline inspection team stationed at the agency (its DisciplineInspector members).</summary>
    InspectionTeam,

    /// <summary>The committee supervising the agency (its Committee members).</summary>
    Supervisor,

    /// <summary>One unit named in the step, whatever agency the report comes from.</summary>
    NamedUnit,
}

/// <summary>How the holders of a step's role decide it.</summary>
public enum StepMode
{
    /// <summary>One decision by any holder of the role in the deciding unit closes the step.</summary>
    Single,

    /// <summary>会签: every holder at the moment the report enters the step must approve; any return returns the report.</summary>
    All,

    /// <summary>或签: every holder is asked; the first decision closes the step for the others.</summary>
    Any,
}

public static class StepModes
{
    /// <summary>Chinese, as the designer and the report page name it.</summary>
    public static string Label(this StepMode mode) => mode switch
    {
        StepMode.All => "会签",
        StepMode.Any => "或签",
        _ => "单人审核",
    };
}
