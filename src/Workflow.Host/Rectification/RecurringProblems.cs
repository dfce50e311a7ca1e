using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;

namespace Workflow.Host.Rectification;

/// <summary>An earlier item a problem resembles, as a hint shows it: “与2022年整改事项 KX-2022-003 相似（已销号）”.</summary>
public sealed record SimilarItem(Guid Id, string Code, int Year, RectificationStatus Status, string Problem, double Score)
{
    public string Hint => $"与{Year}年整改事项 {Code} 相似（{Status.Label()}）";
}

/// <summary>One problem of one unit that came back over the years (问题反弹): its items, oldest first.</summary>
public sealed record RecurrenceGroup(Guid UnitId, string UnitName, IReadOnlyList<SimilarItem> Items)
{
    public IReadOnlyList<int> Years => Items.Select(i => i.Year).Distinct().Order().ToList();
}

/// <summary>How many items of a year recur from the same unit's earlier years (see <see cref="RecurringProblems.RateAsync"/>).</summary>
public sealed record RecurrenceFigure(int Items, int Recurring)
{
    public double? Rate => Items == 0 ? null : Math.Round(100.0 * Recurring / Items, 1, MidpointRounding.AwayFromZero);
}

/// <summary>
/// 问题反弹: compares a unit's problems with its own items of earlier years (<see cref="ProblemRecurrence"/>), for the hint beside a
/// proposed or typed problem, the committee's list of problems that recur, and the recurrence rate of the statistics. Every
/// read is bounded: at most <see cref="ProblemRecurrence.MaxCompared"/> earlier items of a unit, and for the rate and the list
/// only the <see cref="YearsBack"/> years before the year looked at.
/// </summary>
public sealed class RecurringProblems(AppDbContext db)
{
    /// <summary>Earlier years the rate and the committee's list look back over.</summary>
    public const int YearsBack = 5;

    /// <summary>Items of one unit the committee's list groups at most (its latest).</summary>
    public const int MaxGrouped = 1000;

    private sealed record Row(Guid Id, Guid UnitId, string Code, int Year, int Sequence, RectificationStatus Status, string Problem)
    {
        public SimilarItem Similar(double score) => new(Id, Code, Year, Status, Problem, score);
    }

    /// <summary>Only the committee and the inspection teams read the list of recurring problems.</summary>
    public static bool MayReadRecurrences(Actor actor) => actor.IsIn(RoleNames.Committee) || actor.IsIn(RoleNames.DisciplineInspector);

    /// <summary>See <see cref="MayReadRecurrences"/>; the others get 403.</summary>
    public static void EnsureMayReadRecurrences(UserContext user)
    {
        if (!MayReadRecurrences(user.Actor))
            throw new WorkflowRuleException(RuleViolation.Forbidden, "forbidden", "只有市直机关工委和纪检监察组可以查看问题反弹。");
    }

    /// <summary>
    /// For each text, the unit's items of years before <paramref name="year"/> it resembles, best first (at most three). A unit
    /// the user does not cover is "not found".
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<SimilarItem>>> SimilarAsync(UserContext user, Guid unitId, int year,
        IReadOnlyList<string?> texts, CancellationToken ct = default)
    {
        if (!user.CanSee(unitId)) throw new WorkflowRuleException(RuleViolation.NotFound, "unit-not-found", "单位不存在或您无权查看。", "unitId");
        if (texts.All(string.IsNullOrWhiteSpace)) return texts.Select(_ => (IReadOnlyList<SimilarItem>)[]).ToList();
        var earlier = (await Rows(Items(i => i.UnitId == unitId && i.Year < year)
                .OrderByDescending(i => i.Year).ThenByDescending(i => i.Sequence).Take(ProblemRecurrence.MaxCompared)).ToListAsync(ct))
            .Select(r => (r, r.Year, ProblemSimilarity.Fingerprint(r.Problem))).ToList();
        return texts.Select(text => (IReadOnlyList<SimilarItem>)ProblemRecurrence
            .Matches(ProblemSimilarity.Fingerprint(text), earlier).Select(m => m.Item.Similar(m.Score)).ToList()).ToList();
    }

    /// <summary>The earlier items an item resembles (the item is one the caller already may see).</summary>
    public async Task<IReadOnlyList<SimilarItem>> SimilarToAsync(UserContext user, RectificationItem item, CancellationToken ct = default) =>
        (await SimilarAsync(user, item.UnitId, item.Year, [item.Problem], ct))[0];

