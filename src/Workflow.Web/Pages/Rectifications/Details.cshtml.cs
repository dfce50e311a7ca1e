using Microsoft.AspNetCore.Mvc;
using Workflow.Activities.Rectification;
using Workflow.Host.Rectification;

namespace Workflow.Web.Pages.Rectifications;

/// <summary>One item: its facts, the actions the user may take, evidence files and the journal.</summary>
[AcceptsUpload(UploadKind.Evidence)]
[Microsoft.AspNetCore.Http.Timeouts.RequestTimeout(WebExtensions.TransferTimeoutPolicy)]
public sealed class DetailsModel(CurrentUser me, RectificationService service) : AppPageModel
{
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

    public async Task<IActionResult> OnPostRunAsync(string command, CancellationToken ct)
    {
        var parsed = Enum.GetValues<RectificationCommand>().FirstOrDefault(c => c.ApiName() == command);
        return await AfterAsync(parsed, () => RunAsync(parsed, ct), "已" + parsed.Label() + "。", ct);
    }

    public Task<IActionResult> OnPostUpdateAsync(CancellationToken ct) =>
        AfterAsync(RectificationCommand.Update, async () =>
        {
            var i = Input;
            await service.UpdateAsync(await me.GetAsync(ct), Id, new ItemInput(i.Category, i.Problem, i.Measures, i.ResponsibleLeader,
                i.ResponsibleDepartment, i.OwnerUserName, i.Deadline), i.Progress, ct);
        }, "已保存。", ct, "Input.");

    public Task<IActionResult> OnPostEvidenceAsync(CancellationToken ct) =>
        AfterAsync(RectificationCommand.UploadEvidence, async () =>
        {
            if (EvidenceFile is null)
                throw new Activities.Reports.WorkflowRuleException(Activities.Reports.RuleViolation.Invalid, "file-required", "请选择要上传的文件。", "file");
            await using var stream = EvidenceFile.OpenReadStream();
            await service.AddEvidenceAsync(await me.GetAsync(ct), Id, EvidenceFile.FileName, stream, ct);
        }, "佐证材料已上传。", ct, "Evidence");

    public Task<IActionResult> OnPostRemoveEvidenceAsync(Guid fileId, CancellationToken ct) =>
        AfterAsync(RectificationCommand.UploadEvidence, async () =>
        {
            await service.RemoveEvidenceAsync(await me.GetAsync(ct), Id, fileId, ct);
        }, "已删除佐证材料。", ct, "Evidence");

    public async Task<IActionResult> OnGetEvidenceAsync(Guid fileId, [FromServices] Workflow.Host.Security.ISecurityAudit audit, CancellationToken ct)
    {
        IActionResult? result = null;
        var refused = await TryAsync(async () =>
        {
            var (file, content) = await service.OpenEvidenceAsync(await me.GetAsync(ct), Id, fileId, ct);
            await audit.RecordAsync(Workflow.Host.Security.SecurityEvent.EvidenceDownloaded(Id, file.Id, file.FileName), ct);
            result = File(content, file.ContentType, file.FileName);
        });
        return refused ?? result ?? NotFound();
    }

    private async Task RunAsync(RectificationCommand command, CancellationToken ct) =>
        await service.ExecuteAsync(await me.GetAsync(ct), Id, command, new TransitionInput(Comment, Deadline, NextReviewOn), ct);

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
        Actor = user.Actor;
        Item = await service.GetAsync(user, Id, ct);
        Row = await service.RowAsync(Item, user, ct);
        Allowed = Row.Allowed;
        MaxEvidenceBytes = service.MaxEvidenceBytes;
        if (Allowed.Contains(RectificationCommand.Update)) Members = await service.MembersAsync(user, Item.UnitId, ct);
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
