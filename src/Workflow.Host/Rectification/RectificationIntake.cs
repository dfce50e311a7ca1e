using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Activities;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Activities.Calendar;

namespace Workflow.Host.Rectification;

/// <summary>
/// How items enter the ledger: typed in, confirmed from a report's problems, imported from a sheet, or required by a reviewer
/// with his decision on a report; each numbered per unit and year (KX-2025-007).
/// </summary>
public sealed class RectificationIntake(AppDbContext db, TimeProvider clock, IOptions<LimitsOptions> limits)
{
    private DateOnly Today => ChinaTime.Today(clock);

    public async Task<RectificationItem> CreateAsync(UserContext user, Guid? unitId, RectificationSource source, ItemInput input,
        CancellationToken ct = default)
    {
        RectificationFiling.EnsureMayCreate(user.Actor);
        var unit = await ResolveUnitAsync(user, unitId, ct);
        // In the roles he holds for that unit (兼职: a secretary there files as its secretary).
        var actor = user.ActorAt(unit.Id);
        var reviewerRole = RectificationFiling.ReviewerRoleFor(actor, source);
        var owner = await input.ResolveOwnerAsync(db, unit.Id, ct);
        return (await SaveNewAsync(numbering =>
        [
            RectificationItem.Create(unit.Id, unit.Code, Today.Year, numbering(unit.Id, Today.Year), source, input.Fields(owner), actor,
                clock.GetUtcNow(), reviewerRole: reviewerRole),
        ], ct))[0];
    }

    /// <summary>Proposes one item per problem listed in the report; nothing is stored until the user confirms.</summary>
    public async Task<IReadOnlyList<ProblemProposal>> ProposeAsync(UserContext user, Guid reportId, CancellationToken ct = default) =>
        (await ReadProblemsAsync(user, reportId, ct)).Proposals;

    /// <summary>The proposals with how they pair with the next steps, the measures found and the self-criticism that lists nothing.</summary>
    public async Task<ProblemExtraction> ReadProblemsAsync(UserContext user, Guid reportId, CancellationToken ct = default)
    {
        var report = await db.VisibleReports(user).AsNoTracking().FirstOrDefaultAsync(r => r.Id == reportId, ct) ?? throw UnitScope.ReportNotFound();
        return ProblemExtractor.Read(report.Body, ct);
    }

