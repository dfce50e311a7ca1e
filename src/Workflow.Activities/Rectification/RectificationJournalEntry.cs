using Workflow.Activities.Reports;

namespace Workflow.Activities.Rectification;

/// <summary>One append-only journal row of a rectification item: who did what, from which status to which, why.</summary>
public sealed class RectificationJournalEntry
{
    private RectificationJournalEntry() { }

    internal RectificationJournalEntry(Guid itemId, int sequence, DateTimeOffset at, Actor actor, RectificationAction action,
        RectificationStatus fromStatus, RectificationStatus toStatus, string? comment)
    {
        ItemId = itemId;
        Sequence = sequence;
        At = at;
        ActorId = actor.UserId;
        ActorName = actor.DisplayName;
        Action = action;
        FromStatus = fromStatus;
        ToStatus = toStatus;
        Comment = comment;
    }

    public long Id { get; private set; }
    public Guid ItemId { get; private set; }
    public int Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorId { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public RectificationAction Action { get; private set; }
    public RectificationStatus FromStatus { get; private set; }
    public RectificationStatus ToStatus { get; private set; }
    public string? Comment { get; private set; }
}
