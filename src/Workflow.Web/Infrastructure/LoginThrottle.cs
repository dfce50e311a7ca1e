using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Workflow.Web;

/// <summary>
/// The sign-in rate limits of the page and the API: a fixed window per client address and one per normalised account
/// name. Held by the login code rather than the rate-limiting middleware because the account name is in the body, and
/// so the page can answer 429 beside its form while the API answers problem+json. The windows run on the wall clock:
/// System.Threading.RateLimiting takes no TimeProvider.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    /// <summary>Longest name a partition is kept under; longer input is cut, so a hostile name costs no more memory.</summary>
    private const int MaxKeyLength = 256;

    private readonly PartitionedRateLimiter<string> _byAddress;
    private readonly PartitionedRateLimiter<string> _byAccount;

    public LoginThrottle(IOptions<LoginLimitsOptions> options)
    {
        var limits = options.Value;
        _byAddress = Create(limits.PerAddressPermits, limits.Window);
        _byAccount = Create(limits.PerAccountPermits, limits.Window);
    }

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        }));

    /// <summary>
    /// Takes one attempt from both the address's and the account's window; null when allowed, otherwise which limit
    /// refused and how long until it may be tried again.
    /// </summary>
    public LoginRefusal? TryAcquire(string address, string normalizedAccount)
    {
        using (var lease = _byAddress.AttemptAcquire(Bound(address)))
            if (!lease.IsAcquired) return new LoginRefusal("address", RetryAfter(lease));
        if (normalizedAccount.Length == 0) return null;
        using (var lease = _byAccount.AttemptAcquire(Bound(normalizedAccount)))
            if (!lease.IsAcquired) return new LoginRefusal("account", RetryAfter(lease));
        return null;
    }

    private static string Bound(string key) => key.Length <= MaxKeyLength ? key : key[..MaxKeyLength];

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);

    public void Dispose()
    {
        _byAddress.Dispose();
        _byAccount.Dispose();
    }
}

/// <summary>A sign-in attempt refused by a rate limit: which one ("address" or "account") and when to try again.</summary>
public sealed record LoginRefusal(string Limit, TimeSpan RetryAfter)
{
    /// <summary>Whole seconds, rounded up, for the Retry-After header.</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(RetryAfter.TotalSeconds);

    /// <summary>Whole minutes, rounded up, for the message.</summary>
    public int RetryAfterMinutes => (int)Math.Ceiling(RetryAfter.TotalMinutes);
}
