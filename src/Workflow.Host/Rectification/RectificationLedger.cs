using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Rectification;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Activities.Calendar;

namespace Workflow.Host.Rectification;

/// <summary>
/// The read side of the rectification ledger (整改台账): lists, pages, owners, the per-unit summary, the export and the 待办 count,
/// scoped like reports: an item of a unit the user does not cover is "not found". Nothing here changes an item.
/// </summary>
public sealed class RectificationLedger(AppDbContext db, TimeProvider clock)
{
    public DateOnly Today => ChinaTime.Today(clock);

    public async Task<List<LedgerRow>> LedgerAsync(UserContext user, LedgerFilter filter, CancellationToken ct = default)
    {
        var query = db.VisibleItems(user).AsNoTracking();
        if (filter.UnitId is { } unitId) query = query.Where(i => i.UnitId == unitId);
        if (filter.Status is { } status) query = query.Where(i => i.Status == status);
        if (filter.Source is { } source) query = query.Where(i => i.Source == source);
        if (filter.ReportId is { } reportId) query = query.Where(i => i.ReportId == reportId);
        if (!string.IsNullOrEmpty(filter.OwnerId)) query = query.Where(i => i.OwnerId == filter.OwnerId);
        if (filter.LongTerm is { } longTerm) query = query.Where(i => (i.Status == RectificationStatus.LongTerm) == longTerm);
        var today = Today;
        if (filter.Overdue is { } overdue)
        {
            var late = RectificationItem.OverdueOn(today);
            query = query.Where(overdue ? late : Expression.Lambda<Func<RectificationItem, bool>>(Expression.Not(late.Body), late.Parameters));
        }
        var items = await query.ToListAsync(ct);
        var rows = await RowsAsync(items, user, ct);
        if (filter.AwaitingMe) rows = rows.Where(r => r.Allowed.Any(IsDecision)).ToList();
        return Sort(rows, filter.Sort, filter.Descending);
    }

    /// <summary>One page of the ledger, cut after sorting; a page past the end is empty and still carries the total.</summary>
    public async Task<LedgerPage> LedgerPageAsync(UserContext user, LedgerFilter filter, int page, int pageSize, CancellationToken ct = default) =>
        LedgerPage.Of(await LedgerAsync(user, filter, ct), page, pageSize);

    /// <summary>The owners of the items the user sees, for the ledger's 责任人 filter: one projection, not the whole ledger.</summary>
    public async Task<List<(string Id, string Name)>> OwnersAsync(UserContext user, CancellationToken ct = default)
    {
        var owners = await db.VisibleItems(user).Where(i => i.OwnerId != null).Select(i => new { i.OwnerId, i.OwnerName }).Distinct().ToListAsync(ct);
        return owners.Select(o => (o.OwnerId!, o.OwnerName ?? "")).Distinct().OrderBy(o => o.Item2).ToList();
    }

    /// <summary>A decision someone else waits for: a closure or an extension to accept or reject.</summary>
    private static bool IsDecision(RectificationCommand command) => command is RectificationCommand.ApproveClosure
        or RectificationCommand.RejectClosure or RectificationCommand.ApproveExtension or RectificationCommand.RejectExtension;

    /// <summary>How many items wait for the user's decision (for the 待办 page).</summary>
    public async Task<int> AwaitingCountAsync(UserContext user, CancellationToken ct = default)
    {
        var candidates = await db.VisibleItems(user).AsNoTracking()
            .Where(i => i.Status == RectificationStatus.ClosureRequested || i.ExtensionRequestedTo != null)
            .ToListAsync(ct);
        return candidates.Count(i => Enum.GetValues<RectificationCommand>().Where(IsDecision).Any(c => i.Can(c, user.ActorAt(i.UnitId))));
    }

