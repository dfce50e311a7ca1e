using Workflow.Activities.Reminders;

namespace Workflow.Host.Mail;

/// <summary>Where a mail of the outbox stands.</summary>
public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,

    /// <summary>Not sent because the work it reminded about was done before it went out.</summary>
    Cancelled,
}

/// <summary>
/// A mail written in the same transaction as the event that causes it and sent later by the dispatcher.
/// The unique <see cref="Key"/> keeps one event from producing two mails.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    public OutboxMessage(string key, string toAddress, string toName, string subject, string htmlBody, string textBody,
        DateTimeOffset createdAt, ReminderSubject? guardSubject = null, Guid? guardSubjectId = null, string? guardState = null)
    {
        Key = key;
        ToAddress = toAddress;
        ToName = toName;
        Subject = subject;
        HtmlBody = htmlBody;
        TextBody = textBody;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
        GuardSubject = guardSubject;
        GuardSubjectId = guardSubjectId;
        GuardState = guardState;
    }

    public long Id { get; private set; }
    public string Key { get; private set; } = "";
    public string ToAddress { get; private set; } = "";
    public string ToName { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>When set, the dispatcher checks before sending that this subject still waits (reminders stop when work is done).</summary>
    public ReminderSubject? GuardSubject { get; private set; }
    public Guid? GuardSubjectId { get; private set; }
    public string? GuardState { get; private set; }

    /// <summary>Message-ID derived from the key, so a copy sent twice after a crash is recognisable as the same mail.</summary>
    public string MessageId => $"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Key)))[..32].ToLowerInvariant()}@approvalflow";

    public void MarkSent(DateTimeOffset at)
    {
        Status = OutboxStatus.Sent;
        SentAt = at;
        Attempts++;
        LastError = null;
    }

    public void MarkFailed(string reason)
    {
        Status = OutboxStatus.Failed;
        Attempts++;
        LastError = reason;
    }

    public void Cancel(string reason)
    {
        Status = OutboxStatus.Cancelled;
        LastError = reason;
    }

    /// <summary>An administrator sends a failed mail again (e.g. after the address was corrected).</summary>
    public void Requeue(DateTimeOffset now)
    {
        if (Status != OutboxStatus.Failed) return;
        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
    }

    /// <summary>A transient failure: try again after <paramref name="delay"/>, or give up after <paramref name="maxAttempts"/>.</summary>
    public void Retry(string reason, DateTimeOffset now, TimeSpan delay, int maxAttempts)
    {
        Attempts++;
        LastError = reason;
        if (Attempts >= maxAttempts)
        {
            Status = OutboxStatus.Failed;
            LastError = $"在{Attempts}次尝试后放弃：{reason}";
            return;
        }
        NextAttemptAt = now + delay;
    }
}
