using Workflow.Activities.Cycles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Activities;
using Workflow.Activities.Calendar;
using Workflow.Activities.Messages;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reminders;
using Workflow.Activities.Reports;
using Workflow.Host.Calendar;
using Workflow.Host.Data;
using Workflow.Host.Mail;
using CyclePolicies = System.Collections.Generic.Dictionary<(System.Guid Unit, int Year), Workflow.Activities.Reminders.ReminderPolicy>;

namespace Workflow.Host.Reminders;

/// <summary>
/// Derives the reminders due now from the database and records each once: a notification per user and, for users
/// who want mail at once, an outbox mail in the same transaction. Running it twice, or on two nodes, sends nothing twice.
/// </summary>
public sealed class ReminderSweep(AppDbContext db, TimeProvider clock, CalendarStore calendars, IOptions<ReminderOptions> options,
    IOptions<AppOptions> app, IAppLinks links, Messages.UserMessages messages, ILogger<ReminderSweep> log, SweepWatermark? watermark = null)
{
    /// <summary>A reminder that is due; its notification (title, link) is only built when the key turns out to be new.</summary>
    private sealed record Candidate(string Key, Recipient Recipient, int WorkingDaysOverdue, Func<Notification> Create)
    {
        public static Candidate Of(Notification notification, Recipient recipient, int workingDaysOverdue) =>
            new(notification.Key, recipient, workingDaysOverdue, () => notification);
    }

    /// <summary>Open rectification items are planned and stored a page at a time, so memory stays flat however large the ledger.</summary>
    private const int ItemPage = 2000;

    /// <summary>What the last run of this instance found and where its time went (users/units/calendar, reports, rectification items).</summary>
    public SweepTimings? Timings { get; private set; }

    /// <summary>
    /// Returns how many new notifications were recorded. The first sweep of a China day (of this process, and after any
    /// change of the calendar, the policies or the people — <see cref="SweepWatermark"/>) is a full pass; later ones that day
    /// plan only the reports and items changed since the last pass, and find nothing to do with two index probes when none did.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var phases = System.Diagnostics.Stopwatch.StartNew();
        var setup = await SweepWatermark.SetupAsync(db, options.Value, ct);
        var since = watermark?.ChangedSince(today, setup, now);
        if (since is { } from && !await db.Reports.AnyAsync(r => r.UpdatedAt >= from, ct)
            && !await db.RectificationItems.AnyAsync(i => i.UpdatedAt >= from, ct))
        {
            watermark!.Covered(today, setup, now);
            Timings = new SweepTimings(0, 0, phases.Elapsed.TotalMilliseconds, 0, 0, Full: false);
            log.LogDebug("Reminder sweep: nothing changed since {Since:O}.", from);
            return 0;
        }
        var calendar = await calendars.LoadAsync(ct);
        var people = await Recipients.LoadAsync(db, ct, standInsOn: today);
        var preferences = await messages.PreferencesOfAsync(null, ct);
        var cycles = await db.Cycles.AsNoTracking().Include(c => c.Units).ToListAsync(ct);
        var policies = PoliciesOf(cycles);
        var loaded = phases.Elapsed;
        var (due, added) = (0, 0);

        async Task StoreAllAsync(List<Candidate> candidates)
        {
            due += candidates.Count;
            added += await StoreAsync(candidates, preferences, today, now, ct);
        }

        var reviews = new List<Candidate>();
        await CollectReviewStepsAsync(reviews, since, people, calendar, policies, today, now, ct);
        await CollectSubmissionsAsync(reviews, since, people, calendar, cycles, today, now, ct);
        await StoreAllAsync(reviews);
        var reports = phases.Elapsed;

        string? after = null;
        while (true)
        {
            var page = new List<Candidate>();
            after = await CollectRectificationsAsync(page, after, since, people, calendar, policies, today, now, ct);
            await StoreAllAsync(page);
            if (after is null) break;
        }
        var longTerm = new List<Candidate>();
        await CollectLongTermReviewsAsync(longTerm, since, people, today, now, ct);
        await StoreAllAsync(longTerm);
        watermark?.Covered(today, setup, now);
        Timings = new SweepTimings(due, added, loaded.TotalMilliseconds, (reports - loaded).TotalMilliseconds,
            (phases.Elapsed - reports).TotalMilliseconds, Full: since is null);
        log.LogInformation("Reminder sweep ({Pass}): {Due} due, {Added} new; load {Load:F0} ms, reports {Reports:F0} ms, rectification {Rectification:F0} ms.",
            since is null ? "full" : "changes", due, added, Timings.LoadMilliseconds, Timings.ReportsMilliseconds, Timings.RectificationMilliseconds);
        return added;
    }

    /// <summary>
    /// The policy of the cycle a unit's year belongs to; null without a cycle (the configured default applies).
    /// A report, its review steps and its rectification items all follow it.
    /// </summary>
    private static ReminderPolicy? CyclePolicy(CyclePolicies cycles, Guid unitId, int year) => cycles.GetValueOrDefault((unitId, year));

    /// <summary>Per (unit, year), the policy of the first cycle that covers it (as listed by the database).</summary>
    private static CyclePolicies PoliciesOf(IReadOnlyList<ReportingCycle> cycles)
    {
        var policies = new CyclePolicies();
        foreach (var cycle in cycles)
            foreach (var unit in cycle.Units)
                policies.TryAdd((unit.UnitId, cycle.Year), cycle.Policy);
        return policies;
    }

    private async Task CollectReviewStepsAsync(List<Candidate> into, DateTimeOffset? since, Recipients people, WorkingCalendar calendar,
        CyclePolicies cycles, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var routes = await db.Routes.AsNoTracking().ToDictionaryAsync(r => r.Version, ct);
        var query = db.Reports.AsNoTracking();
        if (since is { } from) query = query.Where(r => r.UpdatedAt >= from);
        var waiting = await query
            .Where(r => r.Status != ReportStatus.Draft && r.Status != ReportStatus.Returned && r.Status != ReportStatus.Approved)
            .Select(r => new { r.Id, r.Year, r.UnitId, r.Status, r.StatusSince, r.RouteVersion })
            .ToListAsync(ct);
        var tasks = await ReportWaiters.OpenTasksAsync(db, null, ct);
        foreach (var r in waiting)
        {
            var policy = CyclePolicy(cycles, r.UnitId, r.Year)?.Review ?? options.Value.Review;
            var step = routes.TryGetValue(r.RouteVersion, out var route) ? route.StepFor(r.Status) : null;
            if (step is null) continue;
            var entered = ChinaTime.DateOf(r.StatusSince);
            var state = ReminderRelevance.ReviewState(r.Status, r.StatusSince);
            var title = $"{people.UnitName(r.UnitId)}{r.Year}年度主体责任报告 · {step.Name}";
            foreach (var reminder in ReminderPlanner.ForReviewStep(entered, step.TimeLimitWorkingDays, today, calendar, policy))
            {
                // A reviewer's delegate (委托) gets the step's reminders too: one each, his id ends the key.
                var audience = reminder.Audience == ReminderAudience.Responsible
                    ? people.WithStandIns(ReportWaiters.For(people, r.UnitId, step, tasks[r.Id]))
                    : people.Covering(r.UnitId, RoleNames.Committee);
                foreach (var person in audience)
                    into.Add(Candidate.Of(new Notification($"review:{r.Id}:{state}:{reminder.Slot}:{person.UserId}", person.UserId,
                        ReminderSubject.ReviewStep, r.Id, state, reminder, title, links.Report(r.Id), now), person, reminder.WorkingDaysOverdue));
            }
        }
    }

    private async Task CollectSubmissionsAsync(List<Candidate> into, DateTimeOffset? since, Recipients people, WorkingCalendar calendar,
        IReadOnlyList<ReportingCycle> cycles, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var cycle in cycles.Where(c => c.DueDate.AddDays(-c.Policy.Submission.DaysBefore.DefaultIfEmpty(0).Max()) <= today))
        {
            var policy = cycle.Policy.Submission;
            var unitIds = cycle.Units.Select(u => u.UnitId).ToList();
            if (since is { } from)
            {
                // Between full passes only a unit whose report changed (e.g. withdrawn to a draft) can owe a new submission reminder.
                var changed = (await db.Reports.AsNoTracking().Where(r => r.UpdatedAt >= from && r.Year == cycle.Year)
                    .Select(r => r.UnitId).ToListAsync(ct)).ToHashSet();
                unitIds = unitIds.Where(changed.Contains).ToList();
                if (unitIds.Count == 0) continue;
            }
            var reports = await db.Reports.AsNoTracking()
                .Where(r => r.Year == cycle.Year && unitIds.Contains(r.UnitId))
                .Select(r => new { r.Id, r.UnitId, r.Status })
                .ToDictionaryAsync(r => r.UnitId, ct);
            var reminders = ReminderPlanner.ForSubmission(cycle.DueDate, today, calendar, policy);
            foreach (var unitId in unitIds)
            {
                var report = reports.GetValueOrDefault(unitId);
                if (report is not null && report.Status != ReportStatus.Draft) continue;
                var title = $"{people.UnitName(unitId)}{cycle.Name}主体责任报告报送";
                foreach (var reminder in reminders)
                {
                    var drafter = reminder.Audience == ReminderAudience.Responsible;
                    var role = drafter ? RoleNames.Drafter : RoleNames.PartySecretary;
                    var link = report is not null ? links.Report(report.Id) : drafter ? links.NewReport() : links.Reports();
                    foreach (var person in people.Covering(unitId, role))
                        into.Add(Candidate.Of(new Notification($"submission:{cycle.Id}:{unitId}:{reminder.Slot}:{person.UserId}", person.UserId,
                            ReminderSubject.Submission, cycle.Id, unitId.ToString(), reminder, title, link, now), person, reminder.WorkingDaysOverdue));
                }
            }
        }
    }

    /// <summary>
    /// Open items with a deadline: T-7 and T-1 to the owner, then weekly while overdue to the owner and to the responsible leader
    /// (when he is a user of the unit; otherwise the unit's secretary).
    /// </summary>
    private async Task<string?> CollectRectificationsAsync(List<Candidate> into, string? after, DateTimeOffset? since, Recipients people,
        WorkingCalendar calendar, CyclePolicies cycles, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        // A page of open items with a deadline, in code order (unique, indexed); returns the last code, or null after the last page.
        var query = db.RectificationItems.AsNoTracking()
            .Where(i => i.Deadline != null).Where(RectificationItem.OpenExpression);
        if (since is { } from) query = query.Where(i => i.UpdatedAt >= from);
        if (after is not null) query = query.Where(i => string.Compare(i.Code, after) > 0);
        var items = await query.OrderBy(i => i.Code).Take(ItemPage)
            .Select(i => new { i.Id, i.Code, i.UnitId, i.Year, i.Problem, i.Deadline, i.OwnerId, i.ResponsibleLeader })
            .ToListAsync(ct);
        foreach (var item in items)
        {
            var due = item.Deadline!.Value;
            var policy = CyclePolicy(cycles, item.UnitId, item.Year)?.Rectification ?? options.Value.Rectification;
            var reminders = ReminderPlanner.ForRectification(due, today, calendar, policy);
            if (reminders.Count == 0) continue;
            var state = ReminderRelevance.RectificationState(due);
            foreach (var reminder in reminders)
            {
                IReadOnlyList<Recipient> to = reminder.Audience == ReminderAudience.Responsible
                    ? item.OwnerId is not null && people.ById(item.OwnerId) is { } owner ? [owner] : []
                    : !string.IsNullOrWhiteSpace(item.ResponsibleLeader) && people.NamedInUnit(item.UnitId, item.ResponsibleLeader.Trim()) is { } leader
                        ? [leader]
                        : people.Covering(item.UnitId, RoleNames.PartySecretary);
                foreach (var person in to)
                {
                    var key = $"rectification:{item.Id}:{state}:{reminder.Slot}:{person.UserId}";
                    into.Add(new Candidate(key, person, reminder.WorkingDaysOverdue, () => new Notification(key, person.UserId,
                        ReminderSubject.Rectification, item.Id, state, reminder, $"{people.UnitName(item.UnitId)} 整改事项 {item.Code}：{Short(item.Problem)}",
                        links.Rectification(item.Id), now)));
                }
            }
        }
        return items.Count == ItemPage ? items[^1].Code : null;
    }

    /// <summary>长期坚持 items: on the review date (or the first sweep after it) the owner is asked to review the item, once per date.</summary>
    private async Task CollectLongTermReviewsAsync(List<Candidate> into, DateTimeOffset? since, Recipients people, DateOnly today,
        DateTimeOffset now, CancellationToken ct)
    {
        var query = db.RectificationItems.AsNoTracking();
        if (since is { } from) query = query.Where(i => i.UpdatedAt >= from);
        var due = await query
            .Where(i => i.Status == RectificationStatus.LongTerm && i.NextReviewOn != null && i.NextReviewOn <= today && i.OwnerId != null)
            .Select(i => new { i.Id, i.Code, i.UnitId, i.Problem, i.NextReviewOn, i.OwnerId })
            .ToListAsync(ct);
        foreach (var item in due)
        {
            if (people.ById(item.OwnerId!) is not { } owner) continue;
            var reviewOn = item.NextReviewOn!.Value;
            var state = ReminderRelevance.LongTermReviewState(reviewOn);
            var reminder = new Reminder(ReminderKind.DueToday, ReminderAudience.Responsible, reviewOn, reviewOn,
                reviewOn.DayNumber - today.DayNumber, 0);
            into.Add(Candidate.Of(new Notification($"rectification:{item.Id}:{state}:{owner.UserId}", owner.UserId,
                ReminderSubject.Rectification, item.Id, state, reminder, $"{people.UnitName(item.UnitId)} 长期坚持事项评估 {item.Code}：{Short(item.Problem)}",
                links.Rectification(item.Id), now), owner, 0));
        }
    }

    private static string Short(string problem) => problem.Length > 30 ? problem[..30] + "…" : problem;

    /// <summary>Reminders written per transaction: a first sweep over a large ledger records tens of thousands, in bounded memory.</summary>
    private const int StoreBatch = 500;

    private async Task<int> StoreAsync(List<Candidate> candidates, Messages.DeliveryPreferences preferences, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        if (candidates.Count == 0) return 0;
        // One query for all keys (a single array parameter), so a sweep that finds nothing new costs one index probe per reminder.
        var keys = candidates.Select(c => c.Key).Distinct().ToList();
        var existing = (await db.Notifications.Where(n => EF.Parameter(keys).Contains(n.Key)).Select(n => n.Key).ToListAsync(ct)).ToHashSet();
        var fresh = candidates.Where(c => existing.Add(c.Key)).ToList();

        var added = 0;
        foreach (var batch in fresh.Chunk(StoreBatch))
        {
            try
            {
                added += await StoreBatchAsync(batch, preferences, today, now, ct);
            }
            catch (DbUpdateException e) when (Data.DbErrors.IsUniqueViolation(e))
            {
                // Another sweep (another node) recorded some of these first: its rows stand; record the rest of the batch.
                db.ChangeTracker.Clear();
                log.LogInformation("Reminder sweep: another sweep recorded some of the same reminders first.");
                var batchKeys = batch.Select(c => c.Key).ToList();
                var taken = (await db.Notifications.Where(n => EF.Parameter(batchKeys).Contains(n.Key)).Select(n => n.Key).ToListAsync(ct))
                    .ToHashSet();
                try
                {
                    added += await StoreBatchAsync(batch.Where(c => !taken.Contains(c.Key)).ToArray(), preferences, today, now, ct);
                }
                catch (DbUpdateException again) when (Data.DbErrors.IsUniqueViolation(again))
                {
                    log.LogInformation("Reminder sweep: left a batch to the next sweep after a second collision.");
                }
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return added;
    }

    /// <summary>
    /// One transaction: each notification with its message and, as the person chose for its kind, its outbox mail now (the
    /// notification is then resolved), nothing more (resolved too), or a line of tomorrow's digest (left open for the digest).
    /// </summary>
    private async Task<int> StoreBatchAsync(IReadOnlyList<Candidate> batch, Messages.DeliveryPreferences preferences, DateOnly today,
        DateTimeOffset now, CancellationToken ct)
    {
        foreach (var candidate in batch)
        {
            var n = candidate.Create();
            db.Notifications.Add(n);
            var person = candidate.Recipient;
            var kind = MessageKinds.OfReminder(n.Kind, n.Audience);
            var delivery = preferences.Of(person.UserId, kind);
            var draft = new Messages.MessageDraft(n.Key, kind, ReminderMail.Tag(n) + n.Title,
                $"截止日期：{n.DueDate:yyyy年M月d日}（{ReminderMail.Timing(n, today, candidate.WorkingDaysOverdue)}）", n.Link);
            var mail = messages.Write(draft, new Messages.MessageAddressee(person.UserId, person.Name, person.Email), delivery, now, () =>
            {
                var content = ReminderMail.Single(n, person.Name, app.Value.BaseUrl, today, candidate.WorkingDaysOverdue);
                return new Messages.MailContent(content.Subject, content.Html, content.Text);
            }, new Messages.MailGuard(n.Subject, n.SubjectId, n.SubjectState), digestElsewhere: true);
            if (mail is not null || delivery == MessageDelivery.InApp) n.Resolve(mail, now);
        }
        // Every row is in place: detect the changes once, not again in each look at the tracker the save makes (append-only guard,
        // archive seals, outbox mirror), which cost a pass over the whole batch each.
        db.ChangeTracker.DetectChanges();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
        return batch.Count;
    }
}

/// <summary>
/// One sweep: reminders due, newly recorded, milliseconds per phase, and whether it was a full pass (the day's first, or
/// after a setup change) or planned only what changed since the last pass.
/// </summary>
public sealed record SweepTimings(int Due, int Added, double LoadMilliseconds, double ReportsMilliseconds, double RectificationMilliseconds,
    bool Full = true);
