using System.Linq.Expressions;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Calendar;
using Workflow.Activities.Organization;
using Workflow.Activities.Reminders;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using Workflow.Host.Calendar;
using Workflow.Host.Data;
using Workflow.Host.Identity;

namespace Workflow.Host.Reports;

/// <summary>
/// 全部报告: the reports of the units the user covers, filtered (year, unit, status, overdue), searched over title and text,
/// sorted and cut into pages, each row with who holds its step and its deadline. Another unit's report never matches.
/// </summary>
/// <remarks>
/// Search is a case-insensitive substring match on title or text, the same on both providers. A query of three characters or
/// more uses the trigram index (SQLite FTS5 <c>trigram</c>, PostgreSQL <c>pg_trgm</c>, see <see cref="ReportSearchSql"/>); one
/// or two characters, which no trigram holds, are matched with LIKE / ILIKE over the reports left after scope and filters.
/// </remarks>
public sealed class ReportFinder(AppDbContext db, TimeProvider clock, CalendarStore calendars, CurrentDirectory directory)
{
    /// <summary>Longest query searched; the rest of a longer one is dropped (a pasted paragraph is not an error).</summary>
    public const int MaxQueryLength = 100;

    /// <summary>Queries of fewer characters than this are scanned; from this length on the trigram index answers.</summary>
    public const int IndexedQueryLength = 3;

    /// <summary>Characters of text shown either side of the first match.</summary>
    private const int SnippetContext = 40;

    public async Task<ReportListPage> FindAsync(UserContext user, ReportQuery query, CancellationToken ct = default)
    {
        var sort = ReportQuery.ParseSort(query.Sort, query.Text);
        var text = ReportQuery.Normalize(query.Text);
        if (query.PageSize is < 1 or > ReportListPage.MaxPageSize)
            throw new WorkflowRuleException(RuleViolation.Invalid, "page-size-invalid", $"每页条数须在 1 到 {ReportListPage.MaxPageSize} 之间。", "pageSize");
        if (query.Page < 1) throw new WorkflowRuleException(RuleViolation.Invalid, "page-invalid", "页码须从 1 开始。", "page");

        var routes = (await directory.RoutesAsync(ct)).Values.ToList();
        var calendar = await calendars.LoadAsync(ct);
        var today = ChinaTime.Today(clock);

        var reports = db.VisibleReports(user).AsNoTracking();
        if (query.Year is { } year) reports = reports.Where(r => r.Year == year);
        if (query.UnitId is { } unitId) reports = reports.Where(r => r.UnitId == unitId);
        if (query.Status is { } status) reports = reports.Where(r => r.Status == status);
        if (query.Overdue is { } overdue)
        {
            var late = OverdueExpression(routes, today, calendar);
            reports = reports.Where(overdue ? late : Not(late));
        }
        if (text is not null) reports = Matching(reports, text);

        var lowered = text?.ToLowerInvariant();
        var rows = from r in reports
                   join u in db.Units on r.UnitId equals u.Id
                   select new Row
                   {
                       Id = r.Id, Title = r.Title, Year = r.Year, UnitId = r.UnitId, UnitName = u.Name, Status = r.Status,
                       StatusSince = r.StatusSince, UpdatedAt = r.UpdatedAt, Revision = r.Revision, RouteVersion = r.RouteVersion,
                       TitleHit = lowered != null && r.Title.ToLower().Contains(lowered),
                       // The order of the route, drafts first and approved last (the status is stored as text).
                       StatusRank = r.Status == ReportStatus.Draft ? 0 : r.Status == ReportStatus.Returned ? 1
                           : r.Status == ReportStatus.SecretaryReview ? 2 : r.Status == ReportStatus.DisciplineReview ? 3
                           : r.Status == ReportStatus.CommitteeReview ? 4 : r.Status == ReportStatus.Approved ? 6 : 5,
                   };
        var total = await rows.CountAsync(ct);
        // Without a page size, one page holds every match (the API's list before paging existed).
        var pageSize = query.PageSize ?? Math.Max(1, total);
        var page = query.Page;
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        if (query.LastPageWhenPast && page > pageCount) page = pageCount;

        var found = await Sorted(rows, sort).Skip((int)Math.Min(int.MaxValue, (page - 1L) * pageSize)).Take(pageSize).ToListAsync(ct);
        var holders = await HoldersAsync(found, routes, ct);
        var snippets = text is null ? [] : await SnippetsAsync(found.Select(r => r.Id).ToList(), text, ct);
        var list = found.Select(r =>
        {
            var step = routes.FirstOrDefault(v => v.Version == r.RouteVersion)?.StepFor(r.Status);
            var deadline = step is null ? null : StepDeadline.Of(r.StatusSince, step.TimeLimitWorkingDays, today, calendar);
            return new ReportListRow(r.Id, r.Title, r.Year, r.UnitId, r.UnitName, r.Status, r.StatusSince, r.UpdatedAt, r.Revision,
                r.RouteVersion, holders.GetValueOrDefault(r.Id, ""), deadline,
                text is null ? null : Highlight.Of(r.Title, text), snippets.GetValueOrDefault(r.Id));
        }).ToList();
        return new ReportListPage(list, total, page, pageSize, text, sort);
    }

