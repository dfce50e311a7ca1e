using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Activities.Calendar;
using Workflow.Host.Calendar;
using Workflow.Host.Data;
using Workflow.Host.Mail;

namespace Workflow.Host.Reminders;

/// <summary>
/// The daily digest (08:30 China time, working days only): every open reminder of a digest user, and every message of a kind
/// he wants digested, in one mail.
/// Keyed per user and day, so running it twice sends one digest.
/// </summary>
public sealed class DigestJob(AppDbContext db, TimeProvider clock, CalendarStore calendars, ReminderRelevance relevance,
    IOptions<AppOptions> app, ILogger<DigestJob> log)
{
    /// <summary>Returns how many digest mails were written to the outbox.</summary>
    public async Task<int> SendDigestsAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var calendar = await calendars.LoadAsync(ct);
        if (!calendar.IsWorkingDay(today)) return 0;

        var open = await db.Notifications.Where(n => n.ResolvedAt == null).OrderBy(n => n.Id).ToListAsync(ct);
        // Messages of the kinds a user wants in the digest (a decision on his report, a 催办…), listed after the reminders.
        var news = (await db.UserMessages.Where(m => m.AwaitingDigest).OrderBy(m => m.Id).ToListAsync(ct)).ToLookup(m => m.UserId);
        var userIds = open.Select(n => n.UserId).Concat(news.Select(g => g.Key)).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var written = 0;
        var reminders = open.ToLookup(n => n.UserId);
        foreach (var userId in userIds)
        {
            var group = reminders[userId];
            if (!users.TryGetValue(userId, out var user) || string.IsNullOrWhiteSpace(user.Email)) continue;
            var key = $"digest:{user.Id}:{today:yyyyMMdd}";
            if (await db.Outbox.AnyAsync(m => m.Key == key, ct)) continue;

            var items = new List<(Notification, int)>();
            // Only the newest reminder per subject: the digest lists tasks, not every point of their schedule.
            foreach (var n in group.GroupBy(n => (n.Subject, n.SubjectId, n.SubjectState)).Select(g => g.OrderBy(n => n.ScheduledOn).Last()))
                if (await relevance.StillWaitingAsync(n.Subject, n.SubjectId, n.SubjectState, ct))
                    items.Add((n, Math.Max(0, calendar.WorkingDaysBetween(n.DueDate, today))));

            OutboxMessage? message = null;
            var messages = news[userId].ToList();
            if (items.Count > 0 || messages.Count > 0)
            {
                var name = user.ShownName;
                var mail = ReminderMail.Digest(items, messages, name, app.Value.BaseUrl, today);
                message = new OutboxMessage(key, user.Email, name, mail.Subject, mail.Html, mail.Text, now);
                db.Outbox.Add(message);
                written++;
            }
            foreach (var n in group) n.Resolve(message, now);
            foreach (var m in messages) m.CarriedBy(message);
        }
        await db.SaveChangesAsync(ct);
        if (written > 0) log.LogInformation("Daily digest: {Count} mails.", written);
        return written;
    }
}