    /// <summary>Creates the items the user confirmed from a report's problems (source 年度报告自查).</summary>
    public async Task<List<RectificationItem>> CreateFromReportAsync(UserContext user, Guid reportId, IReadOnlyList<ItemInput> confirmed,
        CancellationToken ct = default)
    {
        RectificationFiling.EnsureMayCreate(user.Actor);
        var report = await db.VisibleReports(user).AsNoTracking().FirstOrDefaultAsync(r => r.Id == reportId, ct) ?? throw UnitScope.ReportNotFound();
        if (confirmed.Count == 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "nothing-selected", "请至少选择一个问题。", "items");
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == report.UnitId, ct);
        var owners = new List<(string Id, string Name)?>();
        foreach (var input in confirmed) owners.Add(await input.ResolveOwnerAsync(db, unit.Id, ct));
        return await SaveNewAsync(numbering => confirmed.Select((input, k) => RectificationItem.Create(unit.Id, unit.Code, report.Year,
            numbering(unit.Id, report.Year), RectificationSource.SelfInspection, input.Fields(owners[k]), user.ActorAt(unit.Id), clock.GetUtcNow(),
            reportId: report.Id)).ToList(), ct);
    }

    /// <summary>
    /// Adds a reviewer's requirements on a report as items of its unit, to the same unit of work as the approval or return,
    /// so both commit together.
    /// </summary>
    public async Task AddRequirementsAsync(Report report, string reviewerRole, IReadOnlyList<string> requirements, Actor reviewer,
        CancellationToken ct)
    {
        var texts = requirements.Select(r => r.Trim()).Where(r => r.Length > 0).ToList();
        if (texts.Count == 0) return;
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == report.UnitId, ct);
        var next = await MaxSequenceAsync(unit.Id, report.Year, ct);
        foreach (var text in texts)
            db.RectificationItems.Add(RectificationItem.Create(unit.Id, unit.Code, report.Year, ++next, RectificationSource.ReviewOpinion,
                new RectificationFields(null, text, null, null, null, null, null, null), reviewer, clock.GetUtcNow(), report.Id, reviewerRole));
    }

    /// <summary>The bounds of an imported ledger sheet (file size, zip directory, rows and columns).</summary>
    public SpreadsheetLimits SpreadsheetLimits => SpreadsheetLimits.From(limits.Value);

    /// <summary>
    /// Imports a ledger sheet: every row is checked first; one bad row and nothing is created. Who may import, and into which
    /// unit, is settled before the file is opened, so a user who may not import never gets it parsed.
    /// </summary>
    public async Task<ImportResult> ImportAsync(UserContext user, Guid? unitId, RectificationSource source, Stream xlsx, CancellationToken ct = default)
    {
        RectificationFiling.EnsureMayCreate(user.Actor);
        var unit = await ResolveUnitAsync(user, unitId, ct);
        // In the roles he holds for that unit (兼职: a secretary there files as its secretary).
        var actor = user.ActorAt(unit.Id);
        var reviewerRole = RectificationFiling.ReviewerRoleFor(actor, source);
        var sheet = LedgerSpreadsheet.Read(xlsx, SpreadsheetLimits);
        var errors = sheet.Errors.ToList();
        var members = await db.Users.AsNoTracking().Where(u => u.UnitId == unit.Id)
            .Select(u => new { u.Id, u.UserName, u.DisplayName }).ToListAsync(ct);
        var year = Today.Year;
        var numberingProbe = 0;
        var drafts = new List<(int Row, RectificationFields Fields)>();
        foreach (var row in sheet.Rows)
        {
            (string Id, string Name)? owner = null;
            if (!string.IsNullOrWhiteSpace(row.Owner))
            {
                var match = members.Where(m => m.DisplayName == row.Owner.Trim() || m.UserName == row.Owner.Trim()).ToList();
                if (match.Count != 1)
                {
                    errors.Add(new ImportError(row.Row, match.Count == 0
                        ? $"责任人“{LedgerSpreadsheet.Excerpt(row.Owner.Trim())}”不是{unit.Name}的用户。"
                        : $"责任人“{row.Owner.Trim()}”有重名，请填写用户名。"));
                    continue;
                }
                owner = (match[0].Id, AppUser.ShownNameOf(match[0].DisplayName, match[0].UserName));
            }
            var fields = new RectificationFields(null, row.Problem, row.Measures, row.Leader, row.Department, owner?.Id, owner?.Name, row.Deadline);
            try
            {
                // Validate with the domain's own rules before anything is stored.
                RectificationItem.Create(unit.Id, unit.Code, year, ++numberingProbe, source, fields, actor, clock.GetUtcNow(),
                    reviewerRole: reviewerRole);
                drafts.Add((row.Row, fields));
            }
            catch (WorkflowRuleException e)
            {
                errors.Add(new ImportError(row.Row, e.Message));
            }
        }
        if (errors.Count == 0 && drafts.Count == 0)
            errors.Add(new ImportError(sheet.HeaderRow + 1, "表格中没有可导入的整改事项。"));
        if (errors.Count > 0) return new ImportResult(0, errors.OrderBy(e => e.Row).ToList());
        var created = await SaveNewAsync(numbering => drafts.Select(d => RectificationItem.Create(unit.Id, unit.Code, year,
            numbering(unit.Id, year), source, d.Fields, actor, clock.GetUtcNow(), reviewerRole: reviewerRole)).ToList(), ct);
        return new ImportResult(created.Count, []);
    }

    private async Task<Activities.Organization.Unit> ResolveUnitAsync(UserContext user, Guid? unitId, CancellationToken ct)
    {
        var id = unitId ?? (user.User.UnitId is { } own && user.CanSee(own) ? own : (Guid?)null);
        if (id is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "unit-required", "请选择整改事项所属单位。", "unitId");
        if (!user.CanSee(id.Value)) throw new WorkflowRuleException(RuleViolation.NotFound, "unit-not-found", "单位不存在或您无权查看。", "unitId");
        return await db.Units.AsNoTracking().FirstAsync(u => u.Id == id.Value, ct);
    }

    private async Task<int> MaxSequenceAsync(Guid unitId, int year, CancellationToken ct) =>
        await db.RectificationItems.Where(i => i.UnitId == unitId && i.Year == year).Select(i => (int?)i.Sequence).MaxAsync(ct) ?? 0;

    /// <summary>Numbers and stores new items; if another request took the same numbers first, numbers them again.</summary>
    private async Task<List<RectificationItem>> SaveNewAsync(Func<Func<Guid, int, int>, List<RectificationItem>> build, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var next = new Dictionary<(Guid, int), int>();
            var maxima = await db.RectificationItems.AsNoTracking().GroupBy(i => new { i.UnitId, i.Year })
                .Select(g => new { g.Key.UnitId, g.Key.Year, Max = g.Max(i => i.Sequence) }).ToListAsync(ct);
            foreach (var m in maxima) next[(m.UnitId, m.Year)] = m.Max;
            var items = build((unitId, year) => next[(unitId, year)] = next.GetValueOrDefault((unitId, year)) + 1);
            db.RectificationItems.AddRange(items);
            try
            {
                await db.SaveChangesAsync(ct);
                return items;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                throw new WorkflowRuleException(RuleViolation.Conflict, "concurrent-update", "编号冲突，请稍后重试。");
            }
        }
    }
}
