using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflow.Host;
using Workflow.Host.Documents;
using Workflow.Host.Reports;

namespace Workflow.Web.Pages.Reports;

/// <summary>The drafter starts the year's report of his unit.</summary>
[AcceptsUpload(UploadKind.ReportFile)]
[Microsoft.AspNetCore.Http.Timeouts.RequestTimeout(WebExtensions.TransferTimeoutPolicy)]
public sealed class CreateModel(CurrentUser me, ReportService reports, TimeProvider clock, IOptions<LimitsOptions> limits) : AppPageModel
{
    public sealed class InputModel
    {
        public int? Year { get; set; }
        public string? Title { get; set; }
        public string? Body { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>An optional .docx or .txt whose text replaces the body.</summary>
    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The largest upload, as the hint beside the file field shows it.</summary>
    public string MaxFileSize => LimitsOptions.Megabytes(limits.Value.MaxReportFileBytes);

    public void OnGet() => Input.Year ??= clock.GetUtcNow().AddMonths(-1).Year;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.Year is null) ModelState.AddModelError("Input.Year", "请填写报告年度。");
        if (!ModelState.IsValid) return Page();
        Guid id = default;
        var refused = await TryAsync(async () =>
        {
            var user = await me.GetAsync(ct);
            // Who may create is settled before a byte of the upload is read.
            if (Upload is not null) await reports.EnsureMayCreateAsync(user, Input.Year!.Value, ct);
            (Input.Title, Input.Body) = await ReportUpload.ApplyAsync(Upload, Input.Title, Input.Body, limits.Value, ct);
            var report = await reports.CreateAsync(user, Input.Title ?? "", Input.Year!.Value, Input.Body ?? "", ct);
            id = report.Id;
        }, "Input.");
        if (refused is not null) return refused;
        if (!ModelState.IsValid) return Page();
        Flash("报告已保存为草稿。");
        return Redirect($"/Reports/Details/{id}");
    }
}
