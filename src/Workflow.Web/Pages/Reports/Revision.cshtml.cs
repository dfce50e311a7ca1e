using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Reports;
using Workflow.Host.Reports;

namespace Workflow.Web.Pages.Reports;

/// <summary>Reads one old revision of a report.</summary>
public sealed class RevisionModel(CurrentUser me, ReportService reports) : AppPageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Number { get; set; }

    public ReportRevision Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await TryAsync(async () => Item = await reports.RevisionAsync(await me.GetAsync(ct), Id, Number, ct)) ?? Page();
}
