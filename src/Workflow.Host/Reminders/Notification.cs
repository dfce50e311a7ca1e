using Workflow.Activities.Reminders;

namespace Workflow.Host.Reminders;

/// <summary>
/// One reminder decided by a sweep for one user. Its unique <see cref="Key"/> (subject + scheduled point + user)
/// is what makes sweeps idempotent: a second sweep, or a second node, finds the key and does nothing.
/// </summary>
public sealed class Notification
{
    private Notification() { }

    public Notification(string key, string userId, ReminderSubject subject, Guid subjectId, string subjectState, Reminder reminder,
        string title, string link, DateTimeOffset createdAt)
    {
        Key = key;
        UserId = userId;
        Subject = subject;
        SubjectId = subjectId;
        SubjectState = subjectState;
        Kind = reminder.Kind;
        Audience = reminder.Audience;
        ScheduledOn = reminder.ScheduledOn;
        DueDate = reminder.DueDate;
        Title = title;
        Link = link;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public string Key { get; private set; } = "";
    public string UserId { get; private set; } = "";
    public ReminderSubject Subject { get; private set; }
    public Guid SubjectId { get; private set; }
    public string SubjectState { get; private set; } = "";
    public ReminderKind Kind { get; private set; }
    public ReminderAudience Audience { get; private set; }
    public DateOnly ScheduledOn { get; private set; }
    public DateOnly DueDate { get; private set; }

    /// <summary>One line naming the task, e.g. "市科协 2025年度报告 · 党组书记审核".</summary>
    public string Title { get; private set; } = "";

    /// <summary>Path of the page to open (made absolute with App:BaseUrl in the mail).</summary>
    public string Link { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The mail that carried it (its own, or the digest); null while it waits for the digest.</summary>
    public long? OutboxMessageId { get; private set; }
    public Mail.OutboxMessage? OutboxMessage { get; private set; }

    /// <summary>When it was mailed or, for a digest user, dropped because the work was done first.</summary>
    public DateTimeOffset? ResolvedAt { get; private set; }

    public void Resolve(Mail.OutboxMessage? carriedBy, DateTimeOffset at)
    {
        OutboxMessage = carriedBy;
        ResolvedAt = at;
    }
}
