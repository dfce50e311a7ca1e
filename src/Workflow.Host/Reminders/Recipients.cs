using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Activities.Routes;
using Workflow.Host.Data;
using Workflow.Host.Identity;

namespace Workflow.Host.Reminders;

/// <summary>A person who can receive mail.</summary>
public sealed record Recipient(string UserId, string Name, string? Email);

/// <summary>Who, per unit, holds which role: loaded once per sweep (users are few, reports are many).</summary>
public sealed class Recipients
{
    private sealed record Member(string Id, string? UserName, string DisplayName, string? Email, Guid? UnitId, string Role);

    private readonly Dictionary<Guid, Unit> _units;
    private readonly Dictionary<string, Recipient> _byId;
    private readonly Dictionary<(Guid Unit, string Role), List<Recipient>> _byUnitAndRole;
    private readonly Dictionary<Guid, List<Member>> _byUnit;

    /// <summary>Indexed once, looked up per report and per item: a sweep over 100k items must not scan the users each time.</summary>
    private Recipients(Dictionary<Guid, Unit> units, List<Member> members)
    {
        _units = units;
        _byId = members.DistinctBy(m => m.Id).ToDictionary(m => m.Id, ToRecipient);
        _byUnitAndRole = members.Where(m => m.UnitId is not null)
            .GroupBy(m => (m.UnitId!.Value, m.Role))
            .ToDictionary(g => g.Key, g => g.Select(m => _byId[m.Id]).ToList());
        _byUnit = members.Where(m => m.UnitId is not null).DistinctBy(m => m.Id)
            .GroupBy(m => m.UnitId!.Value).ToDictionary(g => g.Key, g => g.ToList());
    }

    // 委托: the delegates standing in today for each principal, by the principal's id (empty unless loaded with a day).
    private Dictionary<string, List<Recipient>> _standIns = [];

    /// <summary>
    /// The users, indexed; with <paramref name="standInsOn"/> also the delegations running that China day, so
    /// <see cref="WithStandIns"/> can add each holder's delegate.
    /// </summary>
    public static async Task<Recipients> LoadAsync(AppDbContext db, CancellationToken ct, DateOnly? standInsOn)
    {
        var people = await LoadAsync(db, ct);
        if (standInsOn is not { } day) return people;
        var running = await db.Delegations.AsNoTracking().Where(d => d.EndedAt == null && d.From <= day && d.To >= day)
            .Select(d => new { d.DelegatorId, d.DelegateId }).ToListAsync(ct);
        people._standIns = running.Where(d => people._byId.ContainsKey(d.DelegateId)).GroupBy(d => d.DelegatorId)
            .ToDictionary(g => g.Key, g => g.Select(d => people._byId[d.DelegateId]).ToList());
        return people;
    }

    /// <summary>The holders of a review step and, after them, the delegates standing in for any of them today (each once).</summary>
    public IReadOnlyList<Recipient> WithStandIns(IReadOnlyList<Recipient> holders) =>
        _standIns.Count == 0 ? holders :
        holders.Concat(holders.SelectMany(h => _standIns.GetValueOrDefault(h.UserId) ?? [])).DistinctBy(r => r.UserId).ToList();

