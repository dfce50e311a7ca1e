using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Calendar;
using Workflow.Activities.Organization;
using Workflow.Activities.Routes;
using Workflow.Host.Data;

namespace Workflow.Host.Identity;

/// <summary>The directory as one stamp (<see cref="DirectoryVersion"/>) saw it: every route version, every unit, the working-day calendar.</summary>
public sealed record DirectorySnapshot(Guid Stamp, IReadOnlyDictionary<int, RouteDefinition> Routes, IReadOnlyDictionary<Guid, Unit> Units,
    WorkingCalendar Calendar);

/// <summary>This node's latest <see cref="DirectorySnapshot"/> (routes parsed once, units read once, until the stamp moves).</summary>
public sealed class DirectorySnapshots
{
    private DirectorySnapshot? _latest;

    public DirectorySnapshot? Find(Guid stamp) => Volatile.Read(ref _latest) is { } latest && latest.Stamp == stamp ? latest : null;

    public void Keep(DirectorySnapshot snapshot) => Volatile.Write(ref _latest, snapshot);
}

/// <summary>
/// The directory for one request: the stamp is read once (one primary-key lookup) and again after this context saves, and the
/// snapshot of that stamp is this node's when it has one. Callers read, never change, what it returns.
/// </summary>
public sealed class CurrentDirectory
{
    private readonly AppDbContext _db;
    private readonly DirectorySnapshots _snapshots;
    private Guid? _stamp;

    public CurrentDirectory(AppDbContext db, DirectorySnapshots snapshots)
    {
        _db = db;
        _snapshots = snapshots;
        // A save of this request that changed the directory (it carries the row) makes the next question read the stamp again.
        db.SavedChanges += (_, _) =>
        {
            if (db.ChangingDirectory) _stamp = null;
        };
    }

    public async Task<Guid> StampAsync(CancellationToken ct = default) =>
        _stamp ??= await _db.DirectoryVersions.AsNoTracking().Where(v => v.Id == DirectoryVersion.TheRow).Select(v => v.Stamp)
            .FirstOrDefaultAsync(ct);

    /// <summary>The stamp as a query of this request read it along with something else (the sign-in check): it is not read again.</summary>
    public void Read(Guid stamp) => _stamp ??= stamp;

    public async Task<DirectorySnapshot> SnapshotAsync(CancellationToken ct = default)
    {
        // Read before the rows: a change committed in between leaves the snapshot under the older stamp, so it is not used again.
        var stamp = await StampAsync(ct);
        if (_snapshots.Find(stamp) is { } known) return known;
        var routes = await _db.Routes.AsNoTracking().ToDictionaryAsync(r => r.Version, ct);
        var units = await _db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var calendar = new WorkingCalendar(await _db.CalendarDays.AsNoTracking().ToListAsync(ct));
        var snapshot = new DirectorySnapshot(stamp, routes, units, calendar);
        _snapshots.Keep(snapshot);
        return snapshot;
    }

    /// <summary>After a change to the directory made around the change tracker (ExecuteUpdate/Delete): a new stamp, now.</summary>
    public async Task ChangedAsync(CancellationToken ct = default)
    {
        await _db.DirectoryVersions.Where(v => v.Id == DirectoryVersion.TheRow)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Stamp, Guid.NewGuid()), ct);
        _stamp = null;
    }

    /// <summary>Every route version by number.</summary>
    public async Task<IReadOnlyDictionary<int, RouteDefinition>> RoutesAsync(CancellationToken ct = default) => (await SnapshotAsync(ct)).Routes;

    /// <summary>A unit by id; one created after this request read the stamp is read from the database.</summary>
    public async Task<Unit> UnitAsync(Guid unitId, CancellationToken ct = default) =>
        (await SnapshotAsync(ct)).Units.TryGetValue(unitId, out var unit) ? unit : await _db.Units.AsNoTracking().FirstAsync(u => u.Id == unitId, ct);

    public async Task<string> UnitNameAsync(Guid unitId, CancellationToken ct = default) => (await UnitAsync(unitId, ct)).Name;
}
