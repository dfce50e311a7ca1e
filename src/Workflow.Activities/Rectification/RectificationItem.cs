using System.Linq.Expressions;
using Stateless;
using Workflow.Activities.Reports;

namespace Workflow.Activities.Rectification;

/// <summary>The editable facts of an item: what is wrong, what will be done, by whom and when.</summary>
public sealed record RectificationFields(string? Category, string? Problem, string? Measures, string? ResponsibleLeader,
    string? ResponsibleDepartment, string? OwnerId, string? OwnerName, DateOnly? Deadline);

/// <summary>
/// One rectification item (整改事项) of the ledger, tracked to close-out (销号). The lifecycle machine is private; callers use
/// the intent methods and the Can/AllowedCommands queries. Every change appends one journal row. Unit scope is checked by the caller.
/// </summary>
public sealed class RectificationItem
{
    public const int MaxProblemLength = 2000;
    public const int MaxTextLength = 4000;
    public const int MaxNameLength = 100;

    /// <summary>Most requirements a reviewer may add with one decision; each becomes an item.</summary>
    public const int MaxRequirementsPerDecision = 30;
    public const int DueSoonDays = 7;

    private enum Trigger { Start, RequestClosure, ApproveClosure, RejectClosure, MarkLongTerm, Reopen }

    private readonly List<RectificationJournalEntry> _journal = [];
    private readonly List<EvidenceFile> _evidence = [];
    private StateMachine<RectificationStatus, Trigger>? _machine;

    private RectificationItem() { }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public int Year { get; private set; }
    public int Sequence { get; private set; }

    /// <summary>Unit prefix + year + sequence, e.g. KX-2025-007.</summary>
    public string Code { get; private set; } = "";
    public RectificationSource Source { get; private set; }

    /// <summary>The report the item was found in or required on, if any.</summary>
    public Guid? ReportId { get; private set; }

    /// <summary>For a reviewer's requirement: the role that issued it and therefore closes it.</summary>
    public string? ReviewerRole { get; private set; }

    public string Category { get; private set; } = "";
    public string Problem { get; private set; } = "";
    public string Measures { get; private set; } = "";
    public string ResponsibleLeader { get; private set; } = "";
    public string ResponsibleDepartment { get; private set; } = "";

    /// <summary>The responsible person (责任人), a user of the unit.</summary>
    public string? OwnerId { get; private set; }
    public string? OwnerName { get; private set; }

    public DateOnly? Deadline { get; private set; }

    /// <summary>The deadline before the first approved extension, kept for the record.</summary>
    public DateOnly? OriginalDeadline { get; private set; }

    public DateOnly? ExtensionRequestedTo { get; private set; }
    public string? ExtensionReason { get; private set; }

    public RectificationStatus Status { get; private set; }

    /// <summary>How many closure requests were rejected (二次整改).</summary>
    public int ReworkCount { get; private set; }