    public static async Task<Recipients> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var members = await (from u in db.Users.AsNoTracking()
                             join ur in db.UserRoles on u.Id equals ur.UserId
                             join r in db.Roles on ur.RoleId equals r.Id
                             select new Member(u.Id, u.UserName, u.DisplayName, u.Email, u.UnitId, r.Name!)).ToListAsync(ct);
        // A post (兼职) makes him a member of that unit in that role too.
        members.AddRange(await (from p in db.UserPosts.AsNoTracking()
                                join u in db.Users on p.UserId equals u.Id
                                select new Member(u.Id, u.UserName, u.DisplayName, u.Email, p.UnitId, p.Role)).ToListAsync(ct));
        return new Recipients(units, members);
    }

    public string UnitName(Guid unitId) => _units.TryGetValue(unitId, out var unit) ? unit.Name : "";

    /// <summary>A user by id (he needs a role to be listed); null when unknown.</summary>
    public Recipient? ById(string userId) => _byId.GetValueOrDefault(userId);

    /// <summary>The one user of a unit whose display name or user name is <paramref name="name"/>; null when none or several.</summary>
    public Recipient? NamedInUnit(Guid unitId, string name)
    {
        if (!_byUnit.TryGetValue(unitId, out var users)) return null;
        var matches = users.Where(u => u.DisplayName == name || u.UserName == name).ToList();
        return matches.Count == 1 ? _byId[matches[0].Id] : null;
    }

    private static Recipient ToRecipient(Member u) =>
        new(u.Id, AppUser.ShownNameOf(u.DisplayName, u.UserName), u.Email);

    /// <summary>Users holding <paramref name="role"/> whose scope covers agency <paramref name="unitId"/>.</summary>
    /// <summary>
    /// Who holds <paramref name="role"/> for one unit, by the same rule as <see cref="Covering"/>, read with two small queries:
    /// for one page view, where loading every user (as a sweep does) would grow with the organisation.
    /// </summary>
    public static async Task<IReadOnlyList<Recipient>> CoveringAsync(AppDbContext db, Guid unitId, string role, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        return unit is null || RoleUnitRule.CoveringUnit(unit, role) is not { } holderUnit ? [] : await MembersAsync(db, holderUnit, role, ct);
    }

    /// <summary>Who decides <paramref name="step"/> for a report of agency <paramref name="unitId"/>: the members of the step's deciding unit holding its role.</summary>
    public static async Task<IReadOnlyList<Recipient>> DecidingAsync(AppDbContext db, Guid unitId, RouteStep step, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        return unit is null || step.Decider.UnitFor(unit) is not { } holderUnit ? [] : await MembersAsync(db, holderUnit, step.Role, ct);
    }

    /// <summary>The users of <paramref name="holderUnit"/> holding <paramref name="role"/>, at home or as a post (兼职).</summary>
    public static async Task<IReadOnlyList<Recipient>> MembersAsync(AppDbContext db, Guid holderUnit, string role, CancellationToken ct)
    {
        var members = await (from u in db.Users.AsNoTracking()
                             where u.UnitId == holderUnit
                             join ur in db.UserRoles on u.Id equals ur.UserId
                             join r in db.Roles on ur.RoleId equals r.Id
                             where r.Name == role
                             select new Member(u.Id, u.UserName, u.DisplayName, u.Email, u.UnitId, r.Name!)).ToListAsync(ct);
        members.AddRange(await (from p in db.UserPosts.AsNoTracking()
                                where p.UnitId == holderUnit && p.Role == role
                                join u in db.Users on p.UserId equals u.Id
                                select new Member(u.Id, u.UserName, u.DisplayName, u.Email, p.UnitId, p.Role)).ToListAsync(ct));
        return members.DistinctBy(m => m.Id).Select(ToRecipient).ToList();
    }

    /// <summary>Who decides <paramref name="step"/> for a report of agency <paramref name="unitId"/> (<see cref="StepDecider"/>).</summary>
    public IReadOnlyList<Recipient> Deciding(Guid unitId, RouteStep step)
    {
        if (!_units.TryGetValue(unitId, out var unit)) return [];
        return step.Decider.UnitFor(unit) is { } id && _byUnitAndRole.TryGetValue((id, step.Role), out var holders) ? holders : [];
    }

    public IReadOnlyList<Recipient> Covering(Guid unitId, string role)
    {
        if (!_units.TryGetValue(unitId, out var unit)) return [];
        return RoleUnitRule.CoveringUnit(unit, role) is { } id && _byUnitAndRole.TryGetValue((id, role), out var holders) ? holders : [];
    }
}

/// <summary>
/// This node's <see cref="Recipients"/> under the directory stamp it was read for (<see cref="CurrentDirectory"/>): a page view or
/// a decision asks who holds a role without a query while the directory is unchanged.
/// </summary>
public sealed class RecipientsCache
{
    private sealed record Entry(Guid Stamp, Recipients People);

    private Entry? _latest;

    public async Task<Recipients> ForAsync(CurrentDirectory directory, AppDbContext db, CancellationToken ct)
    {
        // Read before the rows: people loaded after a change are kept under the older stamp, so they are not used again.
        var stamp = await directory.StampAsync(ct);
        if (Volatile.Read(ref _latest) is { } latest && latest.Stamp == stamp) return latest.People;
        var people = await Recipients.LoadAsync(db, ct);
        Volatile.Write(ref _latest, new Entry(stamp, people));
        return people;
    }
}

