using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflow.Host.Data;

namespace Workflow.Host.Identity;

/// <summary>
/// Identity's user manager with a lockout that holds: it runs on the application's <see cref="TimeProvider"/>
/// (the stock one reads the system clock) and counts failed sign-ins atomically in the database
/// (the stock read-modify-write loses parallel guesses to concurrency failures, so they never lock the account).
/// Every password it sets is dated (for the policy's maximum age) and the one it replaces kept as a hash in the password history; a reset makes
/// the new password a one-time one, a change by the user himself clears that.
/// </summary>
public sealed class AppUserManager(IUserStore<AppUser> store, IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher, IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators, ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors,
    IServiceProvider services, ILogger<UserManager<AppUser>> logger, TimeProvider clock, AppDbContext db)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    /// <summary>
    /// The request's token (as ASP.NET Core's own user manager has it): the per-request session check and every sign-in stop
    /// when the client goes away or the request times out, instead of waiting on a stuck query.
    /// </summary>
    protected override CancellationToken CancellationToken => _http?.HttpContext?.RequestAborted ?? CancellationToken.None;

    private readonly Microsoft.AspNetCore.Http.IHttpContextAccessor? _http = services.GetService<Microsoft.AspNetCore.Http.IHttpContextAccessor>();

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

    public override async Task<IdentityResult> CreateAsync(AppUser user, string password)
    {
        user.PasswordChangedAt = clock.GetUtcNow();
        return await base.CreateAsync(user, password);
    }

    public override async Task<IdentityResult> AddPasswordAsync(AppUser user, string password)
    {
        var changedAt = user.PasswordChangedAt;
        user.PasswordChangedAt = clock.GetUtcNow();
        var replaced = user.PasswordHash;
        var result = await base.AddPasswordAsync(user, password);
        if (result.Succeeded) await RememberPasswordAsync(user, replaced);
        else user.PasswordChangedAt = changedAt;
        return result;
    }

    public override async Task<IdentityResult> ChangePasswordAsync(AppUser user, string currentPassword, string newPassword)
    {
        var (changedAt, mustChange) = (user.PasswordChangedAt, user.MustChangePassword);
        user.PasswordChangedAt = clock.GetUtcNow();
        user.MustChangePassword = false;
        var replaced = user.PasswordHash;
        var result = await base.ChangePasswordAsync(user, currentPassword, newPassword);
        if (result.Succeeded) await RememberPasswordAsync(user, replaced);
        else (user.PasswordChangedAt, user.MustChangePassword) = (changedAt, mustChange);
        return result;
    }

    public override async Task<IdentityResult> ResetPasswordAsync(AppUser user, string token, string newPassword)
    {
        var (changedAt, mustChange) = (user.PasswordChangedAt, user.MustChangePassword);
        user.PasswordChangedAt = clock.GetUtcNow();
        user.MustChangePassword = true;
        var replaced = user.PasswordHash;
        var result = await base.ResetPasswordAsync(user, token, newPassword);
        if (result.Succeeded) await RememberPasswordAsync(user, replaced);
        else (user.PasswordChangedAt, user.MustChangePassword) = (changedAt, mustChange);
        return result;
    }

    /// <summary>Keeps the replaced hash, and only as many old ones as the longest history the policy allows.</summary>
    private async Task RememberPasswordAsync(AppUser user, string? replacedHash)
    {
        if (string.IsNullOrEmpty(replacedHash)) return;
        db.PasswordHistory.Add(new PasswordHistoryEntry { UserId = user.Id, PasswordHash = replacedHash, ChangedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(CancellationToken);
        var keep = await db.PasswordHistory.Where(h => h.UserId == user.Id).OrderByDescending(h => h.Id).Skip(HistoryKept)
            .Select(h => h.Id).FirstOrDefaultAsync(CancellationToken);
        if (keep != 0)
            await db.PasswordHistory.Where(h => h.UserId == user.Id && h.Id <= keep).ExecuteDeleteAsync(CancellationToken);
    }

    /// <summary>The upper bound of PasswordPolicy:History.</summary>
    private const int HistoryKept = 24;
}