    public string? Progress { get; private set; }
    public string? LongTermReason { get; private set; }
    public DateOnly? NextReviewOn { get; private set; }
    public string? ClosureExplanation { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    public string CreatedById { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public int JournalSequence { get; private set; }

    /// <summary>Optimistic concurrency token, renewed by every change.</summary>
    public Guid ConcurrencyStamp { get; private set; }

    public IReadOnlyList<RectificationJournalEntry> Journal => _journal;
    public IReadOnlyList<EvidenceFile> Evidence => _evidence;

    /// <summary>The role that accepts or rejects closure: the reviewer's role for his requirements, else the unit's secretary.</summary>
    public string CloserRole => ReviewerRole ?? RoleNames.PartySecretary;

    public static string FormatCode(string unitCode, int year, int sequence) => $"{unitCode}-{year}-{sequence:000}";

    public static RectificationItem Create(Guid unitId, string unitCode, int year, int sequence, RectificationSource source,
        RectificationFields fields, Actor creator, DateTimeOffset at, Guid? reportId = null, string? reviewerRole = null)
    {
        SupportedYears.CheckYear(year);
        if (source == RectificationSource.ReviewOpinion && reviewerRole is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "reviewer-role-required", "审核意见须注明提出意见的审核角色。", "source");
        var item = new RectificationItem
        {
            Id = Guid.NewGuid(),
            UnitId = unitId,
            Year = year,
            Sequence = sequence,
            Code = FormatCode(unitCode, year, sequence),
            Source = source,
            ReportId = reportId,
            ReviewerRole = source == RectificationSource.ReviewOpinion ? reviewerRole : null,
            Status = RectificationStatus.NotStarted,
            CreatedById = creator.UserId,
            CreatedAt = at,
        };
        item.Apply(fields, allowDeadline: true);
        item.Append(RectificationAction.Created, creator, RectificationStatus.NotStarted, null, at);
        return item;
    }

    public bool Can(RectificationCommand command, Actor actor) => Evaluate(command, actor) is null;

    /// <summary>The commands the actor may run now, in a stable order.</summary>
    public IReadOnlyList<RectificationCommand> AllowedCommands(Actor actor) =>
        Enum.GetValues<RectificationCommand>().Where(c => Can(c, actor)).ToList();

    /// <summary>
    /// Open items count towards overdue figures and get reminders: everything but closed and long-term. Written once, as an
    /// expression EF translates to SQL; <see cref="IsOpen"/> runs the same text compiled.
    /// </summary>
    public static readonly Expression<Func<RectificationItem, bool>> OpenExpression =
        i => i.Status != RectificationStatus.Closed && i.Status != RectificationStatus.LongTerm;

    private static readonly Func<RectificationItem, bool> IsOpenCompiled = OpenExpression.Compile();

    /// <summary>Open and past its deadline on <paramref name="today"/>, as a query; an item without a deadline is never overdue.</summary>
    public static Expression<Func<RectificationItem, bool>> OverdueOn(DateOnly today)
    {
        Expression<Func<RectificationItem, bool>> late = i => i.Deadline < today;
        var open = new ParameterSwap(OpenExpression.Parameters[0], late.Parameters[0]).Visit(OpenExpression.Body);
        return Expression.Lambda<Func<RectificationItem, bool>>(Expression.AndAlso(open, late.Body), late.Parameters);
    }

    /// <summary>The in-memory form of <see cref="OverdueOn"/>.</summary>
    public bool IsOverdue(DateOnly today) => IsOpen && Deadline is { } due && due < today;

    /// <summary>See <see cref="OpenExpression"/>.</summary>
    public bool IsOpen => IsOpenCompiled(this);

    public TrafficLight Light(DateOnly today) => LightOf(Status, Deadline, OwnerId is not null, today);

    /// <summary>Open and still without an owner or a deadline: the unit's secretary has to assign it (待指定负责人和期限).</summary>
    public bool NeedsAssignment => IsOpen && (OwnerId is null || Deadline is null);

    /// <summary>
    /// 灰 closed; 红 past the deadline (with or without an owner: it is late either way); 灰 待指定 when an open item lacks an
    /// owner or a deadline (nobody is on track for it, so it is not 绿); 黄 due within 7 days; 绿 otherwise (long-term items included).
    /// </summary>
    public static TrafficLight LightOf(RectificationStatus status, DateOnly? deadline, bool hasOwner, DateOnly today)
    {
        if (status == RectificationStatus.Closed) return TrafficLight.Grey;
        if (status == RectificationStatus.LongTerm) return TrafficLight.Green;
        if (deadline < today) return TrafficLight.Red;
        if (!hasOwner || deadline is not { } due) return TrafficLight.Unassigned;
        return due.DayNumber - today.DayNumber <= DueSoonDays ? TrafficLight.Yellow : TrafficLight.Green;
    }

    /// <summary>Changes the facts and the progress note; the deadline moves only before work starts, later by extension.</summary>
    public void Update(Actor actor, RectificationFields fields, string? progress, DateTimeOffset at)
    {
        EnsureAllowed(RectificationCommand.Update, actor);
        var deadlineFree = Deadline is null || (Status == RectificationStatus.NotStarted && ExtensionRequestedTo is null);
        if (!deadlineFree && fields.Deadline != Deadline)
            throw new WorkflowRuleException(RuleViolation.Invalid, "deadline-locked", "整改已开始，完成时限不能直接修改，请申请延期。", "deadline");
        var before = Snapshot();
        Apply(fields, deadlineFree);
        Progress = Clean(progress, MaxTextLength, "progress", "整改进展");
        if (Snapshot() != before)
            Append(RectificationAction.Updated, actor, Status, null, at);
    }

    public void Start(Actor actor, DateTimeOffset at)
    {
        EnsureAllowed(RectificationCommand.Start, actor);
        Fire(Trigger.Start, RectificationAction.Started, actor, null, at);
    }

    public EvidenceFile AddEvidence(Actor actor, string fileName, string contentType, long size, string sha256, DateTimeOffset at)
    {
        EnsureAllowed(RectificationCommand.UploadEvidence, actor);
        var name = EvidenceFile.CheckName(fileName);
        var file = new EvidenceFile(Id, name, contentType, size, sha256, actor.UserId, actor.DisplayName, at);
        _evidence.Add(file);
        Append(RectificationAction.EvidenceAdded, actor, Status, name, at);
        return file;
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may take back evidence file <paramref name="file"/>: only its uploader, and only while
    /// evidence may still be added (once closure is requested, the files it rests on stay as they were).
    /// </summary>
    public bool CanRemoveEvidence(EvidenceFile file, Actor actor) => file.UploadedById == actor.UserId && Can(RectificationCommand.UploadEvidence, actor);

    /// <summary>Takes back a wrongly uploaded file; the journal keeps a row naming it.</summary>
    public EvidenceFile RemoveEvidence(Actor actor, Guid fileId, DateTimeOffset at)
    {
        var file = _evidence.FirstOrDefault(e => e.Id == fileId)
                   ?? throw new WorkflowRuleException(RuleViolation.NotFound, "evidence-not-found", "佐证材料不存在。");
        if (file.UploadedById != actor.UserId)
            throw new WorkflowRuleException(RuleViolation.Forbidden, "evidence-not-yours", "只能删除自己上传的佐证材料。");
        EnsureAllowed(RectificationCommand.UploadEvidence, actor);
        _evidence.Remove(file);
        Append(RectificationAction.EvidenceRemoved, actor, Status, file.FileName, at);
        return file;
    }

    /// <summary>Applies for close-out (销号): needs at least one evidence file or a written explanation.</summary>
    public void RequestClosure(Actor actor, string? explanation, DateTimeOffset at)
    {
        EnsureAllowed(RectificationCommand.RequestClosure, actor);
        var clean = Clean(explanation, MaxTextLength, "comment", "销号说明");
        if (_evidence.Count == 0 && clean is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "closure-needs-evidence",
                "申请销号须上传至少一份佐证材料或填写整改情况说明。", "comment");
        ClosureExplanation = clean;
        Fire(Trigger.RequestClosure, RectificationAction.ClosureRequested, actor, clean, at);
    }

    public void ApproveClosure(Actor actor, string? comment, DateTimeOffset at)
    {
        EnsureAllowed(RectificationCommand.ApproveClosure, actor);
        var clean = Clean(comment, MaxTextLength, "comment", "意见");
        Fire(Trigger.ApproveClosure, RectificationAction.ClosureApproved, actor, clean, at);
        ClosedAt = at;
    }

    /// <summary>Sends the item back to work (二次整改) with the reviewer's reason.</summary>
    public void RejectClosure(Actor actor, string? comment, DateTimeOffset at)
    {
        EnsureAllowed(RectificationCommand.RejectClosure, actor);
        var clean = Required(comment, "comment-required", "退回销号申请时必须填写意见。");
        ReworkCount++;
        // The rejected explanation stays in the journal; the item page should not present it as current.
        ClosureExplanation = null;
        Fire(Trigger.RejectClosure, RectificationAction.ClosureRejected, actor, clean, at);
    }

    /// <summary>长期坚持: the item needs lasting effort; it stays in the ledger and is reviewed again on <paramref name="nextReviewOn"/>.</summary>
    public void MarkLongTerm(Actor actor, string? reason, DateOnly? nextReviewOn, DateOnly today, DateTimeOffset at)
    {
        EnsureAllowed(RectificationCommand.MarkLongTerm, actor);
        var clean = Required(reason, "reason-required", "转为长期坚持须说明理由。");
        if (nextReviewOn is not { } review)
            throw new WorkflowRuleException(RuleViolation.Invalid, "review-date-required", "请填写下次评估日期。", "nextReviewOn");
        if (review <= today)
            throw new WorkflowRuleException(RuleViolation.Invalid, "review-date-past", "下次评估日期应晚于今天。", "nextReviewOn");
        InRange(review, "nextReviewOn");
        LongTermReason = clean;
        NextReviewOn = review;
        Fire(Trigger.MarkLongTerm, RectificationAction.MarkedLongTerm, actor, clean, at);
    }

    /// <summary>回头看: a closed item found not to hold is reopened by the discipline team or the committee.</summary>
    public void Reopen(Actor actor, string? reason, DateTimeOffset at)
    {
        EnsureAllowed(RectificationCommand.Reopen, actor);
        var clean = Required(reason, "comment-required", "重新整改须说明理由。");
        ClosedAt = null;
        ClosureExplanation = null;
        Fire(Trigger.Reopen, RectificationAction.Reopened, actor, clean, at);
    }

    public void RequestExtension(Actor actor, DateOnly? newDeadline, string? reason, DateTimeOffset at)
    {
        EnsureAllowed(RectificationCommand.RequestExtension, actor);
        var clean = Required(reason, "reason-required", "申请延期须说明理由。");
        if (newDeadline is not { } wanted)
            throw new WorkflowRuleException(RuleViolation.Invalid, "deadline-required", "请填写延期后的完成时限。", "deadline");
        InRange(wanted, "deadline");
        if (wanted <= Deadline!.Value)
            throw new WorkflowRuleException(RuleViolation.Invalid, "deadline-not-later", $"延期后的完成时限应晚于原时限{Deadline:yyyy-MM-dd}。", "deadline");
        ExtensionRequestedTo = wanted;
        ExtensionReason = clean;
        Append(RectificationAction.ExtensionRequested, actor, Status, $"申请延期至{wanted:yyyy-MM-dd}：{clean}", at);
    }

    public void ApproveExtension(Actor actor, string? comment, DateTimeOffset at)
    {
        EnsureAllowed(RectificationCommand.ApproveExtension, actor);
        var clean = Clean(comment, MaxTextLength, "comment", "意见");
        OriginalDeadline ??= Deadline;
        Deadline = ExtensionRequestedTo;
        ExtensionRequestedTo = null;
        ExtensionReason = null;
        Append(RectificationAction.ExtensionApproved, actor, Status, $"完成时限调整为{Deadline:yyyy-MM-dd}" + (clean is null ? "" : "：" + clean), at);
    }

    public void RejectExtension(Actor actor, string? comment, DateTimeOffset at)
    {
        EnsureAllowed(RectificationCommand.RejectExtension, actor);
        var clean = Required(comment, "comment-required", "不同意延期时必须填写意见。");
        ExtensionRequestedTo = null;
        ExtensionReason = null;
        Append(RectificationAction.ExtensionRejected, actor, Status, clean, at);
    }

    /// <summary>Throws the refusal when <paramref name="actor"/> may not run <paramref name="command"/> now.</summary>
    public void EnsureAllowed(RectificationCommand command, Actor actor)
    {
        var refusal = Evaluate(command, actor);
        if (refusal is not null) throw refusal;
    }

    private bool IsWorker(Actor actor) => actor.IsIn(RoleNames.Drafter) || (OwnerId is not null && actor.UserId == OwnerId);

    private WorkflowRuleException? Evaluate(RectificationCommand command, Actor actor)
    {
        var label = command.Label();
        var (allowedActor, who) = command switch
        {
            RectificationCommand.Update => (IsWorker(actor) || actor.IsIn(RoleNames.PartySecretary), "责任人、起草人或党组书记"),
            RectificationCommand.Start or RectificationCommand.UploadEvidence or RectificationCommand.RequestClosure
                or RectificationCommand.MarkLongTerm or RectificationCommand.RequestExtension => (IsWorker(actor), "责任人或起草人"),
            RectificationCommand.ApproveClosure or RectificationCommand.RejectClosure =>
                (actor.IsIn(CloserRole), RoleNames.Label(CloserRole)),
            RectificationCommand.ApproveExtension or RectificationCommand.RejectExtension =>
                (actor.IsIn(RoleNames.PartySecretary), "本单位党组书记"),
            RectificationCommand.Reopen =>
                (actor.IsIn(RoleNames.DisciplineInspector) || actor.IsIn(RoleNames.Committee), "纪检监察组或市直机关工委"),
            _ => (false, ""),
        };
        if (!allowedActor)
            return new(RuleViolation.Forbidden, "forbidden", $"只有{who}可以{label}。");

        var stateAllows = command switch
        {
            RectificationCommand.Update => Status != RectificationStatus.Closed,
            RectificationCommand.UploadEvidence => Status is RectificationStatus.NotStarted or RectificationStatus.InProgress
                or RectificationStatus.LongTerm,
            RectificationCommand.Start => Machine.CanFire(Trigger.Start),
            RectificationCommand.RequestClosure => Machine.CanFire(Trigger.RequestClosure),
            RectificationCommand.ApproveClosure => Machine.CanFire(Trigger.ApproveClosure),
            RectificationCommand.RejectClosure => Machine.CanFire(Trigger.RejectClosure),
            RectificationCommand.MarkLongTerm => Machine.CanFire(Trigger.MarkLongTerm),
            RectificationCommand.Reopen => Machine.CanFire(Trigger.Reopen),
            RectificationCommand.RequestExtension => IsOpen && Deadline is not null && ExtensionRequestedTo is null,
            RectificationCommand.ApproveExtension or RectificationCommand.RejectExtension => ExtensionRequestedTo is not null,
            _ => false,
        };
        if (stateAllows) return null;
        var why = command switch
        {
            RectificationCommand.RequestExtension when Deadline is null => "尚未确定完成时限",
            RectificationCommand.RequestExtension when ExtensionRequestedTo is not null => "已有待审批的延期申请",
            RectificationCommand.ApproveExtension or RectificationCommand.RejectExtension => "没有待审批的延期申请",
            _ => $"事项当前状态为“{Status.Label()}”",
        };
        return new(RuleViolation.Conflict, "invalid-state", $"{why}，不能{label}。");
    }

    private void Fire(Trigger trigger, RectificationAction action, Actor actor, string? comment, DateTimeOffset at)
    {
        var from = Status;
        Machine.Fire(trigger);
        Append(action, actor, from, comment, at);
    }

    private void Append(RectificationAction action, Actor actor, RectificationStatus from, string? comment, DateTimeOffset at)
    {
        JournalSequence++;
        _journal.Add(new RectificationJournalEntry(Id, JournalSequence, at, actor, action, from, Status, comment));
        UpdatedAt = at;
        ConcurrencyStamp = Guid.NewGuid();
    }

    private string Snapshot() =>
        string.Join('\u001f', Category, Problem, Measures, ResponsibleLeader, ResponsibleDepartment, OwnerId, Deadline, Progress);

    private void Apply(RectificationFields fields, bool allowDeadline)
    {
        Problem = Required(fields.Problem, "problem-required", "请填写问题描述。", "problem", MaxProblemLength);
        Measures = Clean(fields.Measures, MaxTextLength, "measures", "整改措施") ?? "";
        Category = Clean(fields.Category, MaxNameLength, "category", "问题类别") ?? "";
        ResponsibleLeader = Clean(fields.ResponsibleLeader, MaxNameLength, "responsibleLeader", "责任领导") ?? "";
        ResponsibleDepartment = Clean(fields.ResponsibleDepartment, MaxNameLength, "responsibleDepartment", "责任部门") ?? "";
        OwnerId = string.IsNullOrWhiteSpace(fields.OwnerId) ? null : fields.OwnerId;
        OwnerName = OwnerId is null ? null : fields.OwnerName;
        if (allowDeadline) Deadline = fields.Deadline is { } deadline ? InRange(deadline, "deadline") : null;
    }

    /// <summary>
    /// A deadline or review date within the years an item may belong to. Reminders count days from these dates; one item due
    /// in 9999 made every reminder sweep fail on the arithmetic.
    /// </summary>
    private static DateOnly InRange(DateOnly date, string field) => SupportedYears.CheckDate(date, field);

    private static string Required(string? text, string code, string message, string field = "comment", int max = MaxTextLength) =>
        Clean(text, max, field, null) ?? throw new WorkflowRuleException(RuleViolation.Invalid, code, message, field);

    private static string? Clean(string? text, int max, string field, string? label)
    {
        var clean = UserText.Check(text, field)?.Trim();
        if (string.IsNullOrEmpty(clean)) return null;
        if (clean.Length > max)
            throw new WorkflowRuleException(RuleViolation.Invalid, field + "-too-long", $"{label ?? "内容"}不能超过{max}个字。", field);
        return clean;
    }

    /// <summary>Puts one lambda's parameter in place of another's, so two lambdas combine into one EF can translate.</summary>
    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    private StateMachine<RectificationStatus, Trigger> Machine => _machine ??= BuildMachine();

    private StateMachine<RectificationStatus, Trigger> BuildMachine()
    {
        var machine = new StateMachine<RectificationStatus, Trigger>(() => Status, s => Status = s);
        machine.Configure(RectificationStatus.NotStarted)
            .Permit(Trigger.Start, RectificationStatus.InProgress)
            .Permit(Trigger.MarkLongTerm, RectificationStatus.LongTerm);
        machine.Configure(RectificationStatus.InProgress)
            .Permit(Trigger.RequestClosure, RectificationStatus.ClosureRequested)
            .Permit(Trigger.MarkLongTerm, RectificationStatus.LongTerm);
        machine.Configure(RectificationStatus.LongTerm)
            .Permit(Trigger.RequestClosure, RectificationStatus.ClosureRequested);
        machine.Configure(RectificationStatus.ClosureRequested)
            .Permit(Trigger.ApproveClosure, RectificationStatus.Closed)
            .Permit(Trigger.RejectClosure, RectificationStatus.InProgress);
        machine.Configure(RectificationStatus.Closed)
            .Permit(Trigger.Reopen, RectificationStatus.InProgress);
        return machine;
    }
}
