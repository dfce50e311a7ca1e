using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Calendar;
using Workflow.Activities.Reports;
using Workflow.Host.Documents;
using Workflow.Host.Identity;

namespace Workflow.Host.Reports;

/// <summary>A generated PDF file.</summary>
public sealed record PdfFile(string FileName, byte[] Content);

/// <summary>The PDF 审批单 of a report, or of every approved report of a year, from the reports' journals.</summary>
public sealed partial class ReportService
{
    // The rows a reviewer writes at a step.
    private static readonly ReportAction[] AtStep =
    [
        ReportAction.Approved, ReportAction.Returned, ReportAction.Countersigned, ReportAction.Transferred, ReportAction.ReviewerAddedBefore,
        ReportAction.ReviewerAddedAfter,
    ];

    // Created and Edited are the drafter's work on the text, not decisions; the sheet shows the route's steps, with every 会签
    // opinion, 转办 and 加签 taken at them.
    private static readonly ReportAction[] Decisions =
        [ReportAction.Submitted, ReportAction.Resubmitted, ReportAction.Withdrawn, ..AtStep];

    /// <summary>The 审批单 of report <paramref name="id"/> (another unit's report: not found).</summary>
    public async Task<PdfFile> ApprovalSheetAsync(UserContext user, Guid id, CancellationToken ct = default)
    {
        var report = await GetAsync(user, id, ct);
        var font = FontFace();
        var sheet = (await SheetsOfAsync([report], ct)).Single();
        return new PdfFile($"{FileNameOf(report.Title)}（审批单）.pdf", ApprovalSheetPdf.Write([sheet], font));
    }

    /// <summary>One 审批单 per approved report of <paramref name="year"/> in the units the user sees, in unit order, in one PDF.</summary>
    public async Task<PdfFile> ApprovalSheetsAsync(UserContext user, int year, CancellationToken ct = default)
    {
        // One query, in unit order: at most one report per unit and year, so the size is bounded by the units the user sees.
        var approved = await (from r in db.VisibleReports(user).AsNoTracking().Where(r => r.Status == ReportStatus.Approved && r.Year == year)
                              join u in db.Units on r.UnitId equals u.Id
                              orderby u.Name
                              select r).ToListAsync(ct);
        if (approved.Count == 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "approval-sheets-none", $"{year}年度还没有您可查看的已通过报告。", "year");
        var font = FontFace();
        var sheets = await SheetsOfAsync(approved, ct);
        return new PdfFile($"{year}年度主体责任情况报告审批单（{sheets.Count}份）.pdf", ApprovalSheetPdf.Write(sheets, font));
    }

    // Refused before any work: without a CJK font the PDF would show empty boxes. The operator was warned on start.
    private byte[] FontFace() => pdfFont.Face ?? throw new WorkflowRuleException(RuleViolation.Conflict, "pdf-font-missing",
        "服务器未安装中文字体，暂时无法生成审批单。请联系系统管理员安装字体（fonts-wqy-microhei）或配置 Documents:PdfFontPath。");

    private async Task<List<ApprovalSheet>> SheetsOfAsync(IReadOnlyList<Report> reports, CancellationToken ct)
    {
        var ids = reports.Select(r => r.Id).ToList();
        var unitIds = reports.Select(r => r.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var journal = (await db.ReportJournal.AsNoTracking().Where(j => ids.Contains(j.ReportId) && Decisions.Contains(j.Action))
            .ToListAsync(ct)).ToLookup(j => j.ReportId);
        var points = (await db.ReturnPoints.AsNoTracking().Where(p => ids.Contains(p.ReportId)).ToListAsync(ct)).ToLookup(p => p.ReportId);
        var printedAt = ChinaText(clock.GetUtcNow());
        return reports.Select(r => new ApprovalSheet(r.Title, units.GetValueOrDefault(r.UnitId, ""), r.Year,
            $"{r.Route.Name}（第{r.RouteVersion}版）", r.Status.Label(r.Route), printedAt,
            journal[r.Id].OrderBy(j => j.Sequence).Select(j => new ApprovalSheetRow(StepOf(r, j), j.Label(),
                Target(j) + WithPoints(string.IsNullOrWhiteSpace(j.Comment) ? (j.RestartFromFirstStep ? "（从第一步重新审核）" : "") :
                    j.Comment + (j.RestartFromFirstStep ? "（从第一步重新审核）" : ""), j, points[r.Id].ToList()),
                j.ActorShown, RoleNames.Label(j.ActorRole), ChinaText(j.At))).ToList())).ToList();
    }

    // A reviewer's decision belongs to the step it was taken at; submitting and withdrawing are the drafter's step.
    private static string StepOf(Report report, ReportJournalEntry entry) =>
        AtStep.Contains(entry.Action) && report.Route.StepFor(entry.FromStatus) is { } step
            ? step.Name
            : "起草报送";

    // Whom a 转办 or 加签 named, ahead of its comment.
    private static string Target(ReportJournalEntry entry) => entry.TargetName is not { } name ? "" : entry.Action switch
    {
        ReportAction.Transferred => $"转办给{name}。",
        ReportAction.ReviewerAddedBefore => $"前加签{name}。",
        _ => $"后加签{name}。",
    };

    private static string ChinaText(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, ChinaTime.Zone).ToString("yyyy-MM-dd HH:mm");
}