    /// <summary>
    /// Open items still without an owner or a deadline that the user must assign (待指定负责人和期限): the unit's secretary, who
    /// may edit any item of his unit. A drafter may edit them too, but assigning people and dates is the secretary's call.
    /// </summary>
    public async Task<List<LedgerRow>> ToAssignAsync(UserContext user, CancellationToken ct = default)
    {
        if (!user.Actor.IsIn(RoleNames.PartySecretary)) return [];
        var candidates = await db.VisibleItems(user).AsNoTracking().Where(RectificationItem.OpenExpression)
            .Where(i => i.OwnerId == null || i.Deadline == null).ToListAsync(ct);
        var mine = candidates.Where(i => i.NeedsAssignment && i.Can(RectificationCommand.Update, user.ActorAt(i.UnitId))).ToList();
        return Sort(await RowsAsync(mine, user, ct), "code", descending: false);
    }

    public async Task<LedgerRow> RowAsync(RectificationItem item, UserContext user, CancellationToken ct = default) =>
        (await RowsAsync([item], user, ct))[0];

    private async Task<List<LedgerRow>> RowsAsync(IReadOnlyList<RectificationItem> items, UserContext user, CancellationToken ct)
    {
        if (items.Count == 0) return [];
        var unitIds = items.Select(i => i.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var ownerIds = items.Where(i => i.OwnerId != null).Select(i => i.OwnerId!).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName, ct);
        var today = Today;
        return items.Select(i => new LedgerRow(i.Id, i.Code, i.UnitId, units.GetValueOrDefault(i.UnitId, ""), i.Source, i.Category, i.Problem,
            i.Measures, i.ResponsibleLeader, i.ResponsibleDepartment, i.OwnerId, i.OwnerName,
            i.OwnerId is null ? null : owners.GetValueOrDefault(i.OwnerId), i.Deadline, i.OriginalDeadline, i.Status, i.ReworkCount,
            i.ClosedAt, i.Light(today), i.IsOverdue(today), i.ExtensionRequestedTo, i.Progress, i.LongTermReason, i.NextReviewOn,
            i.ReportId, i.AllowedCommands(user.ActorAt(i.UnitId)))).ToList();
    }

    private static List<LedgerRow> Sort(List<LedgerRow> rows, string? sort, bool descending)
    {
        IOrderedEnumerable<LedgerRow> ordered = sort switch
        {
            "code" => rows.OrderBy(r => r.UnitName).ThenBy(r => r.Code, StringComparer.Ordinal),
            "status" => rows.OrderBy(r => r.Status),
            "unit" => rows.OrderBy(r => r.UnitName, StringComparer.Ordinal),
            "owner" => rows.OrderBy(r => r.OwnerName ?? "\uffff", StringComparer.Ordinal),
            "light" => rows.OrderBy(r => LightRank(r.Light)),
            _ => rows.OrderBy(r => r.Deadline ?? DateOnly.MaxValue),
        };
        var result = ordered.ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        if (descending) result.Reverse();
        return result;
    }

    // Red first: what needs attention comes to the top.
    private static int LightRank(TrafficLight light) => light switch
    {
        TrafficLight.Red => 0,
        TrafficLight.Yellow => 1,
        TrafficLight.Unassigned => 2,
        TrafficLight.Green => 3,
        _ => 4,
    };

    /// <summary>The evidence files of the given items, by item (an empty list for items without any).</summary>
    public async Task<ILookup<Guid, EvidenceFile>> EvidenceOfAsync(IReadOnlyList<Guid> itemIds, CancellationToken ct = default)
    {
        var files = new List<EvidenceFile>();
        foreach (var chunk in itemIds.Chunk(500))
            files.AddRange(await db.EvidenceFiles.AsNoTracking().Where(e => chunk.Contains(e.ItemId)).OrderBy(e => e.UploadedAt).ToListAsync(ct));
        return files.ToLookup(e => e.ItemId);
    }

    /// <summary>A unit the user covers, by id, code or name; null when he covers none such.</summary>
    public async Task<Guid?> FindUnitAsync(UserContext user, string unit, CancellationToken ct = default)
    {
        var text = unit.Trim();
        var ids = user.VisibleUnitIds.ToList();
        var match = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(ct);
        return match.FirstOrDefault(u => u.Id.ToString() == text.ToLowerInvariant() || u.Code == text.ToUpperInvariant() || u.Name == text)?.Id;
    }

