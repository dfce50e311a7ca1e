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
        var actor = new Actor(user.Id, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? user.Id : user.DisplayName,
            roles.ToHashSet(StringComparer.Ordinal));
        return new UserContext(user, actor, unit?.Name, visible);
    }

    /// <summary>Drafter and secretary: their own agency. Team: the agencies it covers. Committee: the agencies under it.</summary>
    private async Task<IReadOnlyList<Guid>> VisibleUnitsAsync(Unit? unit, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        if (unit is null) return [];
        var result = new HashSet<Guid>();
        if (unit.Kind == UnitKind.Agency && (roles.Contains(RoleNames.Drafter) || roles.Contains(RoleNames.PartySecretary)))
            result.Add(unit.Id);
        if (unit.Kind == UnitKind.InspectionTeam && roles.Contains(RoleNames.DisciplineInspector))
            result.UnionWith(await db.Units.Where(u => u.InspectionTeamId == unit.Id).Select(u => u.Id).ToListAsync(ct));
        if (unit.Kind == UnitKind.Committee && roles.Contains(RoleNames.Committee))
            result.UnionWith(await db.Units.Where(u => u.SupervisorId == unit.Id).Select(u => u.Id).ToListAsync(ct));
        return result.ToList();
    }
}
