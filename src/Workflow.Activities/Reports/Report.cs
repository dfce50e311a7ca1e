using Stateless;
using Workflow.Activities.Reports.Checks;
using Workflow.Activities.Routes;

namespace Workflow.Activities.Reports;

/// <summary>
/// The annual report on its sign-off route. The state machine is private; callers use the intent
/// methods and the Check/Can queries. Every change appends one journal row.
/// </summary>
public sealed class Report
{
    /// <summary>The longest title the database column holds; a configured limit may be lower, never higher.</summary>
    public const int MaxTitleLength = ReportTextLimits.DefaultMaxTitleLength;
    public const int MaxCommentLength = 4000;

    private enum Trigger { Submit, Resubmit, Withdraw, Approve, Return }

    // The committee reads only texts without check errors (报告检查). The triggers that may lead into its step carry the text's
    // checks, which the step's guard judges; null asks only whether the actor may run the command at all (Can, AllowedCommands).
    private static readonly StateMachine<ReportStatus, Trigger>.TriggerWithParameters<TextChecks?> Submitting = new(Trigger.Submit);
    private static readonly StateMachine<ReportStatus, Trigger>.TriggerWithParameters<TextChecks?> Resubmitting = new(Trigger.Resubmit);
    private static readonly StateMachine<ReportStatus, Trigger>.TriggerWithParameters<TextChecks?> Approving = new(Trigger.Approve);

    private readonly List<ReportJournalEntry> _journal = [];
    private readonly List<ReportRevision> _revisions = [];
    private readonly List<ReviewTask> _tasks = [];
    private StateMachine<ReportStatus, Trigger>? _machine;

