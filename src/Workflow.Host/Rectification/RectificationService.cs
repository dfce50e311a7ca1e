using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Activities;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Reminders;

namespace Workflow.Host.Rectification;

/// <summary>What a user types for an item; the owner is named by user name (or, in imports, display name).</summary>
public sealed record ItemInput(string? Category, string? Problem, string? Measures, string? ResponsibleLeader,
    string? ResponsibleDepartment, string? OwnerUserName, DateOnly? Deadline);

/// <summary>The optional parts of a transition: a comment or reason, a new deadline (extension), a review date (long-term).</summary>
public sealed record TransitionInput(string? Comment = null, DateOnly? Deadline = null, DateOnly? NextReviewOn = null);

/// <summary>
/// Use cases of the rectification ledger, scoped like reports: an item of a unit the user does not cover is "not found".
/// Each change is one SaveChanges holding the item and its new journal row.
/// </summary>
public sealed class RectificationService(AppDbContext db, TimeProvider clock, EvidenceIntake store, IOptions<LimitsOptions> limits,
    ILogger<RectificationService> logger)
{
    private static WorkflowRuleException NotFound() =>
        new(RuleViolation.NotFound, "rectification-not-found", "整改事项不存在或您无权查看。");

    public DateOnly Today => ChinaTime.Today(clock);

    public long MaxEvidenceBytes => store.MaxBytes;

    public async Task<List<LedgerRow>> LedgerAsync(UserContext user, LedgerFilter filter, CancellationToken ct = default)
    {
        var query = Visible(user).AsNoTracking();
        if (filter.UnitId is { } unitId) query = query.Where(i => i.UnitId == unitId);
        if (filter.Status is { } status) query = query.Where(i => i.Status == status);
        if (filter.Source is { } source) query = query.Where(i => i.Source == source);
        if (filter.ReportId is { } reportId) query = query.Where(i => i.ReportId == reportId);
        if (!string.IsNullOrEmpty(filter.OwnerId)) query = query.Where(i => i.OwnerId == filter.OwnerId);
        if (filter.LongTerm is { } longTerm) query = query.Where(i => (i.Status == RectificationStatus.LongTerm) == longTerm);
        var today = Today;
        if (filter.Overdue is { } overdue)
            query = overdue
                ? query.Where(i => i.Deadline < today && i.Status != RectificationStatus.Closed && i.Status != RectificationStatus.LongTerm)
                : query.Where(i => !(i.Deadline < today && i.Status != RectificationStatus.Closed && i.Status != RectificationStatus.LongTerm));
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
        var owners = await Visible(user).Where(i => i.OwnerId != null).Select(i => new { i.OwnerId, i.OwnerName }).Distinct().ToListAsync(ct);
        return owners.Select(o => (o.OwnerId!, o.OwnerName ?? "")).Distinct().OrderBy(o => o.Item2).ToList();
    }

    /// <summary>A decision someone else waits for: a closure or an extension to accept or reject.</summary>
    public static bool IsDecision(RectificationCommand command) => command is RectificationCommand.ApproveClosure
        or RectificationCommand.RejectClosure or RectificationCommand.ApproveExtension or RectificationCommand.RejectExtension;

    /// <summary>How many items wait for the user's decision (for the 待办 page).</summary>
    public async Task<int> AwaitingCountAsync(UserContext user, CancellationToken ct = default)
    {
        var units = user.VisibleUnitIds.ToList();
        var candidates = await db.RectificationItems.AsNoTracking()
            .Where(i => units.Contains(i.UnitId) && (i.Status == RectificationStatus.ClosureRequested || i.ExtensionRequestedTo != null))
            .ToListAsync(ct);
        return candidates.Count(i => Enum.GetValues<RectificationCommand>().Where(IsDecision).Any(c => i.Can(c, user.Actor)));
    }

    public async Task<LedgerRow> RowAsync(RectificationItem item, UserContext user, CancellationToken ct = default) =>
        (await RowsAsync([item], user, ct))[0];

    private async Task<List<LedgerRow>> RowsAsync(IReadOnlyList<RectificationItem> items, UserContext user, CancellationToken ct)
    {
        var unitIds = items.Select(i => i.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var ownerIds = items.Where(i => i.OwnerId != null).Select(i => i.OwnerId!).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName, ct);
        var today = Today;
        return items.Select(i => new LedgerRow(i.Id, i.Code, i.UnitId, units.GetValueOrDefault(i.UnitId, ""), i.Source, i.Category, i.Problem,
            i.Measures, i.ResponsibleLeader, i.ResponsibleDepartment, i.OwnerId, i.OwnerName,
            i.OwnerId is null ? null : owners.GetValueOrDefault(i.OwnerId), i.Deadline, i.OriginalDeadline, i.Status, i.ReworkCount,
            i.ClosedAt, i.Light(today), i.IsOverdue(today), i.ExtensionRequestedTo, i.Progress, i.LongTermReason, i.NextReviewOn,
            i.ReportId, i.AllowedCommands(user.Actor))).ToList();
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
        TrafficLight.Green => 2,
        _ => 3,
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

    public async Task<RectificationItem> GetAsync(UserContext user, Guid id, CancellationToken ct = default) =>
        await Visible(user).AsNoTracking().Include(i => i.Evidence).Include(i => i.Journal)
            .AsSplitQuery().FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw NotFound();

    public async Task<string> UnitNameAsync(Guid unitId, CancellationToken ct = default) =>
        await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).FirstAsync(ct);

    /// <summary>The users of a unit the caller covers: whom an item can be assigned to.</summary>
    public async Task<List<UnitMember>> MembersAsync(UserContext user, Guid unitId, CancellationToken ct = default)
    {
        if (!user.CanSee(unitId)) throw NotFound();
        return await db.Users.AsNoTracking().Where(u => u.UnitId == unitId).OrderBy(u => u.UserName)
            .Select(u => new UnitMember(u.Id, u.UserName!, u.DisplayName)).ToListAsync(ct);
    }

    /// <summary>Agencies the caller covers, for unit pickers.</summary>
    public async Task<List<(Guid Id, string Name)>> UnitsAsync(UserContext user, CancellationToken ct = default)
    {
        var ids = user.VisibleUnitIds.ToList();
        var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.Name).ToListAsync(ct);
        return units.Select(u => (u.Id, u.Name)).ToList();
    }

    public async Task<RectificationItem> CreateAsync(UserContext user, Guid? unitId, RectificationSource source, ItemInput input,
        CancellationToken ct = default)
    {
        RectificationFiling.EnsureMayCreate(user.Actor);
        var unit = await ResolveUnitAsync(user, unitId, ct);
        var reviewerRole = RectificationFiling.ReviewerRoleFor(user.Actor, source);
        var owner = await ResolveOwnerAsync(unit.Id, input.OwnerUserName, ct);
        return (await SaveNewAsync(numbering =>
        [
            RectificationItem.Create(unit.Id, unit.Code, Today.Year, numbering(unit.Id, Today.Year), source, Fields(input, owner), user.Actor,
                clock.GetUtcNow(), reviewerRole: reviewerRole),
        ], ct))[0];
    }

    public Task<RectificationItem> UpdateAsync(UserContext user, Guid id, ItemInput input, string? progress, CancellationToken ct = default) =>
        ChangeAsync(user, id, async item =>
        {
            var owner = await ResolveOwnerAsync(item.UnitId, input.OwnerUserName, ct);
            item.Update(user.Actor, Fields(input, owner), progress, clock.GetUtcNow());
        }, ct);

    public Task<RectificationItem> ExecuteAsync(UserContext user, Guid id, RectificationCommand command, TransitionInput input,
        CancellationToken ct = default) =>
        ChangeAsync(user, id, item =>
        {
            var now = clock.GetUtcNow();
            switch (command)
            {
                case RectificationCommand.Start: item.Start(user.Actor, now); break;
                case RectificationCommand.RequestClosure: item.RequestClosure(user.Actor, input.Comment, now); break;
                case RectificationCommand.ApproveClosure: item.ApproveClosure(user.Actor, input.Comment, now); break;
                case RectificationCommand.RejectClosure: item.RejectClosure(user.Actor, input.Comment, now); break;
                case RectificationCommand.MarkLongTerm: item.MarkLongTerm(user.Actor, input.Comment, input.NextReviewOn, Today, now); break;
                case RectificationCommand.Reopen: item.Reopen(user.Actor, input.Comment, now); break;
                case RectificationCommand.RequestExtension: item.RequestExtension(user.Actor, input.Deadline, input.Comment, now); break;
                case RectificationCommand.ApproveExtension: item.ApproveExtension(user.Actor, input.Comment, now); break;
                case RectificationCommand.RejectExtension: item.RejectExtension(user.Actor, input.Comment, now); break;
                default: throw new ArgumentOutOfRangeException(nameof(command), command, "Use UpdateAsync or AddEvidenceAsync.");
            }
            return Task.CompletedTask;
        }, ct);

    /// <summary>Stores the file by its hash (checked for size and type first), then records it on the item.</summary>
    public async Task<EvidenceFile> AddEvidenceAsync(UserContext user, Guid id, string fileName, Stream content, CancellationToken ct = default)
    {
        var item = await Visible(user).Include(i => i.Evidence).FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw NotFound();
        // Refuse before the bytes are written: a user who may not upload, or a bad name, leaves nothing on disk.
        item.EnsureAllowed(RectificationCommand.UploadEvidence, user.Actor);
        EvidenceFile.CheckName(fileName);
        var stored = await store.SaveAsync(content, ct);
        var file = item.AddEvidence(user.Actor, fileName, stored.ContentType, stored.Size, stored.Sha256, clock.GetUtcNow());
        await SaveAsync(ct);
        return file;
    }

    /// <summary>
    /// Takes back an evidence file (its uploader, while evidence may still be added). The stored bytes stay: they are
    /// addressed by hash and may belong to another item's evidence too.
    /// </summary>
    public async Task<EvidenceFile> RemoveEvidenceAsync(UserContext user, Guid id, Guid fileId, CancellationToken ct = default)
    {
        var item = await Visible(user).Include(i => i.Evidence).FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw NotFound();
        var file = item.RemoveEvidence(user.Actor, fileId, clock.GetUtcNow());
        // The relationship is Restrict (evidence is never cascaded away with an item), so the row is deleted by name.
        db.EvidenceFiles.Remove(file);
        await SaveAsync(ct);
        return file;
    }

    public async Task<(EvidenceFile File, Stream Content)> OpenEvidenceAsync(UserContext user, Guid id, Guid fileId, CancellationToken ct = default)
    {
        var item = await GetAsync(user, id, ct);
        var file = item.Evidence.FirstOrDefault(e => e.Id == fileId)
                   ?? throw new WorkflowRuleException(RuleViolation.NotFound, "evidence-not-found", "佐证材料不存在。");
        var content = await store.TryOpenAsync(file.Sha256, ct);
        if (content is not null) return (file, content);
        // The row outlived its bytes (a restored database without its evidence folder, another node's local folder): say so, no 500.
        logger.LogWarning("Evidence {FileId} of item {ItemId} has no stored bytes ({Sha256}).", file.Id, item.Id, file.Sha256);
        throw new WorkflowRuleException(RuleViolation.NotFound, "evidence-missing", "这份佐证材料的文件已丢失，请联系系统管理员。");
    }

    /// <summary>Proposes one item per problem listed in the report; nothing is stored until the user confirms.</summary>
    public async Task<IReadOnlyList<ProblemProposal>> ProposeAsync(UserContext user, Guid reportId, CancellationToken ct = default)
    {
        var report = await VisibleReport(user).AsNoTracking().FirstOrDefaultAsync(r => r.Id == reportId, ct) ?? throw ReportNotFound();
        return ProblemExtractor.Extract(report.Body, ct);
    }

    /// <summary>Creates the items the user confirmed from a report's problems (source 年度报告自查).</summary>
    public async Task<List<RectificationItem>> CreateFromReportAsync(UserContext user, Guid reportId, IReadOnlyList<ItemInput> confirmed,
        CancellationToken ct = default)
    {
        RectificationFiling.EnsureMayCreate(user.Actor);
        var report = await VisibleReport(user).AsNoTracking().FirstOrDefaultAsync(r => r.Id == reportId, ct) ?? throw ReportNotFound();
        if (confirmed.Count == 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "nothing-selected", "请至少选择一个问题。", "items");
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == report.UnitId, ct);
        var owners = new List<(string Id, string Name)?>();
        foreach (var input in confirmed) owners.Add(await ResolveOwnerAsync(unit.Id, input.OwnerUserName, ct));
        return await SaveNewAsync(numbering => confirmed.Select((input, k) => RectificationItem.Create(unit.Id, unit.Code, report.Year,
            numbering(unit.Id, report.Year), RectificationSource.SelfInspection, Fields(input, owners[k]), user.Actor, clock.GetUtcNow(),
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

    public async Task<List<UnitSummary>> SummaryAsync(UserContext user, CancellationToken ct = default)
    {
        var today = Today;
        var items = await Visible(user).AsNoTracking()
            .Select(i => new { i.UnitId, i.Status, i.Deadline, i.ReworkCount }).ToListAsync(ct);
        var units = await UnitsAsync(user, ct);
        return units.Select(u =>
        {
            var mine = items.Where(i => i.UnitId == u.Id).ToList();
            return new UnitSummary(u.Id, u.Name, mine.Count, mine.Count(i => i.Status == RectificationStatus.Closed),
                mine.Count(i => i.Status is not (RectificationStatus.Closed or RectificationStatus.LongTerm) && i.Deadline < today),
                mine.Count(i => i.ReworkCount > 0), mine.Count(i => i.Status == RectificationStatus.LongTerm));
        }).ToList();
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
        var reviewerRole = RectificationFiling.ReviewerRoleFor(user.Actor, source);
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
                owner = (match[0].Id, string.IsNullOrEmpty(match[0].DisplayName) ? match[0].UserName! : match[0].DisplayName);
            }
            var fields = new RectificationFields(null, row.Problem, row.Measures, row.Leader, row.Department, owner?.Id, owner?.Name, row.Deadline);
            try
            {
                // Validate with the domain's own rules before anything is stored.
                RectificationItem.Create(unit.Id, unit.Code, year, ++numberingProbe, source, fields, user.Actor, clock.GetUtcNow(),
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
            numbering(unit.Id, year), source, d.Fields, user.Actor, clock.GetUtcNow(), reviewerRole: reviewerRole)).ToList(), ct);
        return new ImportResult(created.Count, []);
    }

    public async Task<byte[]> ExportAsync(UserContext user, LedgerFilter filter, CancellationToken ct = default) =>
        LedgerSpreadsheet.Write(await LedgerAsync(user, filter, ct));

    private async Task<Activities.Organization.Unit> ResolveUnitAsync(UserContext user, Guid? unitId, CancellationToken ct)
    {
        var id = unitId ?? (user.User.UnitId is { } own && user.CanSee(own) ? own : (Guid?)null);
        if (id is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "unit-required", "请选择整改事项所属单位。", "unitId");
        if (!user.CanSee(id.Value)) throw new WorkflowRuleException(RuleViolation.NotFound, "unit-not-found", "单位不存在或您无权查看。", "unitId");
        return await db.Units.AsNoTracking().FirstAsync(u => u.Id == id.Value, ct);
    }

    private async Task<(string Id, string Name)?> ResolveOwnerAsync(Guid unitId, string? owner, CancellationToken ct)
    {
        var name = UserText.Check(owner, "ownerUserName")?.Trim();
        if (string.IsNullOrEmpty(name)) return null;
        var user = await db.Users.AsNoTracking()
            .Where(u => u.UnitId == unitId && u.UserName == name)
            .Select(u => new { u.Id, u.UserName, u.DisplayName }).FirstOrDefaultAsync(ct);
        if (user is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "owner-not-in-unit", $"责任人“{name}”不是本单位的用户。", "ownerUserName");
        return (user.Id, string.IsNullOrEmpty(user.DisplayName) ? user.UserName! : user.DisplayName);
    }

    private static RectificationFields Fields(ItemInput input, (string Id, string Name)? owner) =>
        new(input.Category, input.Problem, input.Measures, input.ResponsibleLeader, input.ResponsibleDepartment, owner?.Id, owner?.Name,
            input.Deadline);

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

    private IQueryable<RectificationItem> Visible(UserContext user)
    {
        var units = user.VisibleUnitIds.ToList();
        return db.RectificationItems.Where(i => units.Contains(i.UnitId));
    }

    private IQueryable<Report> VisibleReport(UserContext user)
    {
        var units = user.VisibleUnitIds.ToList();
        return db.Reports.Where(r => units.Contains(r.UnitId));
    }

    private static WorkflowRuleException ReportNotFound() => new(RuleViolation.NotFound, "report-not-found", "报告不存在或您无权查看。");

    private async Task<RectificationItem> ChangeAsync(UserContext user, Guid id, Func<RectificationItem, Task> change, CancellationToken ct)
    {
        var item = await Visible(user).Include(i => i.Evidence).FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw NotFound();
        await change(item);
        await SaveAsync(ct);
        return item;
    }

    private Task SaveAsync(CancellationToken ct) => db.SaveOrConflictAsync("整改事项刚刚已被他人处理，请刷新页面后重试。", ct);
}
