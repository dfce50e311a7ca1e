using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Activities.Reports;
using Workflow.Host.Data;

namespace Workflow.Host.Identity;

/// <summary>Loads a user with his roles and works out which units' reports he covers.</summary>
public sealed class UserDirectory(AppDbContext db)
{
    public async Task<UserContext?> LoadAsync(string userId, CancellationToken ct = default)
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
        return result.ToList();
    }
}
