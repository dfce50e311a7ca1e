namespace Workflow.Activities.Reports;

/// <summary>A person a review step may wait for: his user id and the name shown.</summary>
public sealed record Reviewer(string UserId, string Name);

/// <summary>Why a person holds a review task.</summary>
public enum ReviewTaskKind
{
    /// <summary>会签成员: asked when the report entered a 会签 step.</summary>
    Member,

    /// <summary>转办接收人 (or the reviewer a 前加签 comes back to on a step without tasks).</summary>
    Transferee,

    /// <summary>前加签: reviews before the others of the step; while open, the step waits for him only.</summary>
    AddedBefore,

    /// <summary>后加签: reviews after the one who added him, before the step completes.</summary>
    AddedAfter,
}

public enum ReviewTaskState
{
    Open,
    Approved,
    Returned,
    Transferred,
    Cancelled,
}

/// <summary>Where a 加签 puts the added reviewer: before the adder's own decision (前加签) or after it (后加签).</summary>
public enum AddPosition
{
    Before,
    After,
}

/// <summary>
/// One person's part in one round of a review step (会签 member, 转办 receiver, 加签 reviewer): a child row of the report,
/// numbered per report. A round is the journal sequence of the row where the report entered the step; a re-entry is a new round.
/// </summary>
public sealed class ReviewTask
{
    /// <summary>The role a journal row names when an added reviewer (加签) decides: he need not hold the step's role.</summary>
    public const string AddedReviewerRole = "AddedReviewer";

    private ReviewTask() { }

    internal ReviewTask(Guid reportId, int number, ReportStatus step, int round, Reviewer holder, ReviewTaskKind kind, DateTimeOffset at,
        Actor? by, string? comment)
    {
        ReportId = reportId;
        Number = number;
        Step = step;
        Round = round;
        UserId = holder.UserId;
        UserName = holder.Name;
        Kind = kind;
        State = ReviewTaskState.Open;
        OpenedAt = at;
        ByUserId = by?.UserId;
        ByName = by?.DisplayName;
        Comment = comment;
    }

    public Guid ReportId { get; private set; }
    public int Number { get; private set; }
    /// <summary>The step (its status) the task belongs to.</summary>
    public ReportStatus Step { get; private set; }
    public int Round { get; private set; }
    public string UserId { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public ReviewTaskKind Kind { get; private set; }
    public ReviewTaskState State { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Who transferred the step to him or added him; null for a 会签 member.</summary>
    public string? ByUserId { get; private set; }

    public string? ByName { get; private set; }

    /// <summary>The transfer or 加签 comment.</summary>
    public string? Comment { get; private set; }

    /// <summary>Who actually decided: the holder, or a 委托 stand-in deciding for him.</summary>
    public string? DecidedById { get; private set; }

    public string? DecidedByName { get; private set; }

    public bool IsOpen => State == ReviewTaskState.Open;

    internal void Close(ReviewTaskState state, Actor? decidedBy, DateTimeOffset at)
    {
        State = state;
        ClosedAt = at;
        DecidedById = decidedBy?.UserId;
        DecidedByName = decidedBy?.DisplayName;
    }
}

public static class ReviewTaskLabels
{
    /// <summary>The kind as the report page shows it: the task a 前加签 gives back to its own adder is his, not a 转办.</summary>
    public static string KindLabel(this ReviewTask task) =>
        task.Kind == ReviewTaskKind.Transferee && task.ByUserId == task.UserId ? "审核人" : task.Kind.Label();

    /// <summary>Whether someone else gave this task (转办, 加签): the page says by whom.</summary>
    public static bool GivenByOther(this ReviewTask task) => task.ByName is not null && task.ByUserId != task.UserId;

    public static string Label(this ReviewTaskKind kind) => kind switch
    {
        ReviewTaskKind.Member => "会签",
        ReviewTaskKind.Transferee => "转办",
        ReviewTaskKind.AddedBefore => "前加签",
        _ => "后加签",
    };

    public static string Label(this ReviewTaskState state) => state switch
    {
        ReviewTaskState.Open => "待处理",
        ReviewTaskState.Approved => "已同意",
        ReviewTaskState.Returned => "已退回",
        ReviewTaskState.Transferred => "已转办",
        _ => "已取消",
    };
}
