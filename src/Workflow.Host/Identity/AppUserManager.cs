using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Workflow.Host.Identity;

/// <summary>
/// Identity's user manager with lockout on the application's <see cref="TimeProvider"/>: the stock one reads
/// DateTimeOffset.UtcNow, so lockouts could not be tested and disagreed with every other clock of the app.
/// </summary>
public sealed class AppUserManager(IUserStore<AppUser> store, IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher, IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators, ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors,
    IServiceProvider services, ILogger<UserManager<AppUser>> logger, TimeProvider clock)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<bool> IsLockedOutAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await GetLockoutEnabledAsync(user)) return false;
        return await GetLockoutEndDateAsync(user) >= clock.GetUtcNow();
    }

    /// <summary>Counts a failed sign-in; at the limit, locks the account from now and starts the count again.</summary>
    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var store = (IUserLockoutStore<AppUser>)Store;
        var count = await store.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await store.SetLockoutEndDateAsync(user, clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await store.ResetAccessFailedCountAsync(user, CancellationToken);
        }
        return await UpdateUserAsync(user);
    }
}
