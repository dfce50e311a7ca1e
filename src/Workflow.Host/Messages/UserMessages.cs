using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Activities.Messages;
using Workflow.Activities.Reminders;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Mail;

namespace Workflow.Host.Messages;

/// <summary>What one event tells one user: the message and, when mailed, the mail made from it.</summary>
public sealed record MessageDraft(string Key, MessageKind Kind, string Title, string? Body, string Link);

/// <summary>Who receives a message: the user and where his mail goes (no address: in the app only).</summary>
public sealed record MessageAddressee(string UserId, string Name, string? Email);

/// <summary>A mail ready for the outbox.</summary>
public sealed record MailContent(string Subject, string Html, string Text);

/// <summary>The reminder a mail is about, so the dispatcher can drop it when the work was done first.</summary>
public sealed record MailGuard(ReminderSubject Subject, Guid SubjectId, string State);

/// <summary>One page of a user's messages, newest first, with the total and the unread count.</summary>
public sealed record MessagePage(IReadOnlyList<UserMessage> Items, int Page, int PageSize, int Total, int Unread);

/// <summary>
/// The one place a message to a user is written: the message itself and, as the user chose for its kind, a mail in the outbox now,
/// a line in tomorrow's digest, or nothing more. Writes join the caller's unit of work, so they commit with the event.
/// Also the user's side: list, unread count, mark read, preferences.
/// </summary>
public sealed class UserMessages(AppDbContext db, TimeProvider clock, IOptions<AppOptions> app)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>
    /// Writes <paramref name="draft"/> for one user as delivered by <paramref name="delivery"/>; returns the mail when one was written.
    /// <paramref name="digestElsewhere"/>: a reminder's digest line comes from its notification, not from the message.
    /// </summary>
    public OutboxMessage? Write(MessageDraft draft, MessageAddressee to, MessageDelivery delivery, DateTimeOffset now,
        Func<MailContent> mail, MailGuard? guard = null, bool digestElsewhere = false)
    {
        var message = new UserMessage(draft.Key, to.UserId, draft.Kind, draft.Title, draft.Body, draft.Link, now,
            delivery == MessageDelivery.Digest && !digestElsewhere && !string.IsNullOrWhiteSpace(to.Email));
        db.UserMessages.Add(message);
        if (delivery != MessageDelivery.InAppAndMail || string.IsNullOrWhiteSpace(to.Email)) return null;
        var content = mail();
        var outbox = new OutboxMessage("mail:" + draft.Key, to.Email, to.Name, content.Subject, content.Html, content.Text, now,
            guard?.Subject, guard?.SubjectId, guard?.State);
        db.Outbox.Add(outbox);
        message.CarriedBy(outbox);
        return outbox;
    }

    /// <summary>
    /// An event for the users <paramref name="userIds"/> (duplicates and unknown ids are skipped): one message each, mailed per
    /// preference with <see cref="MessageMail"/>. The caller saves, in the transaction of the event.
    /// </summary>
    public async Task PostAsync(IEnumerable<string> userIds, Func<string, MessageDraft> draftFor, CancellationToken ct)
    {
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0) return;
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.UserName, u.Email }).ToListAsync(ct);
        await PostAsync(users.Select(u => new MessageAddressee(u.Id, Identity.AppUser.ShownNameOf(u.DisplayName, u.UserName), u.Email)),
            draftFor, ct);
    }

    /// <summary>
    /// The same for addressees the caller already holds (names and addresses from the node's directory of the current stamp):
    /// no read of the accounts, only of their preferences.
    /// </summary>
    public async Task PostAsync(IEnumerable<MessageAddressee> addressees, Func<string, MessageDraft> draftFor, CancellationToken ct)
    {
        var to = addressees.DistinctBy(a => a.UserId).ToList();
        if (to.Count == 0) return;
        var preferences = await PreferencesOfAsync(to.Select(a => a.UserId).ToList(), ct);
        var now = clock.GetUtcNow();
        foreach (var addressee in to)
        {
            var draft = draftFor(addressee.UserId);
            Write(draft, addressee, preferences.Of(addressee.UserId, draft.Kind), now,
                () => MessageMail.Compose(draft, addressee.Name, app.Value.BaseUrl));
        }
    }

    /// <summary>The stored choices of <paramref name="userIds"/> (all users when null), read once for a batch of messages.</summary>
    public async Task<DeliveryPreferences> PreferencesOfAsync(IReadOnlyCollection<string>? userIds, CancellationToken ct)
    {
        var query = db.MessagePreferences.AsNoTracking();
        if (userIds is not null) query = query.Where(p => userIds.Contains(p.UserId));
        return new DeliveryPreferences((await query.ToListAsync(ct)).ToDictionary(p => (p.UserId, p.Kind), p => p.Delivery));
    }

    public async Task<MessagePage> ListAsync(string userId, int page, int pageSize, CancellationToken ct)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var mine = db.UserMessages.AsNoTracking().Where(m => m.UserId == userId);
        var total = await mine.CountAsync(ct);
        var unread = await mine.CountAsync(m => m.ReadAt == null, ct);
        // A page past the end shows the last one, as the ledger does.
        var last = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, last);
        var items = await mine.OrderByDescending(m => m.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new MessagePage(items, page, pageSize, total, unread);
    }

    public Task<int> UnreadCountAsync(string userId, CancellationToken ct) =>
        db.UserMessages.CountAsync(m => m.UserId == userId && m.ReadAt == null, ct);

    /// <summary>Marks one of the user's messages read and returns it; another user's message is "not found".</summary>
    public async Task<UserMessage> MarkReadAsync(string userId, long id, CancellationToken ct)
    {
        var message = await db.UserMessages.FirstOrDefaultAsync(m => m.Id == id && m.UserId == userId, ct) ?? throw NotFound();
        if (!message.IsRead)
        {
            message.MarkRead(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        return message;
    }

    /// <summary>Marks every unread message of the user read; returns how many.</summary>
    public Task<int> MarkAllReadAsync(string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.UserMessages.Where(m => m.UserId == userId && m.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadAt, now), ct);
    }

    /// <summary>Every kind with the user's delivery (the default where he chose none), in the order of <see cref="MessageKinds.All"/>.</summary>
    public async Task<IReadOnlyList<(MessageKind Kind, MessageDelivery Delivery)>> PreferencesAsync(string userId, CancellationToken ct)
    {
        var chosen = await PreferencesOfAsync([userId], ct);
        return MessageKinds.All.Select(k => (k, chosen.Of(userId, k))).ToList();
    }

    /// <summary>Stores the user's choices for the kinds given; kinds not given keep theirs.</summary>
    public async Task SetPreferencesAsync(string userId, IReadOnlyDictionary<MessageKind, MessageDelivery> choices, CancellationToken ct)
    {
        foreach (var (kind, delivery) in choices)
            if (!Enum.IsDefined(kind) || !Enum.IsDefined(delivery))
                throw new WorkflowRuleException(RuleViolation.Invalid, "message-preference-invalid", "消息类型或接收方式无效。", "preferences");
        var stored = await db.MessagePreferences.Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind, ct);
        foreach (var (kind, delivery) in choices)
            if (stored.TryGetValue(kind, out var row)) row.Delivery = delivery;
            else db.MessagePreferences.Add(new MessagePreference(userId, kind, delivery));
        await db.SaveChangesAsync(ct);
    }

    private static WorkflowRuleException NotFound() => new(RuleViolation.NotFound, "message-not-found", "消息不存在或您无权查看。");
}

/// <summary>Stored delivery choices, looked up per (user, kind); a kind without a choice gets the default.</summary>
public sealed class DeliveryPreferences(IReadOnlyDictionary<(string UserId, MessageKind Kind), MessageDelivery> chosen)
{
    public MessageDelivery Of(string userId, MessageKind kind) => chosen.GetValueOrDefault((userId, kind), MessageKinds.DefaultDelivery);
}