    /// <summary>The id of a user by user name, or the text itself when none (the filter then matches nothing).</summary>
    public async Task<string> FindOwnerIdAsync(string owner, CancellationToken ct = default) =>
        // No user name or id holds a character no text may hold (PostgreSQL refuses a NUL in a query): such a filter matches nothing.
        UserText.ProblemWith(owner) is not null
            ? owner.Replace('\0', '\uFFFD')
            : await db.Users.AsNoTracking().Where(u => u.UserName == owner.Trim() || u.Id == owner.Trim()).Select(u => u.Id)
                .FirstOrDefaultAsync(ct) ?? owner;

    /// <summary>One item with its evidence and journal.</summary>
    public async Task<RectificationItem> GetAsync(UserContext user, Guid id, CancellationToken ct = default) =>
        await db.VisibleItems(user).AsNoTracking().Include(i => i.Evidence).Include(i => i.Journal)
            .AsSplitQuery().FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw UnitScope.ItemNotFound();

    /// <summary>The users of a unit the caller covers: whom an item can be assigned to.</summary>
    public async Task<List<UnitMember>> MembersAsync(UserContext user, Guid unitId, CancellationToken ct = default)
    {
        if (!user.CanSee(unitId)) throw UnitScope.ItemNotFound();
        return await db.Users.AsNoTracking().Where(u => u.UnitId == unitId).OrderBy(u => u.UserName)
            .Select(u => new UnitMember(u.Id, u.UserName!, u.DisplayName)).ToListAsync(ct);
    }

    /// <summary>Agencies the caller covers, for unit pickers.</summary>
    public Task<List<(Guid Id, string Name)>> UnitsAsync(UserContext user, CancellationToken ct = default) => db.VisibleUnitsAsync(user, ct);

    public async Task<List<UnitSummary>> SummaryAsync(UserContext user, CancellationToken ct = default)
    {
        var items = await db.VisibleItems(user).AsNoTracking()
            .Select(i => new { i.UnitId, i.Status, i.ReworkCount }).ToListAsync(ct);
        var overdue = await db.VisibleItems(user).Where(RectificationItem.OverdueOn(Today)).GroupBy(i => i.UnitId)
            .Select(g => new { UnitId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.UnitId, g => g.Count, ct);
        var units = await UnitsAsync(user, ct);
        return units.Select(u =>
        {
            var mine = items.Where(i => i.UnitId == u.Id).ToList();
            return new UnitSummary(u.Id, u.Name, mine.Count, mine.Count(i => i.Status == RectificationStatus.Closed),
                overdue.GetValueOrDefault(u.Id), mine.Count(i => i.ReworkCount > 0), mine.Count(i => i.Status == RectificationStatus.LongTerm));
        }).ToList();
    }

    public async Task<byte[]> ExportAsync(UserContext user, LedgerFilter filter, CancellationToken ct = default)
    {
        var rows = await LedgerAsync(user, filter, ct);
        return LedgerSpreadsheet.Write(rows, await ProgressOfAsync(rows, ct));
    }

    /// <summary>
    /// 进展 of each row: its progress note when it has one, else the latest comment of its journal (a closure explanation,
    /// a rejection's reason, an approved extension), so the printed ledger says where each item stands.
    /// </summary>
    private async Task<Dictionary<Guid, string>> ProgressOfAsync(IReadOnlyList<LedgerRow> rows, CancellationToken ct)
    {
        var progress = rows.Where(r => !string.IsNullOrWhiteSpace(r.Progress)).ToDictionary(r => r.Id, r => r.Progress!);
        foreach (var chunk in rows.Where(r => !progress.ContainsKey(r.Id)).Select(r => r.Id).Chunk(500))
        {
            var comments = await db.RectificationJournal.AsNoTracking().Where(e => chunk.Contains(e.ItemId) && e.Comment != null)
                .Select(e => new { e.ItemId, e.Sequence, e.Comment }).ToListAsync(ct);
            foreach (var latest in comments.GroupBy(e => e.ItemId).Select(g => g.MaxBy(e => e.Sequence)!))
                progress[latest.ItemId] = latest.Comment!;
        }
        return progress;
    }
}
