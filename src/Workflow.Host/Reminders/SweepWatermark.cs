using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Cycles;
using Workflow.Host.Data;

namespace Workflow.Host.Reminders;

/// <summary>
/// What the last reminder sweep of this process covered: its China day, the setup it planned with (calendar, cycles and their
/// policies, default policies, routes, people) and when it started. A sweep on the same day with the same setup reads only
/// the reports and items changed since then (their indexed <c>UpdatedAt</c>); anything else — a new day, a calendar or policy
/// edit, a new process, a clock that went back — makes it a full pass. Reminders fall due on China dates, so within one day
/// only a change can make a new one due; the first sweep of each day catches every point that time alone has reached.
/// Kept in memory per process: a node that has not swept today, or since a change, simply does a full pass; the unique
/// notification key still makes every reminder exactly-once whatever any node does.
/// </summary>
public sealed class SweepWatermark
{
    /// <summary>
    /// A change is stamped (<c>UpdatedAt</c>) when made and visible when committed, a moment later: the next pass re-reads
    /// this much before the last one started, so a write committed while a pass was reading is not skipped.
    /// </summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private (DateOnly Day, string Setup, DateTimeOffset Started)? _covered;

    /// <summary>Where an incremental pass may start reading, or null when this one must be a full pass.</summary>
    public DateTimeOffset? ChangedSince(DateOnly today, string setup, DateTimeOffset now)
    {
        lock (_gate)
            return _covered is { } c && c.Day == today && c.Setup == setup && now >= c.Started ? c.Started - Overlap : null;
    }

    /// <summary>A pass that started at <paramref name="started"/> finished: everything changed before it is covered.</summary>
    public void Covered(DateOnly day, string setup, DateTimeOffset started)
    {
        lock (_gate) _covered = (day, setup, started);
    }

    /// <summary>
    /// A digest of everything besides reports and items that decides which reminders are due and for whom, read with a few
    /// small queries: the calendar, the cycles (policy, due date, how many units), the configured default policies, the
    /// route versions, and how many users, role assignments and delegations (running and ended) there are. A role moved
    /// from one person to another in the same minute keeps the counts: his reminders wait for the next day's full pass.
    /// </summary>
    public static async Task<string> SetupAsync(AppDbContext db, ReminderOptions options, CancellationToken ct)
    {
        var text = new StringBuilder();
        foreach (var day in await db.CalendarDays.AsNoTracking().OrderBy(d => d.Date).Select(d => new { d.Date, d.Kind }).ToListAsync(ct))
            text.Append(day.Date.DayNumber).Append(':').Append(day.Kind).Append(';');
        foreach (var cycle in await db.Cycles.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct))
            text.Append(cycle.Id).Append(':').Append(cycle.Year).Append(':').Append(cycle.DueDate.DayNumber).Append(':')
                .Append(JsonSerializer.Serialize(cycle.Policy)).Append(';');
        text.Append("|units ").Append(await db.Set<ReportingCycleUnit>().CountAsync(ct));
        text.Append("|policy ").Append(JsonSerializer.Serialize(options.Policy));
        text.Append("|routes ").Append(await db.Routes.CountAsync(ct));
        text.Append("|users ").Append(await db.Users.CountAsync(ct));
        text.Append("|roles ").Append(await db.UserRoles.CountAsync(ct));
        text.Append("|delegations ").Append(await db.Delegations.CountAsync(ct))
            .Append('/').Append(await db.Delegations.CountAsync(d => d.EndedAt != null, ct));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
