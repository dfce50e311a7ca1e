using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Host.Data;

namespace Workflow.Host.Security;

/// <summary>The kinds of event the security audit log (安全审计) records. The names are stable: they are stored and exported.</summary>
public enum SecurityEventKind
{
    SignInSucceeded,
    SignInFailed,
    AccountLockedOut,
    SignInRateLimited,
    SignOut,
    PasswordChanged,
    PasswordReset,
    AccountCreated,
    AccountUpdated,
    AccountDisabled,
    AccountEnabled,
    AccountUnlocked,
    RolesChanged,
    PasswordPolicyChanged,
    PermissionDenied,
    UnitChanged,
    OrganisationImported,
    RoutePublished,
    CalendarEdited,
    CycleChanged,
    OutboxRequeued,
    EvidenceDownloaded,
    AuditLogExported,
    AuditLogPurged,
    BackupCreated,
    DelegationSet,
    DelegationEnded,
    ArchiveExported,
    ArchiveChecked,
}

/// <summary>One event: what happened, to or by which account, whether it succeeded, and a short detail (never a password).</summary>
public sealed record SecurityEvent(SecurityEventKind Kind, string? Account, bool Succeeded = true, string? Detail = null)
{
    /// <summary>A rectification item's evidence file was downloaded (API or page), by the signed-in user.</summary>
    public static SecurityEvent EvidenceDownloaded(Guid itemId, Guid fileId, string fileName) =>
        new(SecurityEventKind.EvidenceDownloaded, null, true, $"整改事项 {itemId} 的佐证材料“{fileName}”（{fileId}）");
}

/// <summary>
/// Records security events. The implementation adds the time, the acting account, the client address and the user agent of
/// the current request itself, so callers say only what happened.
/// </summary>
public interface ISecurityAudit
{
    Task RecordAsync(SecurityEvent e, CancellationToken ct = default);
}

/// <summary>
/// Writes each event to the append-only table <c>SecurityAuditEntries</c> and as a structured log line. The row is written
/// through a DbContext of its own, so it stays even when the request's own unit of work fails or is rolled back. SQLite has
/// one writer: while this scope's own context holds a transaction there, a second connection would wait for it, so the
/// entry is kept back and written once that transaction has ended (at the next event, or when the scope ends).
/// </summary>
internal sealed class DatabaseSecurityAudit(
    IServiceScopeFactory scopes, IServiceProvider scope, IHttpContextAccessor http, TimeProvider clock, ILogger<DatabaseSecurityAudit> logger)
    : ISecurityAudit, IAsyncDisposable
{
    private readonly List<SecurityAuditEntry> _pending = [];

    public async Task RecordAsync(SecurityEvent e, CancellationToken ct = default)
    {
        var context = http.HttpContext;
        var actor = context?.User.Identity is { IsAuthenticated: true } identity ? identity.Name : null;
        // Signed in: the actor is the account and the event's account (if another) the subject. Not signed in (a sign-in
        // attempt, a job): the event's account is the one concerned.
        var account = actor ?? e.Account;
        var subject = actor is not null && e.Account is not null && e.Account != actor ? e.Account : null;
        var entry = SecurityAuditEntry.Create(clock.GetUtcNow(), e.Kind, account, subject, e.Succeeded, e.Detail,
            context?.Connection.RemoteIpAddress?.ToString(), context?.Request.Headers.UserAgent.ToString());
        logger.LogInformation("Security event {Kind} account={Account} subject={Subject} succeeded={Succeeded} client={Client} {Detail}",
            e.Kind, entry.Account, entry.Subject, e.Succeeded, entry.ClientAddress, e.Detail);
        _pending.Add(entry);
        if (!InsideSqliteTransaction()) await FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_pending.Count > 0) await FlushAsync();
    }

    private bool InsideSqliteTransaction() =>
        scope.GetService<AppDbContext>() is { } db && db.Database.CurrentTransaction is not null && db.Database.IsSqlite();

    private async Task FlushAsync()
    {
        var entries = _pending.ToList();
        _pending.Clear();
        try
        {
            await using var own = scopes.CreateAsyncScope();
            var db = own.ServiceProvider.GetRequiredService<AppDbContext>();
            db.SecurityAudit.AddRange(entries);
            // Not the caller's token: an event of a request that is being cancelled (a 403 to a client gone away) is still kept.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException or ObjectDisposedException)
        {
            // The answer to the user must not turn into a 500 because the log could not be written; operations see this line.
            logger.LogError(ex, "{Count} security events ({Kinds}) could not be written to the audit log", entries.Count,
                string.Join(", ", entries.Select(x => x.Kind)));
        }
    }
}
