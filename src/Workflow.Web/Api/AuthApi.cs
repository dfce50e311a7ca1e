using System.ComponentModel;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Workflow.Host;
using Workflow.Host.Identity;
using Workflow.Host.Security;

namespace Workflow.Web.Api;

/// <summary>POST /api/auth/login: user name and password for a bearer access token.</summary>
public static class AuthApi
{
    public sealed record LoginRequest(string? UserName, string? Password);

    public sealed record LoginResponse([property: Description("Send as 'Authorization: Bearer <accessToken>'.")] string AccessToken,
        DateTimeOffset ExpiresAt);

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous();
        group.MapPost("/password", PasswordChange.ChangeAsync).AllowAnonymous();
        return group;
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, UserManager<AppUser> users, SignInManager<AppUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearer, IOptions<AppOptions> app, TimeProvider clock, PasswordPolicyStore policies)
    {
        var user = string.IsNullOrWhiteSpace(request.UserName) ? null : await users.FindByNameAsync(request.UserName.Trim());
        if (user is null || string.IsNullOrEmpty(request.Password))
            return InvalidCredentials();
        var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return TypedResults.Problem(Problems.Create(401, "account-locked", "登录失败次数过多，账号已锁定15分钟。"));
        if (!result.Succeeded)
            return InvalidCredentials();
        if (await policies.MustChangeAsync(user))
            return PasswordChange.Required();

        var principal = await signIn.CreateUserPrincipalAsync(user);
        var expiresAt = clock.GetUtcNow() + app.Value.AccessTokenLifetime;
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = expiresAt },
            IdentityConstants.BearerScheme);
        var token = bearer.Get(IdentityConstants.BearerScheme).BearerTokenProtector.Protect(ticket);
        return TypedResults.Ok(new LoginResponse(token, expiresAt));
    }

    private static IResult InvalidCredentials() =>
        TypedResults.Problem(Problems.Create(401, "invalid-credentials", "用户名或密码错误。"));
}