    /// <summary>The years the user has reports of, newest first: what the year filter offers.</summary>
    public Task<List<int>> YearsAsync(UserContext user, CancellationToken ct = default) =>
        db.VisibleReports(user).Select(r => r.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);

    /// <summary>Years with an approved report the user sees, newest first: one distinct query, not the reports themselves.</summary>
    public Task<List<int>> ApprovedYearsAsync(UserContext user, CancellationToken ct = default) =>
        db.VisibleReports(user).Where(r => r.Status == ReportStatus.Approved).Select(r => r.Year).Distinct()
            .OrderByDescending(y => y).ToListAsync(ct);

    /// <summary>The units the user covers, by name: what the unit filter offers.</summary>
    public Task<List<(Guid Id, string Name)>> UnitsAsync(UserContext user, CancellationToken ct = default) => db.VisibleUnitsAsync(user, ct);

    private IQueryable<Report> Matching(IQueryable<Report> reports, string text)
    {
        var pattern = "%" + EscapeLike(text) + "%";
        if (db.Database.IsNpgsql())
            // pg_trgm's GIN indexes answer ILIKE for three characters or more; PostgreSQL scans for fewer.
            return reports.Where(r => EF.Functions.ILike(r.Title, pattern, "\\") || EF.Functions.ILike(r.Body, pattern, "\\"));
        if (text.EnumerateRunes().Count() < IndexedQueryLength)
            return reports.Where(r => EF.Functions.Like(r.Title, pattern, "\\") || EF.Functions.Like(r.Body, pattern, "\\"));
        // One FTS5 string: every character literal (quotes doubled), so "*", NEAR, AND, parentheses search as themselves.
        var match = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var ids = db.Database.SqlQuery<Guid>($"""
            SELECT k."ReportId" AS "Value" FROM "ReportSearch" JOIN "ReportSearchKeys" k ON k."RowId" = "ReportSearch".rowid
            WHERE "ReportSearch" MATCH {match}
            """);
        return reports.Where(r => ids.Contains(r.Id));
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>
    /// "The step's deadline has passed" as SQL: per route version and review step, entered before the first day that is not
    /// overdue today (<see cref="StepDeadline.FirstEntryDayNotOverdue"/>, the rule the reminders and the step bar use).
    /// </summary>
    private static Expression<Func<Report, bool>> OverdueExpression(IEnumerable<RouteDefinition> routes, DateOnly today, WorkingCalendar calendar)
    {
        var r = Expression.Parameter(typeof(Report), "r");
        Expression body = Expression.Constant(false);
        foreach (var route in routes)
            foreach (var step in route.Steps)
            {
                var first = StepDeadline.FirstEntryDayNotOverdue(step.TimeLimitWorkingDays, today, calendar);
                var cutoff = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), ChinaTime.Zone.GetUtcOffset(first.ToDateTime(TimeOnly.MinValue)));
                var (version, status) = (route.Version, step.Status);
                Expression<Func<Report, bool>> late = x => x.RouteVersion == version && x.Status == status && x.StatusSince < cutoff;
                body = Expression.OrElse(body, new Rebind(late.Parameters[0], r).Visit(late.Body));
            }
        return Expression.Lambda<Func<Report, bool>>(body, r);
    }

    private static Expression<Func<Report, bool>> Not(Expression<Func<Report, bool>> predicate) =>
        Expression.Lambda<Func<Report, bool>>(Expression.Not(predicate.Body), predicate.Parameters);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    private static IQueryable<Row> Sorted(IQueryable<Row> rows, ReportSort sort) => sort switch
    {
        ReportSort.Relevance => rows.OrderByDescending(r => r.TitleHit).ThenByDescending(r => r.UpdatedAt).ThenBy(r => r.Id),
        ReportSort.Unit => rows.OrderBy(r => r.UnitName).ThenByDescending(r => r.Year).ThenBy(r => r.Id),
        ReportSort.Updated => rows.OrderByDescending(r => r.UpdatedAt).ThenBy(r => r.Id),
        // Longest waiting first within a status.
        ReportSort.Status => rows.OrderBy(r => r.StatusRank).ThenBy(r => r.StatusSince).ThenBy(r => r.Id),
        _ => rows.OrderByDescending(r => r.Year).ThenBy(r => r.UnitName).ThenBy(r => r.Id),
    };

    /// <summary>
    /// Who holds each row's step, by name: the users of the step's role covering the report's unit (the drafters while it is
    /// a draft or returned), read in one query for the page; the role's name when nobody holds it; empty once approved.
    /// </summary>
    private async Task<Dictionary<Guid, string>> HoldersAsync(List<Row> rows, List<RouteDefinition> routes, CancellationToken ct)
    {
        var unitIds = rows.Select(r => r.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var wanted = rows.Select(r =>
        {
            var atDrafter = r.Status == ReportStatus.Draft || r.Status == ReportStatus.Returned;
            var step = atDrafter ? null : routes.FirstOrDefault(v => v.Version == r.RouteVersion)?.StepFor(r.Status);
            var role = atDrafter ? RoleNames.Drafter : step?.Role;
            var holderUnit = role is null || !units.TryGetValue(r.UnitId, out var unit) ? null
                : step is not null ? step.Decider.UnitFor(unit) : RoleUnitRule.CoveringUnit(unit, role);
            return (r.Id, Role: role, HolderUnit: holderUnit);
        }).ToList();
        var holderUnits = wanted.Where(w => w.HolderUnit is not null).Select(w => w.HolderUnit!.Value).Distinct().ToList();
        var roles = wanted.Where(w => w.Role is not null).Select(w => w.Role!).Distinct().ToList();
        var members = holderUnits.Count == 0 ? [] : await (from u in db.Users.AsNoTracking()
                                                           where u.UnitId != null && holderUnits.Contains(u.UnitId.Value)
                                                           join ur in db.UserRoles on u.Id equals ur.UserId
                                                           join role in db.Roles on ur.RoleId equals role.Id
                                                           where roles.Contains(role.Name!)
                                                           orderby u.UserName
                                                           select new { u.UnitId, Role = role.Name!, u.DisplayName, u.UserName }).ToListAsync(ct);
        return wanted.ToDictionary(w => w.Id, w =>
        {
            if (w.Role is null) return "";
            var names = members.Where(m => m.UnitId == w.HolderUnit && m.Role == w.Role)
                .Select(m => AppUser.ShownNameOf(m.DisplayName, m.UserName)).Distinct().ToList();
            return names.Count > 0 ? string.Join("、", names) : RoleNames.Label(w.Role);
        });
    }

    private async Task<Dictionary<Guid, Highlight>> SnippetsAsync(List<Guid> ids, string text, CancellationToken ct)
    {
        var bodies = await db.Reports.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Body }).ToListAsync(ct);
        var snippets = new Dictionary<Guid, Highlight>();
        foreach (var b in bodies)
            if (Highlight.Around(b.Body, text, SnippetContext) is { } snippet) snippets[b.Id] = snippet;
        return snippets;
    }

    /// <summary>A row as SQL returns it, before holders and deadlines are added.</summary>
    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Title { get; init; } = "";
        public int Year { get; init; }
        public Guid UnitId { get; init; }
        public string UnitName { get; init; } = "";
        public ReportStatus Status { get; init; }
        public DateTimeOffset StatusSince { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public int Revision { get; init; }
        public int RouteVersion { get; init; }
        public bool TitleHit { get; init; }
        public int StatusRank { get; init; }
    }
}

