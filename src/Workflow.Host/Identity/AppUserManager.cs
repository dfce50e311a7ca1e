using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Host.Data;

namespace Workflow.Host.Identity;

/// <summary>
/// Identity's user manager with a lockout that holds: it runs on the application's <see cref="TimeProvider"/>
/// (the stock one reads the system clock) and counts failed sign-ins atomically in the database
/// (the stock read-modify-write loses parallel guesses to concurrency failures, so they never lock the account).
/// </summary>
public sealed class AppUserManager(IUserStore<AppUser> store, IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher, IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators, ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors,
    IServiceProvider services, ILogger<UserManager<AppUser>> logger, TimeProvider clock, AppDbContext db)
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
        var row = db.Users.Where(u => u.Id == user.Id);
        // A new stamp makes a stale copy of the user fail to save instead of overwriting the counters.
        var stamp = Guid.NewGuid().ToString();
        await row.ExecuteUpdateAsync(s => s
            .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1)
            .SetProperty(u => u.ConcurrencyStamp, stamp), CancellationToken);
        var count = await row.Select(u => u.AccessFailedCount).SingleAsync(CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            var lockoutEnd = clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan);
            await row.ExecuteUpdateAsync(s => s
                .SetProperty(u => u.LockoutEnd, lockoutEnd)
                .SetProperty(u => u.AccessFailedCount, 0)
                .SetProperty(u => u.ConcurrencyStamp, stamp), CancellationToken);
        }
        // The sign-in manager asks IsLockedOutAsync next, about this very object.
        await db.Entry(user).ReloadAsync(CancellationToken);
        return IdentityResult.Success;
    }
}
