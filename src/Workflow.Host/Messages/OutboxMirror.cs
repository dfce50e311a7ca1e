using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Workflow.Activities.Messages;
using Workflow.Host.Data;
using Workflow.Host.Mail;

namespace Workflow.Host.Messages;

/// <summary>
/// Every mail put in the outbox for a known user becomes a message too, in the same SaveChanges, even when its writer never heard of
/// messages (a 【催办】 mail, say). Its kind comes from the subject tag; the user's choice for that kind still holds: "in the app
/// only" or "digest" cancels the mail (the row stays, keyed, so a writer's once-only check still sees it). Mails written through
/// <see cref="UserMessages"/> already have their message and are left alone, as is the digest itself.
/// </summary>
public sealed partial class OutboxMirror : SaveChangesInterceptor
{
    public static readonly OutboxMirror Instance = new();

    private const string DigestKeyPrefix = "digest:";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db && Unmirrored(db) is { Count: > 0 } mails)
            Mirror(db, mails, FindUsers(db, mails).ToList(), p => p.ToList());
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db && Unmirrored(db) is { Count: > 0 } mails)
        {
            var users = await FindUsers(db, mails).ToListAsync(cancellationToken);
            var ids = users.Select(u => u.Id).ToList();
            var preferences = await db.MessagePreferences.AsNoTracking().Where(p => ids.Contains(p.UserId)).ToListAsync(cancellationToken);
            Mirror(db, mails, users, _ => preferences);
        }
        return result;
    }

    private sealed record UserByMail(string Id, string? NormalizedEmail);

    /// <summary>New outbox rows no message carries yet (no query: only the change tracker).</summary>
    private static List<OutboxMessage> Unmirrored(AppDbContext db)
    {
        var added = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0) return added;
        var carried = db.ChangeTracker.Entries<UserMessage>().Select(e => e.Entity.OutboxMessage).OfType<OutboxMessage>().ToHashSet();
        return added.Where(m => !carried.Contains(m) && !m.Key.StartsWith(DigestKeyPrefix, StringComparison.Ordinal)).ToList();
    }

    private static IQueryable<UserByMail> FindUsers(AppDbContext db, List<OutboxMessage> mails)
    {
        var addresses = mails.Select(m => m.ToAddress.ToUpperInvariant()).Distinct().ToList();
        return db.Users.AsNoTracking().Where(u => u.NormalizedEmail != null && addresses.Contains(u.NormalizedEmail))
            .Select(u => new UserByMail(u.Id, u.NormalizedEmail));
    }

    private static void Mirror(AppDbContext db, List<OutboxMessage> mails, List<UserByMail> users,
        Func<IQueryable<MessagePreference>, List<MessagePreference>> load)
    {
        // An address shared by two accounts names nobody in particular: such a mail stays a mail only.
        var byAddress = users.GroupBy(u => u.NormalizedEmail!).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id);
        if (byAddress.Count == 0) return;
        var ids = byAddress.Values.ToList();
        var chosen = new DeliveryPreferences(load(db.MessagePreferences.AsNoTracking().Where(p => ids.Contains(p.UserId)))
            .ToDictionary(p => (p.UserId, p.Kind), p => p.Delivery));
        foreach (var mail in mails)
        {
            if (!byAddress.TryGetValue(mail.ToAddress.ToUpperInvariant(), out var userId)) continue;
            var kind = MessageKinds.OfMailSubject(mail.Subject);
            var delivery = chosen.Of(userId, kind);
            var message = new UserMessage("outbox:" + mail.Key, userId, kind, mail.Subject, BodyOf(mail.TextBody), LinkIn(mail.TextBody), mail.CreatedAt,
                delivery == MessageDelivery.Digest);
            db.UserMessages.Add(message);
            if (delivery == MessageDelivery.InAppAndMail) message.CarriedBy(mail);
            else mail.Cancel(delivery == MessageDelivery.InApp ? "收件人选择仅站内消息" : "收件人选择每日汇总，随汇总邮件发送");
        }
    }

    /// <summary>The path of the first link of the mail (the page it is about), or empty.</summary>
    private static string LinkIn(string text)
    {
        var match = Url().Match(text);
        return match.Success && Uri.TryCreate(match.Value, UriKind.Absolute, out var uri) && uri.PathAndQuery.Length <= 300 ? uri.PathAndQuery : "";
    }

    /// <summary>The mail's text without its greeting line.</summary>
    private static string BodyOf(string text)
    {
        var lines = text.Replace("\r", "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count > 0 && lines[0].EndsWith('：')) lines.RemoveAt(0);
        return string.Join("\n", lines);
    }

    [GeneratedRegex(@"https?://[^\s<>""）)]+")]
    private static partial Regex Url();
}
