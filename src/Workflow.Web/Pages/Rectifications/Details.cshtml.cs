using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Rectification;
using Workflow.Host.Rectification;

namespace Workflow.Web.Pages.Rectifications;

/// <summary>One item: its facts, the actions the user may take, evidence files and the journal.</summary>
[AcceptsUpload(UploadKind.Evidence)]
[Microsoft.AspNetCore.Http.Timeouts.RequestTimeout(WebExtensions.TransferTimeoutPolicy)]
public sealed class DetailsModel(CurrentUser me, RectificationLedger ledger, RectificationCommands commands, RectificationEvidence evidence,
    Workflow.Host.Inbox.TodoService todo, RecurringProblems recurring) : AppPageModel
{
    /// <summary>问题反弹: the unit's items of earlier years this one resembles.</summary>
    public IReadOnlyList<SimilarItem> Similar { get; private set; } = [];

    /// <summary>The open item's deadline with the working days left or overdue, as its 待办 row shows it.</summary>
    public Workflow.Activities.Reminders.StepDeadline? Due { get; private set; }

    /// <summary>The editable facts, as the edit form posts them.</summary>
    public sealed class InputModel
    {
        public string? Category { get; set; }
        public string? Problem { get; set; }
        public string? Measures { get; set; }
        public string? ResponsibleLeader { get; set; }
        public string? ResponsibleDepartment { get; set; }
        public string? OwnerUserName { get; set; }
        public DateOnly? Deadline { get; set; }
        public string? Progress { get; set; }
    }

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public DateOnly? Deadline { get; set; }
    [BindProperty] public DateOnly? NextReviewOn { get; set; }
    [BindProperty] public IFormFile? EvidenceFile { get; set; }

    public RectificationItem Item { get; private set; } = null!;
    public LedgerRow Row { get; private set; } = null!;
    public IReadOnlyList<RectificationCommand> Allowed { get; private set; } = [];

    /// <summary>The signed-in user, to offer 删除 on the evidence files he may take back.</summary>
    public Activities.Reports.Actor? Actor { get; private set; }
    public List<UnitMember> Members { get; private set; } = [];
    public long MaxEvidenceBytes { get; private set; }

    /// <summary>The command whose form failed, so its panel opens with the message next to its fields.</summary>
    public RectificationCommand? Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await TryAsync(() => LoadAsync(fillInput: true, ct)) ?? Page();

    // One handler per command (the form posts ?handler=<command>), each calling its intent method.
    public Task<IActionResult> OnPostStartAsync(CancellationToken ct) =>
        RunAsync(RectificationCommand.Start, user => commands.StartAsync(user, Id, ct), ct);

    public Task<IActionResult> OnPostRequestClosureAsync(CancellationToken ct) =>
        RunAsync(RectificationCommand.RequestClosure, user => commands.RequestClosureAsync(user, Id, Comment, ct), ct);

    public Task<IActionResult> OnPostApproveClosureAsync(CancellationToken ct) =>
        RunAsync(RectificationCommand.ApproveClosure, user => commands.ApproveClosureAsync(user, Id, Comment, ct), ct);

    public Task<IActionResult> OnPostRejectClosureAsync(CancellationToken ct) =>
        RunAsync(RectificationCommand.RejectClosure, user => commands.RejectClosureAsync(user, Id, Comment, ct), ct);

    public Task<IActionResult> OnPostMarkLongTermAsync(CancellationToken ct) =>
        RunAsync(RectificationCommand.MarkLongTerm, user => commands.MarkLongTermAsync(user, Id, Comment, NextReviewOn, ct), ct);

    public Task<IActionResult> OnPostReopenAsync(CancellationToken ct) =>
        RunAsync(RectificationCommand.Reopen, user => commands.ReopenAsync(user, Id, Comment, ct), ct);

    public Task<IActionResult> OnPostRequestExtensionAsync(CancellationToken ct) =>
        RunAsync(RectificationCommand.RequestExtension, user => commands.RequestExtensionAsync(user, Id, Deadline, Comment, ct), ct);

    public Task<IActionResult> OnPostApproveExtensionAsync(CancellationToken ct) =>
        RunAsync(RectificationCommand.ApproveExtension, user => commands.ApproveExtensionAsync(user, Id, Comment, ct), ct);

    public Task<IActionResult> OnPostRejectExtensionAsync(CancellationToken ct) =>
        RunAsync(RectificationCommand.RejectExtension, user => commands.RejectExtensionAsync(user, Id, Comment, ct), ct);

    public Task<IActionResult> OnPostUpdateAsync(CancellationToken ct) =>
        AfterAsync(RectificationCommand.Update, async () =>
        {
            var i = Input;
            await commands.UpdateAsync(await me.GetAsync(ct), Id, new ItemInput(i.Category, i.Problem, i.Measures, i.ResponsibleLeader,
                i.ResponsibleDepartment, i.OwnerUserName, i.Deadline), i.Progress, ct);
        }, "已保存。", ct, "Input.");

    public Task<IActionResult> OnPostEvidenceAsync(CancellationToken ct) =>
        AfterAsync(RectificationCommand.UploadEvidence, async () =>
        {
            if (EvidenceFile is null)
                throw new Activities.Reports.WorkflowRuleException(Activities.Reports.RuleViolation.Invalid, "file-required", "请选择要上传的文件。", "file");
            await using var stream = EvidenceFile.OpenReadStream();
            await evidence.AddEvidenceAsync(await me.GetAsync(ct), Id, EvidenceFile.FileName, stream, ct);
        }, "佐证材料已上传。", ct, "Evidence");

    public Task<IActionResult> OnPostRemoveEvidenceAsync(Guid fileId, CancellationToken ct) =>
        AfterAsync(RectificationCommand.UploadEvidence, async () =>
        {
            await evidence.RemoveEvidenceAsync(await me.GetAsync(ct), Id, fileId, ct);
        }, "已删除佐证材料。", ct, "Evidence");

    public async Task<IActionResult> OnGetEvidenceAsync(Guid fileId, [FromServices] Workflow.Host.Security.ISecurityAudit audit, CancellationToken ct)
    {
        IActionResult? result = null;
        var refused = await TryAsync(async () =>
        {
            var (file, content) = await evidence.OpenEvidenceAsync(await me.GetAsync(ct), Id, fileId, ct);
            await audit.RecordAsync(Workflow.Host.Security.SecurityEvent.EvidenceDownloaded(Id, file.Id, file.FileName), ct);
            result = File(content, file.ContentType, file.FileName);
        });
        return refused ?? result ?? NotFound();
    }

    private Task<IActionResult> RunAsync(RectificationCommand command, Func<Workflow.Host.Identity.UserContext, Task> run, CancellationToken ct) =>
        AfterAsync(command, async () => await run(await me.GetAsync(ct)), "已" + command.Label() + "。", ct);

    private async Task<IActionResult> AfterAsync(RectificationCommand command, Func<Task> action, string done, CancellationToken ct, string prefix = "")
    {
        var refused = await TryAsync(action, prefix);
        if (refused is not null) return refused;
        if (ModelState.IsValid)
        {
            Flash(done);
            return Redirect($"/Rectifications/Details/{Id}");
        }
        Failed = command;
        return await TryAsync(() => LoadAsync(fillInput: command != RectificationCommand.Update, ct)) ?? Page();
    }

    private async Task LoadAsync(bool fillInput, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        Item = await ledger.GetAsync(user, Id, ct);
        Actor = user.ActorAt(Item.UnitId);
        Row = await ledger.RowAsync(Item, user, ct);
        Allowed = Row.Allowed;
        MaxEvidenceBytes = evidence.MaxEvidenceBytes;
        Due = await todo.ItemDeadlineAsync(Item, ct);
        Similar = await recurring.SimilarToAsync(user, Item, ct);
        if (Allowed.Contains(RectificationCommand.Update)) Members = await ledger.MembersAsync(user, Item.UnitId, ct);
        if (!fillInput) return;
        Input = new InputModel
        {
            Category = Item.Category, Problem = Item.Problem, Measures = Item.Measures, ResponsibleLeader = Item.ResponsibleLeader,
            ResponsibleDepartment = Item.ResponsibleDepartment, OwnerUserName = Row.OwnerUserName, Deadline = Item.Deadline, Progress = Item.Progress,
        };
    }

    /// <summary>The first error recorded for <paramref name="key"/>, for the message next to a field.</summary>
    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
