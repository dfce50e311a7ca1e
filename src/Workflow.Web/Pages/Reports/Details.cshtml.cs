using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Reports;
using Workflow.Activities.Reports.Checks;
using Workflow.Activities.Reports.Diff;
using Workflow.Activities.Reports.Points;
using Workflow.Host.Reports;

namespace Workflow.Web.Pages.Reports;

/// <summary>The 抄送 picker of one decision form: its id prefix, whom the user may copy, who is ticked, the refusal if any.</summary>
public sealed record CopyPicker(string Prefix, IReadOnlyList<CopyCandidate> Candidates, IReadOnlyList<string> Selected, string? Error);

/// <summary>The 常用语 picker of one decision form: its id prefix, the comment box it fills, the phrases offered.</summary>
public sealed record PhrasePicker(string Prefix, string Target, IReadOnlyList<Workflow.Host.Phrases.OfferedPhrase> Phrases);

/// <summary>The report page: text, status, the buttons the user may press, timeline, revisions and route diagram.</summary>
public sealed class DetailsModel(CurrentUser me, ReportService reports, Workflow.Host.Rectification.RectificationLedger rectifications,
    Workflow.Host.Inbox.TodoService todo, Workflow.Host.Identity.CurrentDirectory directory, Workflow.Host.Reminders.RecipientsCache recipients, Workflow.Host.Data.AppDbContext db, Workflow.Host.Phrases.PhraseBook phraseBook,
    Workflow.Host.Cycles.ReportUrges urges) : AppPageModel
{
    /// <summary>常用语 offered in the approve and return forms (loaded only when the user decides).</summary>
    public List<Workflow.Host.Phrases.OfferedPhrase> Phrases { get; private set; } = [];

    public PhrasePicker ApprovePhrases => new("approve", "approve-comment", Phrases);
    public PhrasePicker ReturnPhrases => new("return", "return-comment", Phrases);

    /// <summary>催办: may the user press it, who urged the current step today, the report's 催办记录.</summary>
    public Workflow.Host.Cycles.ReportUrges.State Urge { get; private set; } = new(false, null, []);

    /// <summary>A refused 催办 (already urged, nobody to urge…), shown beside the button.</summary>
    public string? UrgeError { get; private set; }

    public async Task<IActionResult> OnPostUrgeAsync(CancellationToken ct)
    {
        Workflow.Host.Cycles.UrgeResult? done = null;
        var refused = await TryAsync(async () => done = await urges.UrgeAsync(await me.GetAsync(ct), Id, ct));
        if (refused is not null) return refused;
        if (done is not null)
        {
            Flash($"已催办：{done.Urge.Recipients}。");
            return Redirect($"/Reports/Details/{Id}");
        }
        UrgeError = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault();
        ModelState.Clear();
        return await TryAsync(() => LoadAsync(ct)) ?? Page();
    }

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

    /// <summary>抄送: the users ticked in the decision form.</summary>
    [BindProperty]
    public List<string> CopyTo { get; set; } = [];

    /// <summary>Whom the user may copy with his step (the report's readers but himself).</summary>
    public List<CopyCandidate> CopyCandidates { get; private set; } = [];

    /// <summary>Who the report was copied to, by whom, when, at which journal row.</summary>
    public List<CopyView> Copies { get; private set; } = [];

    /// <summary>A refused copy (unknown or out-of-scope user), shown beside the pickers.</summary>
    public string? CopyError { get; private set; }

    /// <summary>委托: the reviewer the user decides this report for ("代 X 审核"); null when it is his own step.</summary>
    public string? ActingFor { get; private set; }

    public CopyPicker SubmitPicker => PickerFor("submit");
    public CopyPicker ApprovePicker => PickerFor("approve");
    public CopyPicker ReturnPicker => PickerFor("return");

    private CopyPicker PickerFor(string prefix) => new(prefix, CopyCandidates, CopyTo, CopyError);

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

    /// <summary>转办: the colleague chosen in the transfer form.</summary>
    [BindProperty]
    public string? ToUserId { get; set; }

    /// <summary>加签: the person chosen in the add-reviewer form.</summary>
    [BindProperty]
    public string? UserId { get; set; }

    /// <summary>加签: 前加签 (Before) or 后加签 (After).</summary>
    [BindProperty]
    public AddPosition? Position { get; set; }

    /// <summary>Who the user may transfer the step to (转办), when he may.</summary>
    public List<TaskCandidate> TransferCandidates { get; private set; } = [];

    /// <summary>Who the user may add to the step (加签), when he may.</summary>
    public List<TaskCandidate> ReviewerCandidates { get; private set; } = [];

    /// <summary>The 会签/转办/加签 tasks of the current step's round, and the ones it waits for now.</summary>
    public IReadOnlyList<ReviewTask> RoundTasks { get; private set; } = [];

    public IReadOnlyList<ReviewTask> WaitingTasks { get; private set; } = [];

    /// <summary>A 会签 member who approved while the step waits for the others: he sees so instead of the buttons.</summary>
    public bool ApprovedWaitingForOthers { get; private set; }

    /// <summary>The refused task form ("transfer" or "addReviewer"), kept open with its messages beside the fields.</summary>
    public string? TaskForm { get; private set; }

    /// <summary>The refusals of the task form by field: Comment, ToUserId, UserId, Position.</summary>
    public Dictionary<string, string> TaskErrors { get; } = [];

    /// <summary>The state of a task as the page names it: 待审核, 加签中 (his own 前加签 reviews first), 已同意, 已转办 …</summary>
    public string TaskStateText(ReviewTask task) => task.State switch
    {
        ReviewTaskState.Open when WaitingTasks.Contains(task) => "待审核",
        ReviewTaskState.Open when RoundTasks.Any(a => a.IsOpen && a.Kind == ReviewTaskKind.AddedBefore && a.ByUserId == task.UserId) => "加签中",
        ReviewTaskState.Open => "待审核（等待加签人）",
        ReviewTaskState.Approved => "已同意",
        _ => task.State.Label(),
    };

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
        return await RunAsync(async user => await reports.SubmitWithAnswersAsync(user, Id, await AnswersAsync(user, ct), ct, CopyTo),
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
        return RunAsync(user => reports.ApproveWithVerdictsAsync(user, Id, Comment, VerdictInputs(), RequirementLines(), ct, CopyTo), "已审核通过。",
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
            RequirementLines(), ct, CopyTo), "报告已退回起草人。", returning: true, ct);
    }

    // 转办: a colleague and a comment are both required; refusals stay beside their fields.
    public async Task<IActionResult> OnPostTransferAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(ToUserId)) TaskErrors["ToUserId"] = "请选择转办给谁。";
        if (string.IsNullOrWhiteSpace(Comment)) TaskErrors["Comment"] = "转办时必须填写转办说明。";
        if (TaskErrors.Count > 0) return await TaskRefusedAsync("transfer", ct);
        return await RunTaskAsync("transfer", user => reports.TransferAsync(user, Id, ToUserId, Comment, ct), "已转办。", ct);
    }

    // 加签: a person and 前加签/后加签 are required; the comment is optional (for 后加签 it is the user's own approval opinion).
    public async Task<IActionResult> OnPostAddReviewerAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(UserId)) TaskErrors["UserId"] = "请选择加签人。";
        if (Position is not { } position || !Enum.IsDefined(position)) TaskErrors["Position"] = "请选择前加签或后加签。";
        if (TaskErrors.Count > 0 || Position is null) return await TaskRefusedAsync("addReviewer", ct);
        return await RunTaskAsync("addReviewer", user => reports.AddReviewerAsync(user, Id, UserId, Position.Value, Comment, ct),
            Position == AddPosition.Before ? "已前加签，加签人审核后回到您。" : "已同意并后加签，加签人同意后本环节完成。", ct);
    }

    private async Task<IActionResult> RunTaskAsync(string form, Func<Workflow.Host.Identity.UserContext, Task<Report>> step, string done,
        CancellationToken ct) =>
        await StepAsync(step, done, ct) ?? await TaskRefusedAsync(form, ct);

    // Runs one step for the signed-in user: the page to go to when it is done or refused outright; null when a field refused it.
    private async Task<IActionResult?> StepAsync(Func<Workflow.Host.Identity.UserContext, Task<Report>> step, string done, CancellationToken ct)
    {
        var ownUnit = true;
        var refused = await TryAsync(async () =>
        {
            var user = await me.GetAsync(ct);
            ownUnit = user.CanSee((await step(user)).UnitId);
        });
        if (refused is not null) return refused;
        if (!ModelState.IsValid) return null;
        Flash(done);
        // A delegate's decision (委托), a 转办 or a 加签 may end his access to the report: back to his 待办 rather than to a 404.
        return Redirect(ownUnit ? $"/Reports/Details/{Id}" : "/Inbox");
    }

    // The form's refusals move beside its fields; a refusal of no field stays in the summary at the top.
    private async Task<IActionResult> TaskRefusedAsync(string form, CancellationToken ct)
    {
        TaskForm = form;
        foreach (var key in new[] { "Comment", "ToUserId", "UserId", "Position" })
        {
            if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0) TaskErrors.TryAdd(key, entry.Errors[0].ErrorMessage);
            ModelState.Remove(key);
        }
        return await TryAsync(() => LoadAsync(ct)) ?? Page();
    }

    // A step along the route; a refused return shows its comment error next to the return form.
    private async Task<IActionResult> RunAsync(Func<Workflow.Host.Identity.UserContext, Task<Report>> step, string done, bool returning,
        CancellationToken ct)
    {
        if (await StepAsync(step, done, ct) is { } next) return next;
        if (ModelState.TryGetValue("CopyTo", out var copyEntry) && copyEntry.Errors.Count > 0)
        {
            CopyError = copyEntry.Errors[0].ErrorMessage;
            ModelState.Remove("CopyTo");
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
        Report = await reports.GetAsync(user, Id, ct);
        // A delegate or a copied reader of another unit reads the report; its ledger is not his to fill.
        CanExtractProblems = user.CanSee(Report.UnitId) && Workflow.Activities.Rectification.RectificationFiling.MayCreate(user.ActorAt(Report.UnitId));
        UnitName = await reports.UnitNameAsync(Report.UnitId, ct);
        Allowed = user.AllowedCommands(Report);
        ActingFor = Allowed.Contains(ReportCommand.Approve) || Allowed.Contains(ReportCommand.Return)
            ? user.ActorFor(Report, Allowed.Contains(ReportCommand.Approve) ? ReportCommand.Approve : ReportCommand.Return)?.OnBehalfOf?.DisplayName
            : null;
        Journal = await reports.JournalAsync(user, Id, ct);
        Copies = await reports.CopiesAsync(user, Id, ct);
        if (Allowed.Any(c => c is ReportCommand.Submit or ReportCommand.Approve or ReportCommand.Return))
            CopyCandidates = await reports.CopyCandidatesAsync(user, Report, ct);
        Revisions = await reports.RevisionsAsync(user, Id, ct);
        Diagram = Display.RouteDiagram(Report.Route, Report.Status);
        Findings = reports.FindingsOf(Report, ct);
        Checks = ChecksView.ForReport(Findings, Report.Title, Report.Body);
        if (Allowed.Contains(ReportCommand.Approve) && await reports.RevisionAtLastReturnAsync(user, Id, ct) is { } returnedAt)
            SinceReturn = await reports.DiffAsync(user, Id, returnedAt, Report.Revision, ct);
        Progress = await StepBarAsync(Report, ct);
        RoundTasks = Report.TasksOfRound();
        WaitingTasks = Report.WaitingTasks();
        var mine = user.Principals.Select(p => p.Actor.UserId).Append(user.Actor.UserId).ToHashSet();
        ApprovedWaitingForOthers = !Allowed.Contains(ReportCommand.Approve) && WaitingTasks.Count > 0
            && RoundTasks.Any(t => mine.Contains(t.UserId) && t.State == ReviewTaskState.Approved && t.Kind == ReviewTaskKind.Member);
        if (Allowed.Contains(ReportCommand.Transfer)) TransferCandidates = await reports.TransferCandidatesAsync(user, Id, ct);
        if (Allowed.Contains(ReportCommand.AddReviewer)) ReviewerCandidates = await reports.ReviewerCandidatesAsync(user, Id, ct);
        var points = await reports.PointsAsync(Report, ct);
        PointsPanel = PointsView.For(points, user.ActorAt(Report.UnitId), Allowed,
            PointDialogue.ChangedSentences(await reports.DiffSinceOpenPointsAsync(Report, points, ct)), ModelState);
        Items = await rectifications.LedgerAsync(user, new Workflow.Host.Rectification.LedgerFilter(Sort: "code", ReportId: Id), ct);
        if (Allowed.Contains(ReportCommand.Approve) || Allowed.Contains(ReportCommand.Return))
            Phrases = await phraseBook.OfferedAsync(user, ct);
        Urge = await urges.StateAsync(user, Report, ct);
    }

    // Who holds the current step: the users of its role covering the report's unit, as the reminders find them; the deadline as the 待办 shows it.
    private async Task<StepBar> StepBarAsync(Report report, CancellationToken ct)
    {
        var known = await recipients.ForAsync(directory, db, ct);
        var people = report.Status == ReportStatus.Draft || report.Status == ReportStatus.Returned
            ? known.Covering(report.UnitId, Workflow.Activities.RoleNames.Drafter).DistinctBy(p => p.UserId).ToList()
            : Workflow.Host.Reminders.ReportWaiters.For(known, report);
        var holders = people.Select(p => p.Name).ToList();
        return StepBar.Of(report, holders, await todo.ReportDeadlineAsync(report, ct));
    }
}
