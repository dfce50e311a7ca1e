using Microsoft.AspNetCore.Identity;
using Workflow.Host.Identity;
using Workflow.Host.Security;

namespace Workflow.Web;

/// <summary>
/// Checks a user name and password for the login page and the API alike: rate limits first, then one answer for every
/// failure (unknown name, wrong password, locked or disabled account) after about the same work, so neither the answer
/// nor its time tells whether an account exists or is locked. Identity's lockout still counts the failures. Audited.
/// </summary>
public sealed class PasswordLogin(UserManager<AppUser> users, SignInManager<AppUser> signIn, ILookupNormalizer normalizer,
    IPasswordHasher<AppUser> hasher, LoginThrottle throttle, ISecurityAudit audit, IHttpContextAccessor http)
{
    /// <summary>The one title of every failed sign-in, page and API.</summary>
    public const string FailureTitle = "用户名或密码错误；连续失败多次的账号将暂时锁定。";

    /// <summary>Longest user name quoted in the audit log.</summary>
    private const int MaxAuditedNameLength = 64;

    // A hash of a random password made with the app's own hasher and settings, so verifying it costs what a real check costs.
    private static string? s_dummyHash;

    public async Task<LoginResult> CheckAsync(string? userName, string? password, CancellationToken ct = default)
    {
        var name = userName?.Trim() ?? "";
        var audited = name.Length <= MaxAuditedNameLength ? name : name[..MaxAuditedNameLength] + "…";
        var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

        if (throttle.TryAcquire(address, name.Length == 0 ? "" : normalizer.NormalizeName(name)) is { } refusal)
        {
            await audit.RecordAsync(new SecurityEvent(SecurityEventKind.SignInRateLimited, audited, false,
                $"limit={refusal.Limit} retryAfter={refusal.RetryAfterSeconds}s"), ct);
            return LoginResult.Limited(refusal);
        }

        var user = name.Length == 0 ? null : await users.FindByNameAsync(name);
        if (user is null || string.IsNullOrEmpty(password))
            return await FailAsync(audited, password, user is null ? "unknown-account" : "no-password", ct);
        // Identity refuses a locked or barred account before it hashes anything; hash anyway so it takes as long as a wrong password.
        if (await users.IsLockedOutAsync(user))
            return await FailAsync(user.UserName, password, "locked-out", ct);
        if (!await signIn.CanSignInAsync(user))
            return await FailAsync(user.UserName, password, "not-allowed", ct);

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync(new SecurityEvent(SecurityEventKind.SignInSucceeded, user.UserName), ct);
            return LoginResult.Success(user);
        }
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.SignInFailed, user.UserName, false,
            result.IsLockedOut ? "wrong-password (locks the account)" : "wrong-password"), ct);
        if (result.IsLockedOut)
        {
            var until = await users.GetLockoutEndDateAsync(user);
            await audit.RecordAsync(new SecurityEvent(SecurityEventKind.AccountLockedOut, user.UserName, true,
                $"after repeated failures, until {until:u}"), ct);
        }
        return LoginResult.Failure;
    }

    private async Task<LoginResult> FailAsync(string? account, string? password, string reason, CancellationToken ct)
    {
        s_dummyHash ??= hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(new AppUser(), s_dummyHash, password ?? "");
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.SignInFailed, account, false, reason), ct);
        return LoginResult.Failure;
    }
}

/// <summary>What <see cref="PasswordLogin.CheckAsync"/> found: the user, a rate-limit refusal, or a failure that says nothing more.</summary>
public sealed record LoginResult(AppUser? User, LoginRefusal? Refusal)
{
    public static readonly LoginResult Failure = new(null, null);

    public static LoginResult Success(AppUser user) => new(user, null);

    public static LoginResult Limited(LoginRefusal refusal) => new(null, refusal);
}

/// <summary>Registration of the sign-in protection: limits from "LoginLimits", validated on start.</summary>
public static class LoginProtection
{
    public static IServiceCollection AddLoginProtection(this IServiceCollection services)
    {
        services.AddOptions<LoginLimitsOptions>().BindConfiguration(LoginLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<PasswordLogin>();
        return services;
    }
}
