using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Workflow.Host.Identity;

namespace Workflow.Host.Security;

/// <summary>
/// Adds the display name to the sign-in cookie so the page header can greet the user, and marks an account that must set a
/// new password first (one-time or aged password), so every page can send it to the change form.
/// </summary>
public sealed class AppUserClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options,
    PasswordPolicyStore policies)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "display_name";
    public const string MustChangePasswordClaim = "must_change_password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.ShownName));
        if (await policies.MustChangeAsync(user)) identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        return identity;
    }
}
