namespace Workflow.Host.Security;

/// <summary>One row of the security audit log (安全审计). Append-only: the database refuses UPDATE, and DELETE except through the purge.</summary>
public sealed class SecurityAuditEntry
{
    public const int MaxAccountLength = 256;
    public const int MaxDetailLength = 1000;
    public const int MaxClientAddressLength = 64;
    public const int MaxUserAgentLength = 512;
    public const int MaxKindLength = 40;

    public long Id { get; private set; }

    /// <summary>When it happened (UTC).</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>The stable name of the <see cref="SecurityEventKind"/>.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>The acting account's user name, or the name tried when nobody is signed in (a failed sign-in); null for the system's own jobs.</summary>
    public string? Account { get; private set; }

    /// <summary>The account or thing acted upon, when it is not the actor.</summary>
    public string? Subject { get; private set; }

    public bool Succeeded { get; private set; }
    public string? Detail { get; private set; }
    public string? ClientAddress { get; private set; }
    public string? UserAgent { get; private set; }

    private SecurityAuditEntry() { }

    /// <summary>A new row, every text cut to its column.</summary>
    public static SecurityAuditEntry Create(DateTimeOffset at, SecurityEventKind kind, string? account, string? subject, bool succeeded,
        string? detail, string? clientAddress, string? userAgent) => new()
    {
        At = at.ToUniversalTime(),
        Kind = kind.ToString(),
        Account = Cut(account, MaxAccountLength),
        Subject = Cut(subject, MaxAccountLength),
        Succeeded = succeeded,
        Detail = Cut(detail, MaxDetailLength),
        ClientAddress = Cut(clientAddress, MaxClientAddressLength),
        UserAgent = Cut(userAgent, MaxUserAgentLength),
    };

    private static string? Cut(string? text, int max) =>
        string.IsNullOrEmpty(text) ? null : text.Length <= max ? text : text[..max];
}

/// <summary>
/// Written by the purge in the same transaction as its DELETE and removed before it commits: the database lets a row of
/// the audit log be deleted only while a permit whose cutoff is later than the row's time exists.
/// </summary>
public sealed class SecurityAuditPurgePermit
{
    public long Id { get; private set; }
    public DateTimeOffset Cutoff { get; private set; }

    private SecurityAuditPurgePermit() { }

    public static SecurityAuditPurgePermit For(DateTimeOffset cutoff) => new() { Cutoff = cutoff.ToUniversalTime() };
}
