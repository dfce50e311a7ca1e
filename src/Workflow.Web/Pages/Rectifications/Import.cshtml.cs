using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Rectification;
using Workflow.Host.Rectification;

namespace Workflow.Web.Pages.Rectifications;

/// <summary>Imports a ledger kept in Excel: all rows or none, with the reason for every refused row.</summary>
[AcceptsUpload(UploadKind.Spreadsheet)]
[Microsoft.AspNetCore.Http.Timeouts.RequestTimeout(WebExtensions.TransferTimeoutPolicy)]
public sealed class ImportModel(CurrentUser me, RectificationIntake intake, RectificationLedger ledger) : AppPageModel
{
    [BindProperty] public Guid? UnitId { get; set; }
    [BindProperty] public RectificationSource Source { get; set; } = RectificationSource.Inspection;
    [BindProperty] public IFormFile? ImportFile { get; set; }

    public List<(Guid Id, string Name)> Units { get; private set; } = [];
    public IReadOnlyList<ImportError> Errors { get; private set; } = [];

    public SpreadsheetLimits Limits => intake.SpreadsheetLimits;

    public async Task OnGetAsync(CancellationToken ct) => Units = await ledger.UnitsAsync(await me.GetAsync(ct), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        Units = await ledger.UnitsAsync(user, ct);
        ImportResult? result = null;
        var refused = await TryAsync(async () =>
        {
            if (ImportFile is null)
                throw new Activities.Reports.WorkflowRuleException(Activities.Reports.RuleViolation.Invalid, "file-required", "请选择要导入的 .xlsx 文件。", "file");
            Limits.EnsureFileSize(ImportFile.Length);
            await using var stream = ImportFile.OpenReadStream();
            result = await intake.ImportAsync(user, UnitId, Source, stream, ct);
        });
        if (refused is not null) return refused;
        MoveErrors("File", nameof(ImportFile));
        if (result is { Succeeded: true })
        {
            Flash($"已导入{result.Imported}项整改事项。");
            return Redirect("/Rectifications");
        }
        Errors = result?.Errors ?? [];
        return Page();
    }
}
