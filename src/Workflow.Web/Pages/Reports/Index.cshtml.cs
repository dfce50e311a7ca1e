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

    public async Task OnGetAsync(CancellationToken ct) => Rows = await reports.ListAsync(await me.GetAsync(ct), Status, ct);
}