    private Report() { }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public int Year { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public ReportStatus Status { get; private set; }
    public int RouteVersion { get; private set; }
    public RouteDefinition Route { get; private set; } = null!;

    /// <summary>Number of the latest revision of the text.</summary>
    public int Revision { get; private set; }

    /// <summary>Step a resubmission goes to (原路返回); null means the first step.</summary>
    public ReportStatus? ResumeStatus { get; private set; }

    /// <summary>Step the latest submission entered; the drafter may withdraw while it is still there.</summary>
    public ReportStatus? SubmittedTo { get; private set; }

    public string CreatedById { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When the report entered its current status; review deadlines count from here.</summary>
    public DateTimeOffset StatusSince { get; private set; }

    /// <summary>Sequence number of the latest journal row.</summary>
    public int JournalSequence { get; private set; }

    /// <summary>Optimistic concurrency token, renewed by every change.</summary>
    public Guid ConcurrencyStamp { get; private set; }

    public IReadOnlyList<ReportJournalEntry> Journal => _journal;
    public IReadOnlyList<ReportRevision> Revisions => _revisions;

    /// <summary>会签, 转办 and 加签 tasks of every step round, in the order they opened.</summary>
    public IReadOnlyList<ReviewTask> Tasks => _tasks;

    /// <summary>The journal sequence of the row where the report entered its current status: the round of its current step.</summary>
    public int StepRound { get; private set; }

    /// <summary>The most reviewers one round of a step may have added (加签).</summary>
    public const int MaxAddedReviewersPerRound = 5;

    /// <summary>
    /// The most tasks handed on in one round of a step (转办, 加签 included) before a further 转办 is refused: every one adds a task row
    /// read with the report, so a ping-pong stays bounded.
    /// </summary>
    public const int MaxTransfersPerRound = 10;

    public static Report Create(Guid unitId, int year, string title, string body, RouteDefinition route, Actor drafter, DateTimeOffset at,
        ReportTextLimits? limits = null)
    {
        EnsureMayCreate(drafter);
        ValidateYear(year);
        var report = new Report
        {
            Id = Guid.NewGuid(),
            UnitId = unitId,
            Year = year,
            Status = ReportStatus.Draft,
            Route = route,
            RouteVersion = route.Version,
            CreatedById = drafter.UserId,
            CreatedAt = at,
            StatusSince = at,
        };
        report.SaveText(title, body, drafter, at, limits ?? ReportTextLimits.Default);
        report.Append(ReportAction.Created, drafter, RoleNames.Drafter, ReportStatus.Draft, null, at);
        return report;
    }

    /// <summary>Only a drafter starts a report; a caller asks before he looks anything up or reads an upload.</summary>
    public static void EnsureMayCreate(Actor actor)
    {
        if (!actor.IsIn(RoleNames.Drafter))
            throw new WorkflowRuleException(RuleViolation.Forbidden, "forbidden", "只有起草人可以新建报告。");
    }

    public RouteStep? CurrentStep => Route.StepFor(Status);

    /// <summary>Whether <paramref name="actor"/> may run <paramref name="command"/> now; <see cref="Ensure"/> says why not.</summary>
    public bool Can(ReportCommand command, Actor actor) => Evaluate(command, actor) is null;

    /// <summary>The commands the actor may run now, in a stable order.</summary>
    public IReadOnlyList<ReportCommand> AllowedCommands(Actor actor) =>
        Enum.GetValues<ReportCommand>().Where(c => Can(c, actor)).ToList();

    public void Edit(Actor actor, string title, string body, DateTimeOffset at, ReportTextLimits? limits = null)
    {
        Ensure(ReportCommand.Edit, actor);
        var before = Revision;
        SaveText(title, body, actor, at, limits ?? ReportTextLimits.Default);
        if (Revision != before)
            Append(ReportAction.Edited, actor, RoleNames.Drafter, Status, null, at);
    }

    /// <summary>
    /// Sends a draft, or a returned report, on its way (a returned one goes back to the step that returned it). A submission
    /// that would reach the committee step is refused while <paramref name="checks"/> find errors in the text.
    /// </summary>
    /// <paramref name="assignees"/> names the holders of a 会签 step the report enters (each is asked, snapshotted now).
    public void Submit(Actor actor, DateTimeOffset at, CheckSettings? checks = null, CancellationToken ct = default,
        Func<RouteStep, IReadOnlyList<Reviewer>>? assignees = null)
    {
        Ensure(ReportCommand.Submit, actor);
        var (trigger, action) = Status == ReportStatus.Returned
            ? (Resubmitting, ReportAction.Resubmitted)
            : (Submitting, ReportAction.Submitted);
        var members = MembersOf(ResumeStatus ?? Route.First.Status, assignees);
        Fire(trigger, new TextChecks(this, checks, ct), action, actor, RoleNames.Drafter, null, at);
        OpenRound(members, at);
        SubmittedTo = Status;
    }

    public void Withdraw(Actor actor, DateTimeOffset at)
    {
        Ensure(ReportCommand.Withdraw, actor);
        var open = OpenTasksOfRound();
        Fire(Trigger.Withdraw, ReportAction.Withdrawn, actor, RoleNames.Drafter, null, at);
        foreach (var task in open) task.Close(ReviewTaskState.Cancelled, null, at);
        SubmittedTo = null;
    }

    /// <summary>Passes the report on; an approval that would reach the committee step is refused while <paramref name="checks"/> find errors.</summary>
    /// A 会签 member's or an added reviewer's approval closes his task; the step completes (and the report moves on) only when no
    /// task of the round is open any more. <paramref name="assignees"/> names the holders of a 会签 step the report enters.
    public void Approve(Actor actor, string? comment, DateTimeOffset at, CheckSettings? checks = null, CancellationToken ct = default,
        Func<RouteStep, IReadOnlyList<Reviewer>>? assignees = null)
    {
        Ensure(ReportCommand.Approve, actor);
        var clean = CleanComment(comment);
        var mine = WaitingTaskOf(actor);
        var role = RoleOf(mine);
        if (mine is not null && OpenTasksOfRound().Any(t => t != mine))
        {
            mine.Close(ReviewTaskState.Approved, actor, at);
            Append(ReportAction.Countersigned, actor, role, Status, clean, at);
            return;
        }
        var members = MembersOf(Route.After(Status), assignees);
        Fire(Approving, new TextChecks(this, checks, ct), ReportAction.Approved, actor, role, clean, at);
        mine?.Close(ReviewTaskState.Approved, actor, at);
        OpenRound(members, at);
        SubmittedTo = null;
    }

    /// <summary>Returns the report to the drafter; the resubmission comes back here unless <paramref name="restartFromFirstStep"/>.</summary>
    public void Return(Actor actor, string comment, bool restartFromFirstStep, DateTimeOffset at)
    {
        Ensure(ReportCommand.Return, actor);
        var clean = CleanComment(comment);
        if (clean is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "comment-required", "退回时必须填写退回意见。", "comment");
        var returningStep = Status;
        var mine = WaitingTaskOf(actor);
        var open = OpenTasksOfRound();
        Fire(Trigger.Return, ReportAction.Returned, actor, RoleOf(mine), clean, at, restartFromFirstStep);
        foreach (var task in open)
            task.Close(task == mine ? ReviewTaskState.Returned : ReviewTaskState.Cancelled, task == mine ? actor : null, at);
        ResumeStatus = restartFromFirstStep || returningStep == Route.First.Status ? null : returningStep;
        SubmittedTo = null;
    }

    /// <summary>
    /// 转办: the actor, one the step waits for, hands his part to <paramref name="to"/> (the host checks that he could decide it).
    /// On a step without tasks, from now on only <paramref name="to"/> decides it in this round.
    /// </summary>
    public void Transfer(Actor actor, Reviewer to, string? comment, DateTimeOffset at)
    {
        Ensure(ReportCommand.Transfer, actor);
        var clean = CleanComment(comment)
                    ?? throw new WorkflowRuleException(RuleViolation.Invalid, "comment-required", "转办时必须填写转办说明。", "comment");
        EnsureMayJoin(actor, to, "toUserId", "转办");
        // Counted on the tasks (loaded with the report; the journal is not): each 转办 and 加签 gave one to someone else.
        if (TasksOfRound().Count(t => t.ByUserId is not null && t.ByUserId != t.UserId) >= MaxTransfersPerRound)
            throw new WorkflowRuleException(RuleViolation.Conflict, "too-many-transfers",
                $"本环节本轮转办和加签已达{MaxTransfersPerRound}次，不能再转办，请直接审核。", "toUserId");
        var mine = WaitingTaskOf(actor);
        var role = RoleOf(mine);
        mine?.Close(ReviewTaskState.Transferred, actor, at);
        AddTask(to, mine?.Kind ?? ReviewTaskKind.Transferee, actor, clean, at);
        Append(ReportAction.Transferred, actor, role, Status, clean, at, target: to);
    }

    /// <summary>
    /// 加签: before the actor's own decision (the step waits for <paramref name="who"/>, then comes back to the actor) or after it
    /// (the actor's approval is recorded and the step completes only when <paramref name="who"/> has approved too).
    /// </summary>
    public void AddReviewer(Actor actor, Reviewer who, AddPosition position, string? comment, DateTimeOffset at)
    {
        Ensure(ReportCommand.AddReviewer, actor);
        var clean = CleanComment(comment);
        EnsureMayJoin(actor, who, "userId", "加签");
        if (TasksOfRound().Count(t => t.Kind is ReviewTaskKind.AddedBefore or ReviewTaskKind.AddedAfter) >= MaxAddedReviewersPerRound)
            throw new WorkflowRuleException(RuleViolation.Conflict, "too-many-reviewers",
                $"本环节最多加签{MaxAddedReviewersPerRound}人。", "userId");
        var mine = WaitingTaskOf(actor);
        var role = RoleOf(mine);
        if (position == AddPosition.Before)
        {
            // The step comes back to the actor (or the principal he stands in for) after the added reviewer.
            if (mine is null)
                AddTask(new Reviewer(actor.OnBehalfOf?.UserId ?? actor.UserId, actor.OnBehalfOf?.DisplayName ?? actor.DisplayName),
                    ReviewTaskKind.Transferee, actor, null, at);
            AddTask(who, ReviewTaskKind.AddedBefore, actor, clean, at);
            Append(ReportAction.ReviewerAddedBefore, actor, role, Status, clean, at, target: who);
            return;
        }
        mine?.Close(ReviewTaskState.Approved, actor, at);
        AddTask(who, ReviewTaskKind.AddedAfter, actor, clean, at);
        Append(ReportAction.ReviewerAddedAfter, actor, role, Status, clean, at, target: who);
    }

    /// <summary>
    /// The tasks the report waits for at its current step and round: the open 前加签 tasks while there are any (they come first),
    /// else every open task. Empty means the step is decided by role, as the route says.
    /// </summary>
    public IReadOnlyList<ReviewTask> WaitingTasks()
    {
        var open = OpenTasksOfRound();
        var before = open.Where(t => t.Kind == ReviewTaskKind.AddedBefore).ToList();
        return before.Count > 0 ? before : open;
    }

    /// <summary>Whether user <paramref name="userId"/> holds one of the tasks the report waits for.</summary>
    public bool WaitsFor(string userId) => WaitingTasks().Any(t => t.UserId == userId);

    /// <summary>The waiting task the actor decides: his own, or his principal's when he stands in (委托).</summary>
    public ReviewTask? WaitingTaskOf(Actor actor) => WaitingTasks().FirstOrDefault(t => t.UserId == DeciderId(actor));

    /// <summary>The tasks of the current step's current round.</summary>
    public IReadOnlyList<ReviewTask> TasksOfRound() =>
        Status.IsReview() ? _tasks.Where(t => t.Step == Status && t.Round == StepRound).ToList() : [];

    private List<ReviewTask> OpenTasksOfRound() => TasksOfRound().Where(t => t.IsOpen).ToList();

    private static string DeciderId(Actor actor) => actor.OnBehalfOf?.UserId ?? actor.UserId;

    private string RoleOf(ReviewTask? task) =>
        task?.Kind is ReviewTaskKind.AddedBefore or ReviewTaskKind.AddedAfter ? ReviewTask.AddedReviewerRole : CurrentStep!.Role;

    // Someone who already holds an open task of the round, or the actor himself, cannot be given the step again.
    private void EnsureMayJoin(Actor actor, Reviewer person, string field, string verb)
    {
        if (person.UserId == actor.UserId || person.UserId == DeciderId(actor))
            throw new WorkflowRuleException(RuleViolation.Invalid, "self-not-allowed", $"不能{verb}给自己。", field);
        if (OpenTasksOfRound().Any(t => t.UserId == person.UserId))
            throw new WorkflowRuleException(RuleViolation.Conflict, "already-assigned", $"{person.Name}已在处理本环节，不能再{verb}给他。", field);
    }

    // The holders of a 会签 step the report is about to enter, asked before anything changes: nobody to ask refuses the move.
    private IReadOnlyList<Reviewer> MembersOf(ReportStatus destination, Func<RouteStep, IReadOnlyList<Reviewer>>? assignees)
    {
        if (Route.StepFor(destination) is not { Mode: StepMode.All } step) return [];
        var members = (assignees?.Invoke(step) ?? []).DistinctBy(r => r.UserId).ToList();
        if (members.Count == 0)
            throw new WorkflowRuleException(RuleViolation.Conflict, "countersign-nobody",
                $"会签环节“{step.Name}”目前没有可会签的人员，报告不能流转，请联系管理员。");
        return members;
    }

    private void OpenRound(IReadOnlyList<Reviewer> members, DateTimeOffset at)
    {
        foreach (var member in members) AddTask(member, ReviewTaskKind.Member, null, null, at);
    }

    private void AddTask(Reviewer holder, ReviewTaskKind kind, Actor? by, string? comment, DateTimeOffset at) =>
        _tasks.Add(new ReviewTask(Id, _tasks.Count == 0 ? 1 : _tasks.Max(t => t.Number) + 1, Status, StepRound, holder, kind, at, by, comment));

    /// <summary>Throws the refusal <see cref="Can"/> stands for, so a caller can settle a permission before costly work.</summary>
    public void Ensure(ReportCommand command, Actor actor)
    {
        var refusal = Evaluate(command, actor);
        if (refusal is not null) throw refusal;
    }

    private WorkflowRuleException? Evaluate(ReportCommand command, Actor actor)
    {
        if (command is ReportCommand.Edit or ReportCommand.Submit or ReportCommand.Withdraw)
        {
            if (!actor.IsIn(RoleNames.Drafter))
                return new(RuleViolation.Forbidden, "forbidden", "只有本单位起草人可以" + CommandLabel(command) + "报告。");
            var allowed = command switch
            {
                ReportCommand.Edit => Status == ReportStatus.Draft || Status == ReportStatus.Returned,
                ReportCommand.Submit => Machine.CanFire(Status == ReportStatus.Returned ? Resubmitting : Submitting, null),
                _ => Machine.CanFire(Trigger.Withdraw),
            };
            return allowed ? null : new(RuleViolation.Conflict, "invalid-state",
                $"报告当前状态为“{Status.Label(Route)}”，不能{CommandLabel(command)}。");
        }

        if (WaitingTasks() is { Count: > 0 } waiting)
        {
            if (waiting.Any(t => t.UserId == DeciderId(actor))) return null;
            var names = string.Join("、", waiting.Select(t => t.UserName));
            if (TasksOfRound().Any(t => t.UserId == DeciderId(actor) && t.Kind == ReviewTaskKind.Member && t.State == ReviewTaskState.Approved))
                return new(RuleViolation.Conflict, "already-decided", $"您已审核通过，等待其他会签人（{names}）。");
            if (actor.Roles.Any(r => !RoleNames.IsAdministrator(r) && r != RoleNames.Drafter) || TasksOfRound().Any(t => t.UserId == DeciderId(actor)))
                return new(RuleViolation.Forbidden, "not-your-step", $"报告当前环节“{CurrentStep!.Name}”正在等待{names}处理，不是您的审核环节。");
        }

        var myIndexes = Route.StepsDecidedBy(actor).Select(s => Route.IndexOf(s.Status)).ToList();
        if (myIndexes.Count == 0)
            return new(RuleViolation.Forbidden, "forbidden", $"您的角色不能{CommandLabel(command)}报告。");
        var current = Route.IndexOf(Status);
        if (myIndexes.Contains(current))
            return (command == ReportCommand.Approve ? Machine.CanFire(Approving, null) : Machine.CanFire(Trigger.Return))
                ? null
                : new(RuleViolation.Conflict, "invalid-state", $"报告当前不能{CommandLabel(command)}。");
        if (current >= 0 && current < myIndexes.Min())
            return new(RuleViolation.Forbidden, "not-your-step", $"报告尚未流转到您的审核环节（当前：{Status.Label(Route)}）。");
        return new(RuleViolation.Conflict, "invalid-state", $"报告当前状态为“{Status.Label(Route)}”，已不能{CommandLabel(command)}。");
    }

    private static string CommandLabel(ReportCommand command) => command switch
    {
        ReportCommand.Edit => "修改",
        ReportCommand.Submit => "提交",
        ReportCommand.Withdraw => "撤回",
        ReportCommand.Approve => "审核通过",
        ReportCommand.Return => "退回",
        ReportCommand.Transfer => "转办",
        ReportCommand.AddReviewer => "加签",
        _ => command.ToString(),
    };

    // The role is the one the actor acts in here (drafter or the step's reviewer), not just any role he holds.
    private void Fire(Trigger trigger, ReportAction action, Actor actor, string role, string? comment, DateTimeOffset at, bool restart = false)
    {
        var from = Status;
        Machine.Fire(trigger);
        StatusSince = at;
        Append(action, actor, role, from, comment, at, restart);
        StepRound = JournalSequence;
    }

    // The permission is settled by Ensure, so a guard that still holds the trigger back is the checks guard: refused before any change.
    private void Fire(StateMachine<ReportStatus, Trigger>.TriggerWithParameters<TextChecks?> trigger, TextChecks checks, ReportAction action,
        Actor actor, string role, string? comment, DateTimeOffset at)
    {
        if (!Machine.CanFire(trigger, checks))
            throw ChecksFailed(checks.Blocking, Route.Steps.FirstOrDefault(s => s.ChecksGate)?.Name ?? "下一审核环节");
        var from = Status;
        Machine.Fire(trigger, checks);
        StatusSince = at;
        Append(action, actor, role, from, comment, at);
        StepRound = JournalSequence;
    }

    private void Append(ReportAction action, Actor actor, string role, ReportStatus from, string? comment, DateTimeOffset at, bool restart = false,
        Reviewer? target = null)
    {
        JournalSequence++;
        _journal.Add(new ReportJournalEntry(Id, JournalSequence, at, actor, role, action, from, Status, comment, Revision, restart, target));
        UpdatedAt = at;
        ConcurrencyStamp = Guid.NewGuid();
    }

    // Every revision is kept for ever, so an over-long text is refused before it becomes one.
    private void SaveText(string title, string body, Actor author, DateTimeOffset at, ReportTextLimits limits)
    {
        var cleanTitle = (UserText.Check(title, "title") ?? "").Trim();
        if (cleanTitle.Length == 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "title-required", "请填写报告标题。", "title");
        if (cleanTitle.Length > Math.Min(limits.MaxTitleLength, MaxTitleLength))
            throw limits.TitleTooLong();
        var cleanBody = NormalizeBody(UserText.Check(body, "body"));
        if (cleanBody.Length == 0)
            throw new WorkflowRuleException(RuleViolation.Invalid, "body-required", "请填写报告正文。", "body");
        if (cleanBody.Length > limits.MaxBodyLength)
            throw limits.BodyTooLong();
        if (cleanTitle == Title && cleanBody == Body) return;
        Title = cleanTitle;
        Body = cleanBody;
        Revision++;
        _revisions.Add(new ReportRevision(Id, Revision, Title, Body, author, at));
    }

    /// <summary>The pre-submit findings on the current text (报告检查): computed from the text, never stored.</summary>
    public IReadOnlyList<CheckFinding> Findings(CheckSettings? settings = null, CancellationToken ct = default) =>
        ReportChecker.Run(Title, Body, Year, settings, ct);

    private static WorkflowRuleException ChecksFailed(IReadOnlyList<CheckFinding> blocking, string gatedStep)
    {
        var listed = string.Join("；", blocking.Take(5).Select(f =>
            f.Message.TrimEnd('。') + (f.Excerpt.Length > 0 && f.Paragraph > 0 ? $"（第{f.Paragraph}段：{f.Excerpt}）" : "")));
        var more = blocking.Count > 5 ? $"等{blocking.Count}处" : "";
        return new WorkflowRuleException(RuleViolation.Conflict, "report-checks-failed",
            $"报告检查发现{blocking.Count}处必须修改的问题，不能提交{gatedStep}：{listed}{more}。请退回起草人修改。");
    }

    // The errors of the text under the given severities, found once however often the machine asks; ct stops a long run.
    private sealed class TextChecks(Report report, CheckSettings? settings, CancellationToken ct)
    {
        private IReadOnlyList<CheckFinding>? _blocking;

        public IReadOnlyList<CheckFinding> Blocking =>
            _blocking ??= report.Findings(settings, ct).Where(f => f.Severity == CheckSeverity.Error).ToList();

        public static bool Pass(TextChecks? checks) => checks is null || checks.Blocking.Count == 0;
    }

    /// <summary>Keeps paragraphs as pasted from Word: unify line breaks, trim trailing blanks.</summary>
    public static string NormalizeBody(string? body) =>
        (body ?? "").Replace("\r\n", "\n").Replace('\r', '\n').TrimEnd().TrimStart('\n');

    private static string? CleanComment(string? comment)
    {
        var clean = UserText.Check(comment, "comment")?.Trim();
        if (string.IsNullOrEmpty(clean)) return null;
        if (clean.Length > MaxCommentLength)
            throw new WorkflowRuleException(RuleViolation.Invalid, "comment-too-long", $"意见不能超过{MaxCommentLength}个字。", "comment");
        return clean;
    }

    private static void ValidateYear(int year)
    {
        SupportedYears.CheckYear(year);
    }

    private StateMachine<ReportStatus, Trigger> Machine => _machine ??= BuildMachine(() => Status, s => Status = s);

    private StateMachine<ReportStatus, Trigger> BuildMachine(Func<ReportStatus> read, Action<ReportStatus> write)
    {
        var machine = new StateMachine<ReportStatus, Trigger>(read, write);
        var steps = Route.Steps;

        var draft = machine.Configure(ReportStatus.Draft);
        var returned = machine.Configure(ReportStatus.Returned);
        foreach (var step in steps)
        {
            var target = step.Status;
            if (target == Route.First.Status)
            {
                draft.PermitIf(Submitting, target, Guards(Route, target, _ => ResumeStatus is null || ResumeStatus == target, "首次提交"));
                returned.PermitIf(Resubmitting, target, Guards(Route, target, _ => ResumeStatus is null || ResumeStatus == target, "从第一步重新审核"));
            }
            else
            {
                draft.PermitIf(Submitting, target, Guards(Route, target, _ => ResumeStatus == target, "撤回后再提交，回到退回环节"));
                returned.PermitIf(Resubmitting, target, Guards(Route, target, _ => ResumeStatus == target, "原路返回"));
            }

            var next = Route.After(target);
            machine.Configure(target)
                .PermitIf(Approving, next, Guards(Route, next))
                .Permit(Trigger.Return, ReportStatus.Returned)
                .PermitIf(Trigger.Withdraw, ReportStatus.Draft, () => SubmittedTo == target && !ActedInRound(), "审核人尚未处理");
        }

        machine.Configure(ReportStatus.Approved);
        return machine;
    }

    // A 会签 member's approval, a transfer or a 加签 is acting on the step: the drafter can no longer withdraw.
    private bool ActedInRound() => TasksOfRound().Any(t => t.Kind != ReviewTaskKind.Member || t.State != ReviewTaskState.Open);

    // The guards of a transition into destination: the given one, and the checks guard where destination is a step with the checks gate.
    private static Tuple<Func<TextChecks?, bool>, string>[] Guards(RouteDefinition route, ReportStatus destination,
        Func<TextChecks?, bool>? guard = null, string? description = null)
    {
        var guards = new List<Tuple<Func<TextChecks?, bool>, string>>();
        if (guard is not null) guards.Add(Tuple.Create(guard, description ?? ""));
        if (route.StepFor(destination) is { ChecksGate: true }) guards.Add(Tuple.Create<Func<TextChecks?, bool>, string>(TextChecks.Pass, "报告检查无错误"));
        return guards.ToArray();
    }

    /// <summary>The Mermaid state diagram of this report's route version, generated from the machine itself.</summary>
    public static string MermaidFor(RouteDefinition route)
    {
        var probe = new Report { Route = route, RouteVersion = route.Version };
        var status = ReportStatus.Draft;
        var machine = probe.BuildMachine(() => status, s => status = s);
        return Stateless.Graph.MermaidGraph.Format(machine.GetInfo());
    }
}
