using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Calendar;
using Workflow.Activities.Delegations;
using Workflow.Activities.Organization;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using Workflow.Host.Data;

namespace Workflow.Host.Identity;

/// <summary>Loads a user with his roles and works out which units' reports he covers.</summary>
public sealed class UserDirectory(AppDbContext db, TimeProvider clock)
{
    public async Task<UserContext?> LoadAsync(string userId, CancellationToken ct = default)
    {
        var user = await LoadOwnAsync(userId, ct);
        if (user is null) return null;
        // 委托 counts in China days: a delegation ending today still holds until midnight in Beijing, then the reports are 404 again.
        var today = ChinaTime.Today(clock);
        var principalIds = await db.Delegations.AsNoTracking()
            .Where(d => d.DelegateId == userId && d.EndedAt == null && d.From <= today && d.To >= today)
            .Select(d => d.DelegatorId).Distinct().ToListAsync(ct);
        var principals = new List<UserContext>();
        var routes = principalIds.Count == 0 ? [] : await db.Routes.AsNoTracking().ToListAsync(ct);
        foreach (var id in principalIds)
            if (await LoadOwnAsync(id, ct) is { User.DisabledAt: null } principal)
            {
                var reviewer = new Actor(principal.Actor.UserId, principal.Actor.DisplayName,
                    principal.Actor.Roles.Where(Delegation.DelegableRoles.Contains).ToHashSet(StringComparer.Ordinal));
                principals.Add(principal with
                {
                    Actor = reviewer,
                    DecidedStatuses = routes.SelectMany(r => r.StepsDecidedBy(reviewer)).Select(s => s.Status).Distinct().ToList(),
                    TaskReportIds = await db.ReviewTasks.AsNoTracking().Where(t => t.UserId == id && t.State == ReviewTaskState.Open)
                        .Select(t => t.ReportId).Distinct().ToListAsync(ct),
                });
            }
        var copied = await db.ReportCopies.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.ReportId).Distinct().ToListAsync(ct);
        var tasked = await db.ReviewTasks.AsNoTracking().Where(t => t.UserId == userId).Select(t => t.ReportId).Distinct().ToListAsync(ct);
        return user with { Principals = principals, CopiedReportIds = copied, TaskReportIds = tasked };
    }

    private async Task<UserContext?> LoadOwnAsync(string userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return null;
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId
                           select r.Name!).ToListAsync(ct);
        var unit = user.UnitId is { } unitId ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct) : null;
        var visible = await VisibleUnitsAsync(unit, roles, ct);
        var actor = new Actor(user.Id, user.ShownName,
            roles.ToHashSet(StringComparer.Ordinal));
        return new UserContext(user, actor, unit?.Name, visible);
    }

    /// <summary>Drafter and secretary: their own agency. Team: the agencies it covers. Committee: the agencies under it (<see cref="RoleUnitRule"/>).</summary>
    private async Task<IReadOnlyList<Guid>> VisibleUnitsAsync(Unit? unit, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        if (unit is null) return [];
        var result = new HashSet<Guid>();
        // A role covers units only from the kind of unit it belongs to (a drafter in a committee unit covers nothing).
        foreach (var role in roles.Where(r => RoleUnitRule.RequiredKind(r) == unit.Kind))
            result.UnionWith(await db.Units.Where(RoleUnitRule.CoveredBy(unit.Id, role)).Select(u => u.Id).ToListAsync(ct));
        await AddRouteDeciderUnitsAsync(unit, roles, result, ct);
        return result.ToList();
    }

    /// <summary>
    /// A route step may name deciders the fixed rule does not cover: a unit role of the agency itself (办公室主任), or a named unit
    /// (县直机关工委). Their members see the agencies they decide for: their own agency, or every agency the version applies to.
    /// </summary>
    private async Task AddRouteDeciderUnitsAsync(Unit unit, IReadOnlyCollection<string> roles, HashSet<Guid> result, CancellationToken ct)
    {
        var unitRoles = roles.Where(r => !RoleNames.IsAdministrator(r) && RoleUnitRule.KindFor(r) is null).ToList();
        if (unitRoles.Count == 0 && roles.All(RoleNames.IsAdministrator)) return;
        var routes = await db.Routes.AsNoTracking().ToListAsync(ct);
        var steps = routes.SelectMany(r => r.Steps.Select(s => (Route: r, Step: s))).Where(x => roles.Contains(x.Step.Role)).ToList();
        if (unit.Kind == UnitKind.Agency && steps.Any(x => x.Step.Decider.Kind == DeciderKind.OwnUnit && unitRoles.Contains(x.Step.Role)))
            result.Add(unit.Id);
        var named = steps.Where(x => x.Step.Decider.Kind == DeciderKind.NamedUnit && x.Step.Decider.UnitId == unit.Id).Select(x => x.Route).ToList();
        if (named.Count == 0) return;
        var agencies = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Agency).Select(u => u.Id).ToListAsync(ct);
        foreach (var route in named) result.UnionWith(agencies.Where(route.AppliesToUnit));
    }
}
