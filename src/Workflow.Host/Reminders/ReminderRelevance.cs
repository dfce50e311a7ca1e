using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reminders;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Mail;

namespace Workflow.Host.Reminders;

/// <summary>Answers "is this still waiting?" just before a reminder goes out, so reminders stop the moment work is done.</summary>
public sealed class ReminderRelevance(AppDbContext db) : IOutboxGuard
{
    public static string ReviewState(ReportStatus status, DateTimeOffset since) => $"{status}@{since.UtcTicks}";

    /// <summary>A rectification reminder is about one deadline: an approved extension makes the old reminders moot.</summary>
    public static string RectificationState(DateOnly? deadline) => deadline?.ToString("yyyy-MM-dd") ?? "";

    /// <summary>A long-term item is due for review on its review date; a new date or a status change makes the reminder moot.</summary>
    public static string LongTermReviewState(DateOnly reviewOn) => ReviewPrefix + reviewOn.ToString("yyyy-MM-dd");

    public const string ReviewPrefix = "review@";

    public async Task<bool> StillWaitingAsync(ReminderSubject subject, Guid subjectId, string state, CancellationToken ct = default)
    {
        switch (subject)
        {
            case ReminderSubject.ReviewStep:
                var report = await db.Reports.AsNoTracking().Where(r => r.Id == subjectId)
                    .Select(r => new { r.Status, r.StatusSince }).FirstOrDefaultAsync(ct);
                return report is not null && ReviewState(report.Status, report.StatusSince) == state;
            case ReminderSubject.Submission:
                if (!Guid.TryParse(state, out var unitId)) return false;
                var cycle = await db.Cycles.AsNoTracking().Where(c => c.Id == subjectId).Select(c => new { c.Year }).FirstOrDefaultAsync(ct);
                if (cycle is null) return false;
                var submitted = await db.Reports.AnyAsync(r => r.UnitId == unitId && r.Year == cycle.Year && r.Status != ReportStatus.Draft, ct);
                return !submitted;
            case ReminderSubject.Rectification:
                var item = await db.RectificationItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == subjectId, ct);
                if (item is null) return false;
                if (state.StartsWith(ReviewPrefix, StringComparison.Ordinal))
                    return item.Status == RectificationStatus.LongTerm && item.NextReviewOn is { } review && LongTermReviewState(review) == state;
                return item.IsOpen && RectificationState(item.Deadline) == state;
            default:
                return false;
        }
    }
}
