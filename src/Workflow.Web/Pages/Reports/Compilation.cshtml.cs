using Microsoft.AspNetCore.Mvc;
using Workflow.Activities;
using Workflow.Host.Documents;
using Workflow.Host.Reports;

namespace Workflow.Web.Pages.Reports;

/// <summary>The committee picks approved reports of a year and downloads them as one 汇编 .docx.</summary>
[Microsoft.AspNetCore.Http.Timeouts.RequestTimeout(WebExtensions.TransferTimeoutPolicy)]
public sealed class CompilationModel(CurrentUser me, ReportService reports, TimeProvider clock) : AppPageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public List<Guid> Ids { get; set; } = [];

    public List<ReportSummary> Available { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!User.IsInRole(RoleNames.Committee)) return Forbid();
        Year ??= clock.GetUtcNow().AddMonths(-1).Year;
        return await TryAsync(async () => Available = await reports.CompilableAsync(await me.GetAsync(ct), Year.Value, ct)) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!User.IsInRole(RoleNames.Committee)) return Forbid();
        WordFile? file = null;
        var user = await me.GetAsync(ct);
        var refused = await TryAsync(async () => file = await reports.CompileAsync(user, Year ?? 0, Ids, ct));
        if (refused is not null) return refused;
        if (file is not null) return File(file.Content, ReportDocx.ContentType, file.FileName);
        Available = await reports.CompilableAsync(user, Year ?? 0, ct);
        return Page();
    }
}
