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
        group.MapPost("/login", LoginAsync).AllowAnonymous()
            .Describe("Login", "登录，取得访问令牌", "用户名和密码换取 bearer 访问令牌；须先改密码的账号得到 403 password-change-required。")
            .Produces<LoginResponse>().Refuses(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests);
        group.MapPost("/password", PasswordChange.ChangeAsync).AllowAnonymous()
            .Describe("ChangePassword", "修改密码", "凭当前密码设置新密码，可不带令牌（一次性密码或过期密码的账号只能这样改）。")
            .Produces(StatusCodes.Status204NoContent).Refuses(StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests);
        return group;
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, PasswordLogin login, SignInManager<AppUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearer, IOptions<AppOptions> app, TimeProvider clock, HttpContext http,
        PasswordPolicyStore policies)
    {
        var checkedLogin = await login.CheckAsync(request.UserName, request.Password, http.RequestAborted);
        if (checkedLogin.Refusal is { } refusal)
            return TooManyAttempts(http, refusal);
        if (checkedLogin.User is not { } user)
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

    /// <summary>429 with Retry-After: this address or account name has used its sign-in attempts of the window.</summary>
    internal static IResult TooManyAttempts(HttpContext http, LoginRefusal refusal)
    {
        http.Response.Headers.RetryAfter = refusal.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(Problems.Create(StatusCodes.Status429TooManyRequests, "too-many-requests",
            "登录尝试过于频繁，请稍后再试。", $"请在 {refusal.RetryAfterMinutes} 分钟后再试。"));
    }

    /// <summary>The one answer to every failed credential check, whether the account exists, is locked or disabled.</summary>
    internal static IResult InvalidCredentials() =>
        TypedResults.Problem(Problems.Create(StatusCodes.Status401Unauthorized, "invalid-credentials", PasswordLogin.FailureTitle));
}
