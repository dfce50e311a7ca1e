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

    /// <summary>The findings on the saved text, linked to the numbered preview's paragraphs.</summary>
    public ChecksView Checks { get; private set; } = ChecksView.ForEditor([]);

    /// <summary>The reviewer's comment of the latest return, shown beside the text while the drafter works on it.</summary>
    public ReportJournalEntry? LatestReturn { get; private set; }

    /// <summary>The text in the textarea as numbered paragraphs (blank lines count, as the checks count them); index 0 is the title.</summary>
    public IReadOnlyList<string> NumberedParagraphs =>
        Workflow.Activities.Reports.Checks.ReportChecker.Paragraphs(Input.Title ?? "", Input.Body ?? "");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Report? report = null;
        var refused = await TryAsync(async () =>
        {
            var user = await me.GetAsync(ct);
            report = await reports.GetAsync(user, Id, ct);
            await LoadSidePanelAsync(user, report, ct);
        });
        if (refused is not null) return refused;
        Input = new InputModel { Title = report!.Title, Body = report.Body };
        return Page();
    }

    // Beside the text: the saved revision's findings and the latest return comment.
    private async Task LoadSidePanelAsync(Workflow.Host.Identity.UserContext user, Report report, CancellationToken ct)
    {
        Revision = report.Revision;
        Checks = ChecksView.ForEditor(reports.FindingsOf(report, ct));
        LatestReturn = (await reports.JournalAsync(user, Id, ct)).LastOrDefault(j => j.Action == ReportAction.Returned);
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
            var user = await me.GetAsync(ct);
            await LoadSidePanelAsync(user, await reports.GetAsync(user, Id, ct), ct);
            return Page();
        }
        Flash($"已保存为第{Revision}版。");
        return Redirect($"/Reports/Details/{Id}");
    }
}