/// <summary>How 全部报告 is ordered.</summary>
public enum ReportSort
{
    /// <summary>Newest year first, then by unit: the default without a search.</summary>
    Year,
    Unit,
    /// <summary>Most recently changed first.</summary>
    Updated,
    /// <summary>In route order, longest waiting first.</summary>
    Status,
    /// <summary>Title matches first, then most recently changed: the default with a search.</summary>
    Relevance,
}

/// <summary>The filters, search, order and page of 全部报告; null means "any".</summary>
public sealed record ReportQuery(string? Text = null, int? Year = null, Guid? UnitId = null, ReportStatus? Status = null,
    bool? Overdue = null, string? Sort = null, int Page = 1, int? PageSize = ReportListPage.DefaultPageSize, bool LastPageWhenPast = false)
{
    public static readonly IReadOnlyDictionary<string, ReportSort> Sorts = new Dictionary<string, ReportSort>(StringComparer.OrdinalIgnoreCase)
    {
        ["year"] = ReportSort.Year, ["unit"] = ReportSort.Unit, ["updated"] = ReportSort.Updated, ["status"] = ReportSort.Status,
        ["relevance"] = ReportSort.Relevance,
    };

    /// <summary>The query as searched: without control characters, trimmed, at most <see cref="ReportFinder.MaxQueryLength"/> characters, null when blank.</summary>
    public static string? Normalize(string? text)
    {
        // Control characters (a NUL, which PostgreSQL refuses in text) are never part of a report's words.
        var trimmed = text is null ? null : new string(text.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length <= ReportFinder.MaxQueryLength) return trimmed;
        // Never cut a character in half.
        var length = char.IsHighSurrogate(trimmed[ReportFinder.MaxQueryLength - 1]) ? ReportFinder.MaxQueryLength - 1 : ReportFinder.MaxQueryLength;
        return trimmed[..length].TrimEnd();
    }

    public static ReportSort ParseSort(string? sort, string? text)
    {
        if (string.IsNullOrWhiteSpace(sort)) return Normalize(text) is null ? ReportSort.Year : ReportSort.Relevance;
        return Sorts.TryGetValue(sort.Trim(), out var parsed) ? parsed
            : throw new WorkflowRuleException(RuleViolation.Invalid, "sort-invalid", "排序方式无效，可选：year、unit、updated、status、relevance。", "sort");
    }
}

