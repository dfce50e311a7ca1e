using Workflow.Activities.Messages;

namespace Workflow.Host.Messages;

/// <summary>
/// One message of a user's 消息中心: what happened, a link to open it, read or not. Its unique <see cref="Key"/> keeps one event
/// from giving a user two messages; the mail that carried it (at once or in the digest) is linked.
/// </summary>
public sealed class UserMessage
{
    public const int MaxTitleLength = 300;
    public const int MaxBodyLength = 2000;

    private UserMessage() { }

    public UserMessage(string key, string userId, MessageKind kind, string title, string? body, string link, DateTimeOffset createdAt,
        bool awaitingDigest)
    {
        Key = key;
        UserId = userId;
        Kind = kind;
        Title = Clip(title, MaxTitleLength)!;
        Body = Clip(body, MaxBodyLength);
        Link = link;
        CreatedAt = createdAt;
        AwaitingDigest = awaitingDigest;
    }

    public long Id { get; private set; }
    public string Key { get; private set; } = "";
    public string UserId { get; private set; } = "";
    public MessageKind Kind { get; private set; }
    public string Title { get; private set; } = "";

    /// <summary>What a reviewer wrote (a return comment, a rejection), or the text of a mail; null when the title says it all.</summary>
    public string? Body { get; private set; }

    /// <summary>Path of the report or item page it is about; empty when it has none.</summary>
    public string Link { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>The user wants this kind in the daily digest and it has not gone out yet.</summary>
    public bool AwaitingDigest { get; private set; }

    public long? OutboxMessageId { get; private set; }
    public Mail.OutboxMessage? OutboxMessage { get; private set; }

    public bool IsRead => ReadAt is not null;

    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;

    public void CarriedBy(Mail.OutboxMessage? mail)
    {
        OutboxMessage = mail;
        AwaitingDigest = false;
    }

    private static string? Clip(string? text, int max) => text is { Length: > 0 } t && t.Length > max ? t[..(max - 1)] + "…" : text;
}

/// <summary>A user's choice for one kind of message; a kind without a row is delivered as <see cref="MessageKinds.DefaultDelivery"/>.</summary>
public sealed class MessagePreference
{
    private MessagePreference() { }

    public MessagePreference(string userId, MessageKind kind, MessageDelivery delivery)
    {
        UserId = userId;
        Kind = kind;
        Delivery = delivery;
    }

    public string UserId { get; private set; } = "";
    public MessageKind Kind { get; private set; }
    public MessageDelivery Delivery { get; set; }
}
