namespace Workflow.Activities.Reports;

/// <summary>One append-only journal row: who did what, from which status to which, with which comment.</summary>
public sealed class ReportJournalEntry
{
    private ReportJournalEntry() { }

    internal ReportJournalEntry(Guid reportId, int sequence, DateTimeOffset at, Actor actor, string actorRole, ReportAction action,
        ReportStatus fromStatus, ReportStatus toStatus, string? comment, int revision, bool restartFromFirstStep)
    {
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
}
