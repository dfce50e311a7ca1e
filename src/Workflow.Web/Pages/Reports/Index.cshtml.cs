using Microsoft.AspNetCore.Mvc;
using Workflow.Activities;
using Workflow.Activities.Reports;
using Workflow.Host.Reports;

namespace Workflow.Web.Pages.Reports;

/// <summary>我的报告 / 全部报告: every report of the units I cover, filtered by status.</summary>
public sealed class IndexModel(CurrentUser me, ReportService reports) : AppPageModel
{
    [BindProperty(SupportsGet = true)]
    public ReportStatus? Status { get; set; }

    public List<ReportSummary> Rows { get; private set; } = [];

    public string Heading => User.IsInRole(RoleNames.Drafter) ? "我的报告" : "全部报告";

    /// <summary>The year whose approved reports' 审批单 are downloaded together.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>Years with an approved report the user sees, newest first: what the 审批单 download offers.</summary>
    public IReadOnlyList<int> ApprovedYears { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>One PDF with the 审批单 of every approved report of <see cref="Year"/> in the units I see.</summary>
    public async Task<IActionResult> OnGetApprovalSheetsAsync(CancellationToken ct)
    {
        PdfFile? file = null;
        if (Year is null) ModelState.AddModelError(nameof(Year), "请选择年度。");
        else await TryAsync(async () => file = await reports.ApprovalSheetsAsync(await me.GetAsync(ct), Year.Value, ct));
        if (file is not null) return File(file.Content, Workflow.Host.Documents.ApprovalSheetPdf.ContentType, file.FileName);
        // A refusal without a field (no font on the server) is shown beside the year too: it is the only input here.
        MoveErrors("", nameof(Year));
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        Rows = await reports.ListAsync(user, Status, ct);
        ApprovedYears = (await reports.ListAsync(user, ReportStatus.Approved, ct)).Select(r => r.Year).Distinct()
            .OrderDescending().ToList();
    }
}
