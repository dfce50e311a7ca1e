using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflow.Activities.Reports;
using Workflow.Host;
using Workflow.Host.Documents;
using Workflow.Host.Reports;

namespace Workflow.Web.Pages.Reports;

/// <summary>The drafter edits a draft or a returned report; each saved change is a new revision.</summary>
[AcceptsUpload(UploadKind.ReportFile)]
[Microsoft.AspNetCore.Http.Timeouts.RequestTimeout(WebExtensions.TransferTimeoutPolicy)]
public sealed class EditModel(CurrentUser me, ReportService reports, IOptions<LimitsOptions> limits) : AppPageModel
{
    public sealed class InputModel
    {
        public string? Title { get; set; }
        public string? Body { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>An optional .docx or .txt whose text replaces the body.</summary>
    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The largest upload, as the hint beside the file field shows it.</summary>
    public string MaxFileSize => LimitsOptions.Megabytes(limits.Value.MaxReportFileBytes);

    public int Revision { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Report? report = null;
        var refused = await TryAsync(async () => report = await reports.GetAsync(await me.GetAsync(ct), Id, ct));
        if (refused is not null) return refused;
        Input = new InputModel { Title = report!.Title, Body = report.Body };
        Revision = report.Revision;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var refused = await TryAsync(async () =>
        {
            var user = await me.GetAsync(ct);
            // Who may change the report is settled before a byte of the upload is read.
            if (Upload is not null) await reports.EnsureMayEditAsync(user, Id, ct);
            (Input.Title, Input.Body) = await ReportUpload.ApplyAsync(Upload, Input.Title, Input.Body, limits.Value, ct);
            var report = await reports.EditAsync(user, Id, Input.Title ?? "", Input.Body ?? "", ct);
            Revision = report.Revision;
        }, "Input.");
        if (refused is not null) return refused;
        if (!ModelState.IsValid)
        {
            Revision = (await reports.GetAsync(await me.GetAsync(ct), Id, ct)).Revision;
            return Page();
        }
        Flash($"已保存为第{Revision}版。");
        return Redirect($"/Reports/Details/{Id}");
    }
}
