using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Host.Data;
using Workflow.Host.Identity;

namespace Workflow.Host.Reminders;

/// <summary>A person who can receive mail.</summary>
public sealed record Recipient(string UserId, string Name, string? Email, NotificationMode Mode);

/// <summary>Who, per unit, holds which role: loaded once per sweep (users are few, reports are many).</summary>
public sealed class Recipients
{
    private readonly Dictionary<Guid, Unit> _units;
    private readonly List<(AppUser User, string Role)> _members;

    private Recipients(Dictionary<Guid, Unit> units, List<(AppUser, string)> members)
    {
        _units = units;
        _members = members;
    }

    public static async Task<Recipients> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var members = await (from u in db.Users.AsNoTracking()
                             join ur in db.UserRoles on u.Id equals ur.UserId
                             join r in db.Roles on ur.RoleId equals r.Id
                             select new { User = u, Role = r.Name! }).ToListAsync(ct);
        return new Recipients(units, members.Select(m => (m.User, m.Role)).ToList());
    }

    public string UnitName(Guid unitId) => _units.TryGetValue(unitId, out var unit) ? unit.Name : "";

    /// <summary>A user by id (he needs a role to be listed); null when unknown.</summary>
    public Recipient? ById(string userId) => _members.Where(m => m.User.Id == userId).Select(m => ToRecipient(m.User)).FirstOrDefault();

    /// <summary>The one user of a unit whose display name or user name is <paramref name="name"/>; null when none or several.</summary>
    public Recipient? NamedInUnit(Guid unitId, string name)
    {
        var matches = _members.Select(m => m.User).Where(u => u.UnitId == unitId && (u.DisplayName == name || u.UserName == name))
            .DistinctBy(u => u.Id).ToList();
        return matches.Count == 1 ? ToRecipient(matches[0]) : null;
    }

    private static Recipient ToRecipient(AppUser u) =>
        new(u.Id, string.IsNullOrEmpty(u.DisplayName) ? u.UserName ?? "" : u.DisplayName, u.Email, u.NotificationMode);

    /// <summary>Users holding <paramref name="role"/> whose scope covers agency <paramref name="unitId"/>.</summary>
    public IReadOnlyList<Recipient> Covering(Guid unitId, string role)
    {
        if (!_units.TryGetValue(unitId, out var unit)) return [];
        Guid? home = role switch
        {
            RoleNames.Drafter or RoleNames.PartySecretary => unit.Id,
            RoleNames.DisciplineInspector => unit.InspectionTeamId,
            RoleNames.Committee => unit.SupervisorId,
            _ => null,
        };
        if (home is null) return [];
        return _members
            .Where(m => m.Role == role && m.User.UnitId == home)
            .Select(m => ToRecipient(m.User))
            .ToList();
    }
}
