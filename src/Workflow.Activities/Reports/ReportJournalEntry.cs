namespace Workflow.Activities.Reports;

/// <summary>One append-only journal row: who did what, from which status to which, with which comment.</summary>
public sealed class ReportJournalEntry
{
    private ReportJournalEntry() { }

    internal ReportJournalEntry(Guid reportId, int sequence, DateTimeOffset at, Actor actor, string actorRole, ReportAction action,
        ReportStatus fromStatus, ReportStatus toStatus, string? comment, int revision, bool restartFromFirstStep, Reviewer? target = null)
    {
        TargetUserId = target?.UserId;
        TargetName = target?.Name;
        ReportId = reportId;
        Sequence = sequence;
        At = at;
        ActorId = actor.UserId;
        ActorName = actor.DisplayName;
        ActorRole = actorRole;
        Action = action;
        FromStatus = fromStatus;
        ToStatus = toStatus;
        Comment = comment;
        Revision = revision;
        RestartFromFirstStep = restartFromFirstStep;
        OnBehalfOfId = actor.OnBehalfOf?.UserId;
        OnBehalfOfName = actor.OnBehalfOf?.DisplayName;
    }

    public long Id { get; private set; }
    public Guid ReportId { get; private set; }
    public int Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorId { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public string ActorRole { get; private set; } = "";
    public ReportAction Action { get; private set; }
    public ReportStatus FromStatus { get; private set; }
    public ReportStatus ToStatus { get; private set; }
    public string? Comment { get; private set; }
    public int Revision { get; private set; }
    public bool RestartFromFirstStep { get; private set; }

    /// <summary>委托: the reviewer the actor decided for ("代 X 审核"); null when he acted for himself.</summary>
    public string? OnBehalfOfId { get; private set; }

    public string? OnBehalfOfName { get; private set; }

    /// <summary>转办/加签: the person the step was handed to or who was added; null for other rows.</summary>
    public string? TargetUserId { get; private set; }

    public string? TargetName { get; private set; }

    /// <summary>The actor as people read him: "李四（代 张三）" when he acted for someone.</summary>
    public string ActorShown => OnBehalfOfName is null ? ActorName : $"{ActorName}（代 {OnBehalfOfName}）";
}
