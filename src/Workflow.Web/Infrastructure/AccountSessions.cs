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

    /// <summary>Instead of Identity's interval-based stamp check: every request, whatever the clock says.</summary>
    private static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var absolute = services.GetRequiredService<IOptions<SignInSessionOptions>>().Value.AbsoluteLifetime;
        var signIn = services.GetRequiredService<SignInManager<AppUser>>();
        var fresh = context.Properties.Items.TryGetValue(SignedInAtItem, out var text)
                    && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedInAt)
                    && now - signedInAt < absolute;
        var user = fresh && context.Principal is { } principal ? await signIn.ValidateSecurityStampAsync(principal) : null;
        if (user is null || user.DisabledAt is not null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        // Roles and the must-change mark as the database has them now, not as they were at sign-in.
        context.ReplacePrincipal(await signIn.CreateUserPrincipalAsync(user));
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
        var services = context.RequestServices;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal.FindFirstValue(stampClaim);
        if (id is null || stamp is null) return false;
        var db = services.GetRequiredService<AppDbContext>();
        var account = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.SecurityStamp, u.DisabledAt }).FirstOrDefaultAsync(context.RequestAborted);
        return account is not null && account.DisabledAt is null && account.SecurityStamp == stamp;
    }
}
