using Microsoft.Extensions.Logging;

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
}

/// <summary>One event: what happened, to or by which account, whether it succeeded, and a short detail (never a password).</summary>
public sealed record SecurityEvent(SecurityEventKind Kind, string? Account, bool Succeeded = true, string? Detail = null);

/// <summary>
/// Records security events. The implementation adds the time, the acting account, the client address and the user agent of
/// the current request itself, so callers say only what happened.
/// </summary>
public interface ISecurityAudit
{
    Task RecordAsync(SecurityEvent e, CancellationToken ct = default);
}

/// <summary>Writes each event as a structured log line (the first home of the audit trail, before the append-only table).</summary>
internal sealed class LoggingSecurityAudit(ILogger<LoggingSecurityAudit> logger) : ISecurityAudit
{
    public Task RecordAsync(SecurityEvent e, CancellationToken ct = default)
    {
        logger.LogInformation("Security event {Kind} account={Account} succeeded={Succeeded} {Detail}", e.Kind, e.Account, e.Succeeded, e.Detail);
        return Task.CompletedTask;
    }
}