/// <summary>One page of 全部报告: its rows, how many match in all, which page (from 1) of what size, the query as searched.</summary>
public sealed record ReportListPage(IReadOnlyList<ReportListRow> Rows, int Total, int Page, int PageSize, string? Text, ReportSort Sort)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>At least 1, so an empty list still reads "第 1/1 页".</summary>
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>A row of 全部报告: the report, who holds its step, its deadline on a review step, and where the search matched.</summary>
public sealed record ReportListRow(Guid Id, string Title, int Year, Guid UnitId, string UnitName, ReportStatus Status,
    DateTimeOffset StatusSince, DateTimeOffset UpdatedAt, int Revision, int RouteVersion, string Holders, StepDeadline? Deadline,
    Highlight? TitleMatch, Highlight? Snippet)
{
    public bool Overdue => Deadline?.Urgency == DeadlineUrgency.Overdue;
}

/// <summary>A piece of text cut into plain and matched parts; the page marks the matched ones, the API gets escaped HTML.</summary>
public sealed record Highlight(IReadOnlyList<HighlightPart> Parts)
{
    /// <summary><paramref name="text"/> with every occurrence of <paramref name="query"/> (ignoring case) marked; null when none.</summary>
    public static Highlight? Of(string text, string query)
    {
        var parts = Split(text, query);
        return parts.Any(p => p.Match) ? new Highlight(parts) : null;
    }

    /// <summary>The first occurrence of <paramref name="query"/> with <paramref name="context"/> characters either side, "…" where cut.</summary>
    public static Highlight? Around(string text, string query, int context)
    {
        var at = text.IndexOf(query, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        var start = SafeIndex(text, Math.Max(0, at - context));
        var end = SafeIndex(text, Math.Min(text.Length, at + query.Length + context));
        var window = text[start..end].ReplaceLineEndings(" ");
        var parts = Split(window, query).ToList();
        if (start > 0) parts.Insert(0, new HighlightPart("…", false));
        if (end < text.Length) parts.Add(new HighlightPart("…", false));
        return new Highlight(parts);
    }

    /// <summary>The text as HTML: every part escaped, the matched ones in &lt;mark&gt;.</summary>
    public string Html
    {
        get
        {
            var html = new StringBuilder();
            foreach (var part in Parts)
                html.Append(part.Match ? $"<mark>{WebUtility.HtmlEncode(part.Text)}</mark>" : WebUtility.HtmlEncode(part.Text));
            return html.ToString();
        }
    }

    private static List<HighlightPart> Split(string text, string query)
    {
        var parts = new List<HighlightPart>();
        var from = 0;
        while (from < text.Length && text.IndexOf(query, from, StringComparison.OrdinalIgnoreCase) is var at and >= 0)
        {
            if (at > from) parts.Add(new HighlightPart(text[from..at], false));
            parts.Add(new HighlightPart(text.Substring(at, query.Length), true));
            from = at + query.Length;
        }
        if (from < text.Length) parts.Add(new HighlightPart(text[from..], false));
        return parts;
    }

    // A cut between the halves of a surrogate pair would leave half a character: move it past the pair.
    private static int SafeIndex(string text, int index) =>
        index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) ? index + 1 : index;
}

/// <summary>A part of a <see cref="Highlight"/>: plain text, or text the search matched.</summary>
public sealed record HighlightPart(string Text, bool Match);
