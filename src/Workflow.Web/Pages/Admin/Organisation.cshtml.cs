using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Reports;
using Workflow.Host.Admin;
using Workflow.Host.Rectification;
using Workflow.Web.Api;

namespace Workflow.Web.Pages.Admin;

/// <summary>组织机构导入: the template, the export of the current organisation, and the all-or-nothing import of units and users.</summary>
[AcceptsUpload(UploadKind.Spreadsheet)]
[Microsoft.AspNetCore.Http.Timeouts.RequestTimeout(WebExtensions.TransferTimeoutPolicy)]
public sealed class OrganisationModel(CurrentUser me, OrganisationService service, TimeProvider clock) : AppPageModel
{
    [BindProperty] public IFormFile? ImportFile { get; set; }

    public IReadOnlyList<OrganisationImportError> Errors { get; private set; } = [];

    /// <summary>What the last import did, shown on the page after it.</summary>
    public OrganisationImportResult? Imported { get; private set; }

    public SpreadsheetLimits Limits => service.SpreadsheetLimits;

    public void OnGet() { }

    public IActionResult OnGetTemplate() => File(service.Template(), RectificationsApi.XlsxContentType, OrganisationApi.TemplateFileName);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        File(await service.ExportAsync(ct), RectificationsApi.XlsxContentType, OrganisationApi.ExportFileName(clock));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        OrganisationImportResult? result = null;
        var refused = await TryAsync(async () =>
        {
            if (ImportFile is null)
                throw new WorkflowRuleException(RuleViolation.Invalid, "file-required", "请选择要导入的 .xlsx 文件。", "file");
            Limits.EnsureFileSize(ImportFile.Length);
            var user = await me.GetAsync(ct);
            await using var stream = ImportFile.OpenReadStream();
            result = await service.ImportAsync(user.User.UserName ?? "", stream, ct);
        });
        if (refused is not null) return refused;
        MoveErrors("File", nameof(ImportFile));
        if (result is { Succeeded: true }) Imported = result;
        else if (result is not null)
        {
            Errors = result.Errors;
            ModelState.AddModelError(nameof(ImportFile), $"有{Errors.Count}处不符合要求，未导入任何单位和人员，请按下表修改后重新导入。");
        }
        return Page();
    }
}
