using System.ComponentModel.DataAnnotations;

namespace Workflow.Web;

/// <summary>Settings under "LoginLimits": how many sign-in attempts (page and API) one client address and one account name get per window.</summary>
public sealed class LoginLimitsOptions
{
    public const string Section = "LoginLimits";

    /// <summary>Attempts one client address may make per window, whatever the names: a guesser spraying many accounts.</summary>
    [Range(1, 1_000_000)]
    public int PerAddressPermits { get; set; } = 30;

    /// <summary>
    /// Attempts on one account name per window, from any address, known account or not: a guesser behind many addresses.
    /// Identity's lockout (5 failures, 15 minutes) stops a real account first; this also stops unknown names, so both answer alike.
    /// </summary>
    [Range(1, 1_000_000)]
    public int PerAccountPermits { get; set; } = 10;

    /// <summary>The window both counts start again after.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
