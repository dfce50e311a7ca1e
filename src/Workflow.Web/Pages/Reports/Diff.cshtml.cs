using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Reports;
using Workflow.Activities.Reports.Diff;
using Workflow.Host.Reports;

namespace Workflow.Web.Pages.Reports;

/// <summary>Compares two revisions of a report, side by side or inline, sentence then character level.</summary>
public sealed class DiffModel(CurrentUser me, ReportService reports) : AppPageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    /// <summary>"side" (default) or "inline".</summary>
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    /// <summary>Hide the sentences both revisions share, for long reports with few changes (只看修改).</summary>
    [BindProperty(SupportsGet = true)]
    public bool ChangedOnly { get; set; }

    public Report Report { get; private set; } = null!;
    public List<RevisionSummary> Revisions { get; private set; } = [];
    public RevisionDiff? Diff { get; private set; }
    public bool Inline => View == "inline";

    /// <summary>The rows of the side-by-side view: every sentence, or only the changed ones.</summary>
    public IEnumerable<SentenceChange> Rows => Diff is null ? [] : Diff.Sentences.Where(s => !ChangedOnly || s.Kind != ChangeKind.Unchanged);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await TryAsync(async () =>
    {
        var user = await me.GetAsync(ct);
        Report = await reports.GetAsync(user, Id, ct);
        Revisions = await reports.RevisionsAsync(user, Id, ct);
        To ??= Report.Revision;
        From ??= await reports.RevisionAtLastReturnAsync(user, Id, ct) ?? Math.Max(1, To.Value - 1);
        Diff = await reports.DiffAsync(user, Id, From.Value, To.Value, ct);
    }) ?? Page();
}
