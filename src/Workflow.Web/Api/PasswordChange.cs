using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Workflow.Host.Identity;
using Workflow.Host.Security;

namespace Workflow.Web.Api;

/// <summary>
/// POST /api/auth/password: a client changes a password, signed in (bearer token) or not — the only way for an account with a
/// one-time or aged password, which gets no token until it has set a new one. Wrong current passwords count towards lockout.
/// </summary>
public static class PasswordChange
{
    public sealed record ChangePasswordRequest(string? UserName, string? CurrentPassword, string? NewPassword);

    public static IResult Required() => TypedResults.Problem(Problems.Create(StatusCodes.Status403Forbidden, "password-change-required",
        "须先修改密码（一次性密码或密码已过期）：请用 POST /api/auth/password 设置新密码后再登录。"));

    public static async Task<IResult> ChangeAsync(ChangePasswordRequest? request, HttpContext http, UserManager<AppUser> users,
        PasswordLogin login, AccountService accounts, CancellationToken ct)
    {
        var userName = request?.UserName?.Trim();
        if (string.IsNullOrEmpty(userName))
        {
            var token = await http.AuthenticateAsync(IdentityConstants.BearerScheme);
            var id = token.Succeeded ? token.Principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
            if (id is null)
                return TypedResults.Problem(Problems.Create(400, "user-name-required", "请填写用户名（userName），或携带访问令牌。", field: "userName"));
            userName = (await users.FindByIdAsync(id))?.UserName;
        }
        if (string.IsNullOrEmpty(request?.NewPassword))
            return TypedResults.Problem(Problems.Create(400, "new-password-required", "请输入新密码（newPassword）。", field: "newPassword"));
        // The current password is checked as a sign-in is: the same limits, the same answer for every failure, the same audit.
        var checkedLogin = await login.CheckAsync(userName, request.CurrentPassword, ct);
        if (checkedLogin.Refusal is { } refusal)
            return AuthApi.TooManyAttempts(http, refusal);
        if (checkedLogin.User is not { } user)
            return AuthApi.InvalidCredentials();
        var result = await accounts.ChangePasswordAsync(user, request.CurrentPassword!, request.NewPassword, ct);
        if (!result.Succeeded)
            return TypedResults.Problem(Problems.Create(400, "password-policy", "新密码不符合口令策略。",
                string.Join("", result.Errors.Select(e => e.Message)), field: "newPassword"));
        return TypedResults.NoContent();
    }
}
