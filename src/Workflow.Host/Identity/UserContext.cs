using Workflow.Activities.Reports;

namespace Workflow.Host.Identity;

/// <summary>
/// The signed-in user as the application sees him: domain actor plus the units he may see; <see cref="Principals"/> are the
/// reviewers he stands in for today (委托). Reports copied to him (抄送) or where he holds a task are found by the query itself
/// (<see cref="UnitScope.ReadableReports"/>), so a scope holds only what the directory decides and can be kept (<see cref="UserScopeCache"/>).
/// </summary>
public sealed record UserContext(AppUser User, Actor Actor, string? UnitName, IReadOnlyList<Guid> VisibleUnitIds)
{
    /// <summary>Each reviewer whose delegation names this user and runs today: his actor (reviewer roles only) and his units.</summary>
    public IReadOnlyList<UserContext> Principals { get; init; } = [];

    /// <summary>
    /// For a principal: the statuses of the steps he decides on any route version, so a stand-in reads only the reports waiting
    /// there; the domain's Can settles the exact step on each decision.
    /// </summary>
    public IReadOnlyList<ReportStatus> DecidedStatuses { get; init; } = [];

    /// <summary>The (unit, role) pairs he acts in: his home unit with each of his roles, then his posts (兼职) in other units.</summary>
    public IReadOnlyList<UnitRole> Posts { get; init; } = [];

    /// <summary>For each unit he sees, the roles whose cover reaches it (a drafter of A and secretary of B: A → 起草人, B → 党组书记).</summary>
    public IReadOnlyDictionary<Guid, IReadOnlySet<string>> RolesAt { get; init; } = new Dictionary<Guid, IReadOnlySet<string>>();

    public bool CanSee(Guid unitId) => VisibleUnitIds.Contains(unitId);

    /// <summary>Whether he holds <paramref name="role"/> in <paramref name="unitId"/>, at home or as a post.</summary>
    public bool Holds(Guid unitId, string role) => Posts.Contains(new UnitRole(unitId, role));

    /// <summary>
    /// The actor for a report or item of <paramref name="unitId"/>: only the roles that apply there, so a drafter of A who is
    /// secretary of B cannot edit B's draft (the domain checks roles only). A user with one unit acts in all his roles, as before.
    /// </summary>
    public Actor ActorAt(Guid unitId)
    {
        if (Posts.All(p => p.UnitId == User.UnitId)) return Actor;
        var here = RolesAt.GetValueOrDefault(unitId);
        return new Actor(Actor.UserId, Actor.DisplayName, Actor.Roles.Where(r => here?.Contains(r) == true).ToHashSet(StringComparer.Ordinal))
        {
            OnBehalfOf = Actor.OnBehalfOf,
        };
    }

    /// <summary>
    /// Who runs <paramref name="command"/> on <paramref name="report"/>: the user himself, in the roles he holds for the report's
    /// unit (<see cref="ActorAt"/>), where his units cover the report, else the first principal's stand-in ("代 X 审核") that may
    /// decide it; null when neither (a report only copied to him).
    /// </summary>
    public Actor? ActorFor(Report report, ReportCommand command)
    {
        var own = ActorAt(report.UnitId);
        // A task holder (转办 receiver, 加签 reviewer) acts on the report he waits on even outside his units.
        if ((CanSee(report.UnitId) || report.WaitsFor(Actor.UserId)) && (report.Can(command, own) || Principals.Count == 0)) return own;
        if (command is ReportCommand.Approve or ReportCommand.Return)
            foreach (var principal in Principals.Where(p => p.CanSee(report.UnitId) || report.WaitsFor(p.Actor.UserId)))
            {
                var standIn = Actor.ActingFor(principal.ActorAt(report.UnitId));
                if (report.Can(command, standIn)) return standIn;
            }
        return CanSee(report.UnitId) ? own : null;
    }

    /// <summary>The commands this user may run on <paramref name="report"/> now, for himself or for a principal.</summary>
    public IReadOnlyList<ReportCommand> AllowedCommands(Report report) =>
        Enum.GetValues<ReportCommand>().Where(c => ActorFor(report, c) is { } actor && report.Can(c, actor)).ToList();
}
