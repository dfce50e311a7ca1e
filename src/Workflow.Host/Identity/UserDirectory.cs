using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Calendar;
using Workflow.Activities.Delegations;
using Workflow.Activities.Organization;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using Workflow.Host.Data;

namespace Workflow.Host.Identity;

/// <summary>
/// Loads a user with his roles and works out which units' reports he covers. A scope built before is used again while the
/// directory has not changed since (<see cref="UserScopeCache"/>): one small query instead of a dozen per request.
/// </summary>
public sealed class UserDirectory(AppDbContext db, TimeProvider clock, UserScopeCache cache, CurrentDirectory directory)
{
    public async Task<UserContext?> LoadAsync(string userId, CancellationToken ct = default)
    {
        // The stamp is read before the scope is built: a change committed in between makes the next request build again.
        var stamp = await directory.StampAsync(ct);
        var today = ChinaTime.Today(clock);
        if (cache.Find(userId, stamp, today) is { } known) return known;
        var scope = await BuildAsync(userId, today, ct);
        if (scope is not null) cache.Keep(userId, stamp, today, scope);
        return scope;
    }

    private async Task<UserContext?> BuildAsync(string userId, DateOnly today, CancellationToken ct)
    {
        var user = await LoadOwnAsync(userId, ct);
        if (user is null) return null;
        // 委托 counts in China days: a delegation ending today still holds until midnight in Beijing, then the reports are 404 again.
        var principalIds = await db.Delegations.AsNoTracking()
            .Where(d => d.DelegateId == userId && d.EndedAt == null && d.From <= today && d.To >= today)
            .Select(d => d.DelegatorId).Distinct().ToListAsync(ct);
        var principals = new List<UserContext>();
        var routes = principalIds.Count == 0 ? [] : (await directory.RoutesAsync(ct)).Values.ToList();
        foreach (var id in principalIds)
            if (await LoadOwnAsync(id, ct) is { User.DisabledAt: null } principal)
            {
                var reviewer = new Actor(principal.Actor.UserId, principal.Actor.DisplayName,
                    principal.Actor.Roles.Where(Delegation.DelegableRoles.Contains).ToHashSet(StringComparer.Ordinal));
                principals.Add(principal with
                {
                    Actor = reviewer,
                    DecidedStatuses = routes.SelectMany(r => r.StepsDecidedBy(reviewer)).Select(s => s.Status).Distinct().ToList(),
                });
            }
        return user with { Principals = principals };
    }

    private async Task<UserContext?> LoadOwnAsync(string userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return null;
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId
                           select r.Name!).ToListAsync(ct);
        var posts = await db.UserPosts.AsNoTracking().Where(p => p.UserId == userId).OrderBy(p => p.Id)
            .Select(p => new UnitRole(p.UnitId, p.Role)).ToListAsync(ct);
        var pairs = (user.UnitId is { } home ? roles.Select(r => new UnitRole(home, r)) : []).Concat(posts).Distinct().ToList();
        var unitIds = pairs.Select(p => p.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var rolesAt = await RolesAtAsync(pairs, units, ct);
        var actor = new Actor(user.Id, user.ShownName, roles.Concat(posts.Select(p => p.Role)).ToHashSet(StringComparer.Ordinal));
        var unitName = user.UnitId is { } unitId && units.TryGetValue(unitId, out var unit) ? unit.Name : null;
        return new UserContext(user, actor, unitName, rolesAt.Keys.ToList())
        {
            Posts = pairs,
            RolesAt = rolesAt.ToDictionary(x => x.Key, x => (IReadOnlySet<string>)x.Value),
        };
    }

    /// <summary>
    /// The units each (unit, role) pair covers, and in which roles: drafter and secretary their own agency, a team the agencies it
    /// covers, a committee the agencies under it (<see cref="RoleUnitRule"/>), plus the route decider units; the union over pairs.
    /// </summary>
    private async Task<Dictionary<Guid, HashSet<string>>> RolesAtAsync(IReadOnlyList<UnitRole> pairs, IReadOnlyDictionary<Guid, Unit> units,
        CancellationToken ct)
    {
        var result = new Dictionary<Guid, HashSet<string>>();
        void Add(Guid covered, string role)
        {
            if (!result.TryGetValue(covered, out var set)) result[covered] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(role);
        }
        // A role covers units only from the kind of unit it belongs to (a drafter in a committee unit covers nothing).
        foreach (var pair in pairs)
            if (units.TryGetValue(pair.UnitId, out var unit) && RoleUnitRule.RequiredKind(pair.Role) == unit.Kind)
                foreach (var covered in await db.Units.Where(RoleUnitRule.CoveredBy(unit.Id, pair.Role)).Select(u => u.Id).ToListAsync(ct))
                    Add(covered, pair.Role);
        await AddRouteDeciderUnitsAsync(pairs, units, Add, ct);
        return result;
    }

    /// <summary>
    /// A route step may name deciders the fixed rule does not cover: a unit role of the agency itself (办公室主任, 分管领导), or a
    /// named unit (县直机关工委). Their holders see the agencies they decide for: their own agency, or every agency the version applies to.
    /// </summary>
    private async Task AddRouteDeciderUnitsAsync(IReadOnlyList<UnitRole> pairs, IReadOnlyDictionary<Guid, Unit> units, Action<Guid, string> add,
        CancellationToken ct)
    {
        if (pairs.All(p => RoleNames.IsAdministrator(p.Role))) return;
        var routes = (await directory.RoutesAsync(ct)).Values.ToList();
        List<Guid>? agencies = null;
        foreach (var pair in pairs.Where(p => !RoleNames.IsAdministrator(p.Role) && units.ContainsKey(p.UnitId)))
        {
            var unit = units[pair.UnitId];
            var steps = routes.SelectMany(r => r.Steps.Select(s => (Route: r, Step: s))).Where(x => x.Step.Role == pair.Role).ToList();
            if (unit.Kind == UnitKind.Agency && RoleUnitRule.KindFor(pair.Role) is null
                && steps.Any(x => x.Step.Decider.Kind == DeciderKind.OwnUnit))
                add(unit.Id, pair.Role);
            var named = steps.Where(x => x.Step.Decider.Kind == DeciderKind.NamedUnit && x.Step.Decider.UnitId == unit.Id).Select(x => x.Route).ToList();
            if (named.Count == 0) continue;
            agencies ??= await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Agency).Select(u => u.Id).ToListAsync(ct);
            foreach (var route in named)
                foreach (var agency in agencies.Where(route.AppliesToUnit)) add(agency, pair.Role);
        }
    }
}
