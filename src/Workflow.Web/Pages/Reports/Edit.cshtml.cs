using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Reports;
using Workflow.Host.Reports;

namespace Workflow.Web.Pages.Reports;

/// <summary>The drafter edits a draft or a returned report; each saved change is a new revision.</summary>
[AcceptsUpload(UploadKind.ReportFile)]
[Microsoft.AspNetCore.Http.Timeouts.RequestTimeout(WebExtensions.TransferTimeoutPolicy)]
public sealed class EditModel(CurrentUser me, ReportService reports) : AppPageModel
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
            (Input.Title, Input.Body) = await ReportUpload.ApplyAsync(Upload, Input.Title, Input.Body, ct);
            var report = await reports.EditAsync(await me.GetAsync(ct), Id, Input.Title ?? "", Input.Body ?? "", ct);
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
