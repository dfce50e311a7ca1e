using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Host.Identity;

namespace Workflow.Host.Security;

/// <summary>
/// Adds the display name to the sign-in cookie so the page header can greet the user, and marks an account that must set a
/// new password first (one-time or aged password), so every page can send it to the change form; adds the roles of his posts (兼职).
/// </summary>
public sealed class AppUserClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options,
    PasswordPolicyStore policies, Data.AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "display_name";
    public const string MustChangePasswordClaim = "must_change_password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.ShownName));
        if (await policies.MustChangeAsync(user)) identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        // A post (兼职) is a role too: pages that ask the cookie (工委 汇编) see it; adding one renews the stamp, so this reruns.
        var roleClaim = Options.ClaimsIdentity.RoleClaimType;
        foreach (var role in await db.UserPosts.Where(p => p.UserId == user.Id).Select(p => p.Role).Distinct().ToListAsync())
            if (!identity.HasClaim(roleClaim, role)) identity.AddClaim(new Claim(roleClaim, role));
        return identity;
    }
}
