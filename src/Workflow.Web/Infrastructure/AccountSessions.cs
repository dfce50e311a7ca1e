using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Security;

namespace Workflow.Web;

/// <summary>Settings under "Session": how long a page sign-in lasts.</summary>
public sealed class SignInSessionOptions
{
    public const string Section = "Session";

    /// <summary>Signed out after this long without a request (sliding).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Signed out this long after signing in, however active (not renewed by activity).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(8);
}

/// <summary>
/// The account lifecycle on every request (issue 13 item 2): a page cookie is checked against the database each time (security
/// stamp, disabled, idle and absolute lifetime) and its roles re-read, so a password change, reset, disable or role change
/// ends it on the next request; a bearer token carries the stamp and is refused (401 token-revoked) once it changes; an
/// account that must set a new password is sent to the change form from every page.
/// </summary>
public static class AccountSessions
{
    private const string SignedInAtItem = ".approvalflow.signedin";

    public const string ChangePasswordPath = "/Account/ChangePassword";

    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<SignedInPrincipals>();
        services.AddOptions<SignInSessionOptions>().BindConfiguration(SignInSessionOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.AbsoluteLifetime >= o.IdleTimeout, "Session:AbsoluteLifetime must not be shorter than Session:IdleTimeout.")
            .ValidateOnStart();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SignInSessionOptions>>((o, session) =>
            {
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = session.Value.IdleTimeout;
                o.Events.OnSigningIn = context =>
                {
                    var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                    context.Properties.Items.TryAdd(SignedInAtItem, now.ToString("O", CultureInfo.InvariantCulture));
                    return Task.CompletedTask;
                };
                o.Events.OnValidatePrincipal = ValidateCookieAsync;
            });
    }

    /// <summary>
    /// Instead of Identity's interval-based stamp check: every request, whatever the clock says — one query for the account's
    /// stamp and state. The principal (roles, posts, must-change mark) is built again only when the account's stamp, the directory
    /// (<see cref="CurrentDirectory"/>) or the minute has changed since this node last built it (<see cref="SignedInPrincipals"/>).
    /// </summary>
    private static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var absolute = services.GetRequiredService<IOptions<SignInSessionOptions>>().Value.AbsoluteLifetime;
        var fresh = context.Properties.Items.TryGetValue(SignedInAtItem, out var text)
                    && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedInAt)
                    && now - signedInAt < absolute;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(stampClaim);
        var account = !fresh || id is null || stamp is null ? null : await AccountAsync(context.HttpContext, id);
        if (account is not { } found || found.DisabledAt is not null || found.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        // Roles and the must-change mark as the database has them now, not as they were at sign-in.
        var directory = await services.GetRequiredService<CurrentDirectory>().StampAsync(context.HttpContext.RequestAborted);
        var principals = services.GetRequiredService<SignedInPrincipals>();
        var key = new SignedInPrincipals.Key(id!, stamp!, directory, now.ToUnixTimeSeconds() / 60);
        if (principals.Find(key) is not { } principal)
        {
            var signIn = services.GetRequiredService<SignInManager<AppUser>>();
            if (await signIn.UserManager.FindByIdAsync(id!) is not { } user)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }
            principal = await signIn.CreateUserPrincipalAsync(user);
            principals.Keep(key, principal);
        }
        context.ReplacePrincipal(principal.Clone());
        context.ShouldRenew = true;
    }

    public static void Use(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api")
                && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                var result = await context.AuthenticateAsync(IdentityConstants.BearerScheme);
                if (result.Succeeded && !await TokenStillValidAsync(context, result.Principal))
                {
                    await TypedResults.Problem(Problems.Create(StatusCodes.Status401Unauthorized, "token-revoked",
                        "访问令牌已失效（密码、角色、单位或账号状态已变更），请重新登录。")).ExecuteAsync(context);
                    return;
                }
            }
            else if (context.User.HasClaim(c => c.Type == AppUserClaimsPrincipalFactory.MustChangePasswordClaim)
                     && !context.Request.Path.StartsWithSegments("/api")
                     && !context.Request.Path.StartsWithSegments(ChangePasswordPath, StringComparison.OrdinalIgnoreCase)
                     && !context.Request.Path.StartsWithSegments("/Account/Logout", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Redirect(ChangePasswordPath);
                return;
            }
            await next(context);
        });
    }

    /// <summary>One query: the token's stamp is still the account's, and the account is not disabled.</summary>
    private static async Task<bool> TokenStillValidAsync(HttpContext context, ClaimsPrincipal principal)
    {
        var stampClaim = context.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal.FindFirstValue(stampClaim);
        if (id is null || stamp is null) return false;
        return await AccountAsync(context, id) is { } account && account.DisabledAt is null && account.SecurityStamp == stamp;
    }

    /// <summary>
    /// The account's security stamp and disabled mark, and in the same query the directory's stamp, which the request's
    /// <see cref="CurrentDirectory"/> then uses instead of reading it again; null when the account is gone.
    /// </summary>
    private static async Task<(string? SecurityStamp, DateTimeOffset? DisabledAt)?> AccountAsync(HttpContext context, string id)
    {
        var db = context.RequestServices.GetRequiredService<AppDbContext>();
        var row = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new
            {
                u.SecurityStamp, u.DisabledAt,
                Directory = db.DirectoryVersions.Where(v => v.Id == DirectoryVersion.TheRow).Select(v => (Guid?)v.Stamp).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(context.RequestAborted);
        if (row is null) return null;
        if (row.Directory is { } directory) context.RequestServices.GetRequiredService<CurrentDirectory>().Read(directory);
        return (row.SecurityStamp, row.DisabledAt);
    }
}

/// <summary>
/// The page principals this node built, each under the account's security stamp, the directory stamp and the minute it was built
/// in (an aged password or a new password policy shows within a minute); past <see cref="MaxEntries"/> it starts over.
/// </summary>
public sealed class SignedInPrincipals
{
    public const int MaxEntries = 20_000;

    public sealed record Key(string UserId, string SecurityStamp, Guid Directory, long Minute);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (Key Key, ClaimsPrincipal Principal)> _entries =
        new(StringComparer.Ordinal);

    public ClaimsPrincipal? Find(Key key) => _entries.TryGetValue(key.UserId, out var entry) && entry.Key == key ? entry.Principal : null;

    public void Keep(Key key, ClaimsPrincipal principal)
    {
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[key.UserId] = (key, principal);
    }
}
