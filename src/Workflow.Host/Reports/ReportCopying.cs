using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Messages;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Messages;

namespace Workflow.Host.Reports;

/// <summary>A user a report may be copied to: his id, name and unit.</summary>
public sealed record CopyCandidate(string Id, string Name, string UnitName);

/// <summary>One copy of a report as the report page shows it: to whom, by whom, when, at which journal row.</summary>
public sealed record CopyView(string UserId, string UserName, string CopiedByName, DateTimeOffset At, int JournalSequence);

/// <summary>A report copied to me (抄送我的): the report, who copied it and when.</summary>
public sealed record CopiedRow(Guid ReportId, string Title, int Year, string UnitName, ReportStatus Status, string CopiedByName, DateTimeOffset At,
    string Link);

/// <summary>
/// 抄送/知会: at a submission or decision the actor copies named users who may read the report anyway — the users of its unit,
/// of its inspection team and of its supervising committee. Each gets read access to that report and a 知会 message.
/// </summary>
public sealed class ReportCopying(AppDbContext db, UserMessages messages, IAppLinks links)
{
    /// <summary>At most this many people per copy.</summary>
    public const int MaxRecipients = 20;

    /// <summary>The active users of the report's unit, its inspection team and its committee, but not <paramref name="exceptUserId"/>.</summary>
    public async Task<List<CopyCandidate>> CandidatesAsync(Guid unitId, string exceptUserId, CancellationToken ct = default)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return [];
        Guid?[] homes = [unit.Id, unit.InspectionTeamId, unit.SupervisorId];
        var found = await (from u in db.Users.AsNoTracking()
                           where u.UnitId != null && homes.Contains(u.UnitId) && u.DisabledAt == null && u.Id != exceptUserId
                           join x in db.Units on u.UnitId equals x.Id
                           select new { u.Id, u.DisplayName, u.UserName, UnitName = x.Name, x.Kind }).ToListAsync(ct);
        // Only people with a business role read reports: an administrator in the unit is no reader.
        var business = await (from ur in db.UserRoles
                              join r in db.Roles on ur.RoleId equals r.Id
                              where Workflow.Activities.RoleNames.Business.Contains(r.Name!)
                              select ur.UserId).Distinct().ToListAsync(ct);
        var readers = business.ToHashSet();
        return found.Where(u => readers.Contains(u.Id)).OrderBy(u => u.Kind).ThenBy(u => u.UnitName, StringComparer.Ordinal)
            .Select(u => new CopyCandidate(u.Id, Identity.AppUser.ShownNameOf(u.DisplayName, u.UserName), u.UnitName)).ToList();
    }

    /// <summary>
    /// Copies <paramref name="report"/>'s latest journal row to <paramref name="userIds"/>: refused (400, field copyTo) for an
    /// unknown id or one who may not read the report. Adds the rows and the messages; the caller saves with the decision.
    /// </summary>
    public async Task CopyAsync(Report report, Actor by, IReadOnlyList<string>? userIds, CancellationToken ct)
    {
        var ids = (userIds ?? []).Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).Distinct().ToList();
        if (ids.Count == 0) return;
        if (ids.Count > MaxRecipients)
            throw new WorkflowRuleException(RuleViolation.Invalid, "copy-too-many", $"一次最多抄送{MaxRecipients}人。", "copyTo");
        var candidates = (await CandidatesAsync(report.UnitId, by.UserId, ct)).ToDictionary(c => c.Id);
        var unknown = ids.FirstOrDefault(i => !candidates.ContainsKey(i));
        if (unknown is not null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "copy-to-unknown",
                "抄送对象不存在或无权查看该报告（只能抄送本单位、派驻纪检监察组和市直机关工委的用户）。", "copyTo");
        var entry = report.Journal[^1];
        var copiedBy = by.OnBehalfOf is { } principal ? $"{by.DisplayName}（代 {principal.DisplayName}）" : by.DisplayName;
        foreach (var id in ids)
            db.ReportCopies.Add(new ReportCopy(report.Id, entry.Sequence, id, candidates[id].Name, by.UserId, copiedBy, entry.At));
        var unit = await db.UnitNameAsync(report.UnitId, ct);
        var title = $"【知会】{unit}{report.Year}年度主体责任报告（{copiedBy}{entry.Action.Label()}时抄送）";
        var body = string.IsNullOrWhiteSpace(entry.Comment) ? null : "意见：" + entry.Comment;
        await messages.PostAsync(ids, userId => new MessageDraft($"copy:{report.Id}:{entry.Sequence}:{userId}", MessageKind.Copied, title, body,
            links.Report(report.Id)), ct);
    }

    /// <summary>Who the report was copied to, in journal order.</summary>
    public Task<List<CopyView>> OfReportAsync(Guid reportId, CancellationToken ct = default) =>
        db.ReportCopies.AsNoTracking().Where(c => c.ReportId == reportId).OrderBy(c => c.JournalSequence).ThenBy(c => c.Id)
            .Select(c => new CopyView(c.UserId, c.UserName, c.CopiedByName, c.At, c.JournalSequence)).ToListAsync(ct);

    /// <summary>抄送我的: the reports copied to the user, newest copy first, one row per report.</summary>
    public async Task<List<CopiedRow>> CopiedToAsync(UserContext user, CancellationToken ct = default)
    {
        var me = user.User.Id;
        var rows = await (from c in db.ReportCopies.AsNoTracking()
                          where c.UserId == me
                          join r in db.Reports on c.ReportId equals r.Id
                          join u in db.Units on r.UnitId equals u.Id
                          select new { c.ReportId, r.Title, r.Year, UnitName = u.Name, r.Status, c.CopiedByName, c.At, c.Id }).ToListAsync(ct);
        return rows.GroupBy(r => r.ReportId).Select(g => g.MaxBy(r => r.Id)!)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
            .Select(r => new CopiedRow(r.ReportId, r.Title, r.Year, r.UnitName, r.Status, r.CopiedByName, r.At, links.Report(r.ReportId))).ToList();
    }
}
