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
        SignInManager<AppUser> signIn, AccountService accounts, CancellationToken ct)
    {
        var userName = request?.UserName?.Trim();
        AppUser? user;
        if (string.IsNullOrEmpty(userName))
        {
            var token = await http.AuthenticateAsync(IdentityConstants.BearerScheme);
            var id = token.Succeeded ? token.Principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
            if (id is null)
                return TypedResults.Problem(Problems.Create(400, "user-name-required", "请填写用户名（userName），或携带访问令牌。", field: "userName"));
            user = await users.FindByIdAsync(id);
        }
        else user = await users.FindByNameAsync(userName);
        if (string.IsNullOrEmpty(request?.NewPassword))
            return TypedResults.Problem(Problems.Create(400, "new-password-required", "请输入新密码（newPassword）。", field: "newPassword"));
        if (user is null || string.IsNullOrEmpty(request.CurrentPassword))
            return InvalidCredentials();
        var check = await signIn.CheckPasswordSignInAsync(user, request.CurrentPassword, lockoutOnFailure: true);
        if (check.IsLockedOut)
            return TypedResults.Problem(Problems.Create(401, "account-locked", "登录失败次数过多，账号已锁定15分钟。"));
        if (!check.Succeeded)
            return InvalidCredentials();
        var result = await accounts.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword, ct);
        if (!result.Succeeded)
            return TypedResults.Problem(Problems.Create(400, "password-policy", "新密码不符合口令策略。",
                string.Join("", result.Errors.Select(e => e.Message)), field: "newPassword"));
        return TypedResults.NoContent();
    }

    private static IResult InvalidCredentials() =>
        TypedResults.Problem(Problems.Create(401, "invalid-credentials", "用户名或密码错误。"));
}
