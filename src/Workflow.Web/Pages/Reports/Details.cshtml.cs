using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Reports;
using Workflow.Activities.Reports.Checks;
using Workflow.Activities.Reports.Diff;
using Workflow.Activities.Reports.Points;
using Workflow.Host.Reports;

namespace Workflow.Web.Pages.Reports;

/// <summary>The report page: text, status, the buttons the user may press, timeline, revisions and route diagram.</summary>
public sealed class DetailsModel(CurrentUser me, ReportService reports, Workflow.Host.Rectification.RectificationLedger rectifications,
    Workflow.Host.Inbox.TodoService todo, Workflow.Host.Data.AppDbContext db) : AppPageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public bool RestartFromFirstStep { get; set; }

    /// <summary>Rectification requirements (审核意见), one per line, sent with an approval or a return.</summary>
    [BindProperty]
    public string? Requirements { get; set; }

    public bool CanExtractProblems { get; private set; }

    /// <summary>Rectification items found in or required on this report.</summary>
    public List<Workflow.Host.Rectification.LedgerRow> Items { get; private set; } = [];

    public Report Report { get; private set; } = null!;
    public string UnitName { get; private set; } = "";
    public IReadOnlyList<ReportCommand> Allowed { get; private set; } = [];
    public List<ReportJournalEntry> Journal { get; private set; } = [];
    public List<RevisionSummary> Revisions { get; private set; } = [];
    public string Diagram { get; private set; } = "";

    /// <summary>The step bar: where the report stands on its route, who holds it, since when, and the step's deadline.</summary>
    public StepBar Progress { get; private set; } = null!;
    public string? ReturnError { get; private set; }
    public IReadOnlyList<CheckFinding> Findings { get; private set; } = [];

    /// <summary>The findings grouped by kind, each linked to its place in the rendered text, and the text with its paragraph anchors.</summary>
    public ChecksView Checks { get; private set; } = null!;

    /// <summary>Set by 仍要提交 on the confirmation step: submit although the checks found errors.</summary>
    [BindProperty]
    public bool ConfirmSubmit { get; set; }

    /// <summary>A submit with 必须修改 findings stopped here: the page asks to confirm, naming the count.</summary>
    public bool ConfirmingSubmit { get; private set; }

    /// <summary>For the reviewer of a report that came back: what changed since it was returned.</summary>
    public RevisionDiff? SinceReturn { get; private set; }

    /// <summary>The return's numbered points (逐条意见) as typed, one field each; empty ones are dropped.</summary>
    [BindProperty]
    public List<string?> Points { get; set; } = [];

    /// <summary>The drafter's answer per open point: Changed (已修改) or Explained (说明), with its note (read by <see cref="ReadPointForm"/>).</summary>
    public Dictionary<int, PointAnswerKind?> AnswerKinds { get; } = [];

    public Dictionary<int, string?> AnswerNotes { get; } = [];

    /// <summary>Links of answers to changed sentences, each "point:sentence index" into <see cref="PointsView.Changed"/>.</summary>
    [BindProperty]
    public List<string> AnswerLinks { get; set; } = [];

    /// <summary>The reviewer's verdict per answered point he raised (read by <see cref="ReadPointForm"/>).</summary>
    public Dictionary<int, PointVerdict?> Verdicts { get; } = [];

    /// <summary>The points of this report with answers and verdicts, and what this user may do with them.</summary>
    public PointsView PointsPanel { get; private set; } = PointsView.Empty;

    /// <summary>A return comment that enumerates points was split: the reviewer checks the proposed points before returning.</summary>
    public bool SplitProposed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await TryAsync(() => LoadAsync(ct)) ?? Page();

    /// <summary>The latest text (or <paramref name="revision"/>) as a Word file in the official layout.</summary>
    public async Task<IActionResult> OnGetDocxAsync(int? revision, CancellationToken ct)
    {
        Workflow.Host.Reports.WordFile? file = null;
        var refused = await TryAsync(async () => file = await reports.ExportAsync(await me.GetAsync(ct), Id, revision, ct));
        if (refused is not null) return refused;
        if (file is null) return await TryAsync(() => LoadAsync(ct)) ?? Page();
        return File(file.Content, Workflow.Host.Documents.ReportDocx.ContentType, file.FileName);
    }

    /// <summary>The 审批单 as PDF: every decision with its opinion, person, role and time.</summary>
    public async Task<IActionResult> OnGetApprovalSheetAsync(CancellationToken ct)
    {
        Workflow.Host.Reports.PdfFile? file = null;
        var refused = await TryAsync(async () => file = await reports.ApprovalSheetAsync(await me.GetAsync(ct), Id, ct));
        if (refused is not null) return refused;
        if (file is null) return await TryAsync(() => LoadAsync(ct)) ?? Page();
        return File(file.Content, Workflow.Host.Documents.ApprovalSheetPdf.ContentType, file.FileName);
    }

    // With 必须修改 findings the first press only asks (server-rendered, so it works without script); 仍要提交 submits.
    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        ReadPointForm();
        if (!ConfirmSubmit)
        {
            var refused = await TryAsync(() => LoadAsync(ct));
            if (refused is not null) return refused;
            if (ModelState.IsValid && Checks is { Errors: > 0 } && Allowed.Contains(ReportCommand.Submit))
            {
                ConfirmingSubmit = true;
                return Page();
            }
        }
        return await RunAsync(async user => await reports.SubmitWithAnswersAsync(user, Id, await AnswersAsync(user, ct), ct),
            "报告已提交。", returning: false, ct);
    }

    // The answers as the form carries them; a link names a sentence by its place in the list the page showed.
    private async Task<IReadOnlyList<PointAnswerInput>> AnswersAsync(Workflow.Host.Identity.UserContext user, CancellationToken ct)
    {
        var changed = PointDialogue.ChangedSentences(await reports.DiffSinceOpenPointsAsync(user, Id, ct));
        var links = AnswerLinks.Select(l => l.Split(':')).Where(l => l.Length == 2 && int.TryParse(l[0], out _) && int.TryParse(l[1], out var i) && i >= 0 && i < changed.Count)
            .ToLookup(l => int.Parse(l[0]), l => changed[int.Parse(l[1])]);
        return AnswerKinds.Keys.Union(AnswerNotes.Keys).Select(n => new PointAnswerInput(n, AnswerKinds.GetValueOrDefault(n),
            AnswerNotes.GetValueOrDefault(n), links[n].ToList())).ToList();
    }

    // Fields named "AnswerKinds[3]": read by hand, since a malformed number must not become a binding error of the whole form.
    private void ReadPointForm()
    {
        if (!Request.HasFormContentType) return;
        foreach (var (key, value) in Request.Form)
        {
            if (Numbered(key, "AnswerKinds") is { } a) AnswerKinds[a] = Enum.TryParse<PointAnswerKind>(value, out var kind) ? kind : null;
            else if (Numbered(key, "AnswerNotes") is { } n) AnswerNotes[n] = value.ToString();
            else if (Numbered(key, "Verdicts") is { } v) Verdicts[v] = Enum.TryParse<PointVerdict>(value, out var verdict) ? verdict : null;
        }
    }

    private static int? Numbered(string key, string name) =>
        key.Length > name.Length + 2 && key.StartsWith(name + "[", StringComparison.Ordinal) && key.EndsWith(']') &&
        int.TryParse(key.AsSpan(name.Length + 1, key.Length - name.Length - 2), out var n) ? n : null;

    private IReadOnlyList<PointVerdictInput> VerdictInputs() =>
        Verdicts.Where(v => v.Value is not null).Select(v => new PointVerdictInput(v.Key, v.Value)).ToList();

    public Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct) =>
        RunAsync(user => reports.WithdrawAsync(user, Id, ct), "报告已撤回为草稿。", returning: false, ct);

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct)
    {
        ReadPointForm();
        return RunAsync(user => reports.ApproveWithVerdictsAsync(user, Id, Comment, VerdictInputs(), RequirementLines(), ct), "已审核通过。",
            returning: false, ct);
    }

    // A comment that enumerates points (1./（一）/一是…) and no points typed: the page proposes the split for the reviewer to check
    // first. A comment that lists nothing stays a plain comment, as before points existed.
    public async Task<IActionResult> OnPostReturnAsync(CancellationToken ct)
    {
        ReadPointForm();
        var typed = Points.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        if (typed.Count == 0 && !string.IsNullOrWhiteSpace(Comment))
        {
            PointSplit? split = null;
            var refused = await TryAsync(() => Task.FromResult(split = ReturnPointSplitter.Split(Comment)));
            if (refused is not null) return refused;
            if (split is { Points.Count: > 1 })
            {
                Points = [.. split.Points];
                Comment = split.Preamble;
                SplitProposed = true;
                ModelState.Clear();
                return await TryAsync(() => LoadAsync(ct)) ?? Page();
            }
        }
        return await RunAsync(user => reports.ReturnWithPointsAsync(user, Id, Comment, typed, false, VerdictInputs(), RestartFromFirstStep,
            RequirementLines(), ct), "报告已退回起草人。", returning: true, ct);
    }

    // A step along the route; a refused return shows its comment error next to the return form.
    private async Task<IActionResult> RunAsync(Func<Workflow.Host.Identity.UserContext, Task<Report>> step, string done, bool returning,
        CancellationToken ct)
    {
        var refused = await TryAsync(async () => await step(await me.GetAsync(ct)));
        if (refused is not null) return refused;
        if (ModelState.IsValid)
        {
            Flash(done);
            return Redirect($"/Reports/Details/{Id}");
        }
        if (returning && (ModelState.TryGetValue("Comment", out var entry) || ModelState.TryGetValue("Points", out entry)) && entry.Errors.Count > 0)
        {
            ReturnError = entry.Errors[0].ErrorMessage;
            ModelState.Remove("Comment");
            ModelState.Remove("Points");
        }
        return await TryAsync(() => LoadAsync(ct)) ?? Page();
    }

    private IReadOnlyList<string> RequirementLines() =>
        (Requirements ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        CanExtractProblems = Workflow.Activities.Rectification.RectificationFiling.MayCreate(user.Actor);
        Report = await reports.GetAsync(user, Id, ct);
        UnitName = await reports.UnitNameAsync(Report.UnitId, ct);
        Allowed = Report.AllowedCommands(user.Actor);
        Journal = await reports.JournalAsync(user, Id, ct);
        Revisions = await reports.RevisionsAsync(user, Id, ct);
        Diagram = Display.RouteDiagram(Report.Route, Report.Status);
        Findings = reports.FindingsOf(Report, ct);
        Checks = ChecksView.ForReport(Findings, Report.Title, Report.Body);
        if (Allowed.Contains(ReportCommand.Approve) && await reports.RevisionAtLastReturnAsync(user, Id, ct) is { } returnedAt)
            SinceReturn = await reports.DiffAsync(user, Id, returnedAt, Report.Revision, ct);
        Progress = await StepBarAsync(Report, ct);
        PointsPanel = PointsView.For(await reports.PointsAsync(user, Id, ct), user.Actor, Allowed,
            PointDialogue.ChangedSentences(await reports.DiffSinceOpenPointsAsync(user, Id, ct)), ModelState);
        Items = await rectifications.LedgerAsync(user, new Workflow.Host.Rectification.LedgerFilter(Sort: "code", ReportId: Id), ct);
    }

    // Who holds the current step: the users of its role covering the report's unit, as the reminders find them; the deadline as the 待办 shows it.
    private async Task<StepBar> StepBarAsync(Report report, CancellationToken ct)
    {
        var role = report.Status switch
        {
            ReportStatus.Draft or ReportStatus.Returned => Workflow.Activities.RoleNames.Drafter,
            _ => report.CurrentStep?.Role,
        };
        var holders = role is null ? [] :
            (await Workflow.Host.Reminders.Recipients.CoveringAsync(db, report.UnitId, role, ct)).Select(p => p.Name).ToList();
        return StepBar.Of(report, holders, await todo.ReportDeadlineAsync(report, ct));
    }
}
