using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Activities.Calendar;
using Workflow.Host.Data;

namespace Workflow.Host.Security;

/// <summary>
/// The only way rows leave the security audit log: entries older than <see cref="AuditOptions.RetentionDays"/> are deleted
/// under a purge permit (see <see cref="SecurityAuditPurgePermit"/>), and the purge itself is recorded as <see cref="SecurityEventKind.AuditLogPurged"/>.
/// </summary>
public sealed class AuditLogPurge(AppDbContext db, IOptions<AuditOptions> options, TimeProvider clock, ISecurityAudit audit)
{
    public const string JobId = "audit-log-purge";

    /// <summary>Deletes the entries older than the retention; answers how many.</summary>
    [DisableConcurrentExecution(300), AutomaticRetry(Attempts = 0)]
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        int deleted;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var permit = SecurityAuditPurgePermit.For(cutoff);
            db.SecurityAuditPurgePermits.Add(permit);
            await db.SaveChangesAsync(ct);
            deleted = await db.SecurityAudit.Where(e => e.At < cutoff).ExecuteDeleteAsync(ct);
            await db.SecurityAuditPurgePermits.Where(p => p.Id == permit.Id).ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.AuditLogPurged, null, true,
            $"删除{deleted}条早于{ChinaTimeText(cutoff)}的记录（保留{options.Value.RetentionDays}天）"), ct);
        return deleted;
    }

    private static string ChinaTimeText(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, ChinaTime.Zone).ToString("yyyy-MM-dd HH:mm:ss");
}