    /// <summary>The years with items among the units the user covers, newest first: the choices of the list's year filter.</summary>
    public async Task<List<int>> YearsAsync(UserContext user, CancellationToken ct = default) =>
        (await db.VisibleItems(user).Select(i => i.Year).Distinct().ToListAsync(ct)).OrderDescending().ToList();

    /// <summary>
    /// The problems that recur across years in the units the user covers (or the one asked for), per unit. With a year, the
    /// groups that hold an item of that year, looking back <see cref="YearsBack"/> years; without, every group among each unit's
    /// latest <see cref="MaxGrouped"/> items.
    /// </summary>
    public async Task<List<RecurrenceGroup>> GroupsAsync(UserContext user, int? year, Guid? unitId, CancellationToken ct = default)
    {
        EnsureMayReadRecurrences(user);
        if (year is { } y) SupportedYears.CheckYear(y);
        if (unitId is { } asked && !user.CanSee(asked))
            throw new WorkflowRuleException(RuleViolation.NotFound, "unit-not-found", "单位不存在或您无权查看。", "unit");
        var units = (await db.VisibleUnitsAsync(user, ct)).Where(u => unitId is null || u.Id == unitId).ToList();
        var groups = new List<RecurrenceGroup>();
        foreach (var (id, name) in units)
        {
            var query = Items(i => i.UnitId == id);
            if (year is { } to) query = query.Where(i => i.Year <= to && i.Year >= to - YearsBack);
            var rows = await Rows(query.OrderByDescending(i => i.Year).ThenByDescending(i => i.Sequence).Take(MaxGrouped)).ToListAsync(ct);
            var found = ProblemRecurrence.Groups(rows.Select(r => (r, r.Year, ProblemSimilarity.Fingerprint(r.Problem))).ToList(), ct);
            groups.AddRange(found.Where(g => year is null || g.Any(r => r.Year == year))
                .Select(g => new RecurrenceGroup(id, name, g.OrderBy(r => r.Year).ThenBy(r => r.Sequence).Select(r => r.Similar(1)).ToList())));
        }
        return groups;
    }

    /// <summary>
    /// The recurrence rate of a year (问题反弹率): of the given units' items of <paramref name="year"/>, how many resemble an item of
    /// the same unit from the <see cref="YearsBack"/> years before. Two queries for the year whatever the history, and per unit at
    /// most <see cref="ProblemRecurrence.MaxCompared"/> items each side.
    /// </summary>
    public async Task<RecurrenceFigure> RateAsync(IReadOnlyList<Guid> unitIds, int year, CancellationToken ct = default)
    {
        var units = unitIds.ToList();
        var current = await Rows(Items(i => units.Contains(i.UnitId) && i.Year == year)).ToListAsync(ct);
        if (current.Count == 0) return new RecurrenceFigure(0, 0);
        var withItems = current.Select(r => r.UnitId).Distinct().ToList();
        var earlier = (await Rows(Items(i => withItems.Contains(i.UnitId) && i.Year < year && i.Year >= year - YearsBack)).ToListAsync(ct))
            .GroupBy(r => r.UnitId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Year).ThenByDescending(r => r.Sequence).Take(ProblemRecurrence.MaxCompared)
                .Select(r => ProblemSimilarity.Fingerprint(r.Problem)).ToList());
        var recurring = current.GroupBy(r => r.UnitId).Sum(g => earlier.TryGetValue(g.Key, out var before)
            ? ProblemRecurrence.CountRecurring(g.Take(ProblemRecurrence.MaxCompared).Select(r => ProblemSimilarity.Fingerprint(r.Problem)), before, ct)
            : 0);
        return new RecurrenceFigure(current.Count, recurring);
    }

    private IQueryable<RectificationItem> Items(System.Linq.Expressions.Expression<Func<RectificationItem, bool>> where) =>
        db.RectificationItems.AsNoTracking().Where(where);

    // The columns compared and shown, projected last (after any order and limit); a problem is at most 2,000 characters.
    private static IQueryable<Row> Rows(IQueryable<RectificationItem> items) =>
        items.Select(i => new Row(i.Id, i.UnitId, i.Code, i.Year, i.Sequence, i.Status, i.Problem));
}
