using Microsoft.AspNetCore.Mvc;
using Workflow.Host.Archive;

namespace Workflow.Web.Pages.Audit;

/// <summary>存档链校验: the auditor runs the chain check over the live database; the result is shown and recorded in the audit log.</summary>
public sealed class ChainModel(ArchiveCheck check) : AppPageModel
{
    public ArchiveCheckResult? Result { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Result = await check.RunAsync(ct);
        return Page();
    }
}
