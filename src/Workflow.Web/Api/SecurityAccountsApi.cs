using Workflow.Activities;
using Workflow.Activities.Reports;
using Workflow.Host.Security;

namespace Workflow.Web.Api;

/// <summary>/api/security/accounts: the 安全保密管理员's account operations (the same as the 账号管理 page).</summary>
public static class SecurityAccountsApi
{
    public sealed record AccountDto(string Id, string UserName, string DisplayName, string? UnitName, IReadOnlyList<string> Roles,
        AccountState State, bool HasPassword);

    public sealed record OneTimePasswordDto(string OneTimePassword);

    public sealed record RolesRequest(IReadOnlyList<string>? Roles);

    public static RouteGroupBuilder MapSecurityAccountsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/security/accounts").WithTags("Security");
        group.MapGet("", async (CurrentUser me, AccountService accounts, CancellationToken ct) =>
        {
            await RequireSecurityAdminAsync(me, ct);
            return TypedResults.Ok((await accounts.ListAsync(ct))
                .Select(a => new AccountDto(a.Id, a.UserName, a.DisplayName, a.UnitName, a.Roles, a.State, a.HasPassword)).ToList());
        });
        group.MapPost("/{id}/disable", async (string id, CurrentUser me, AccountService accounts, CancellationToken ct) =>
            Answer(await accounts.DisableAsync(id, (await RequireSecurityAdminAsync(me, ct)).User.Id, ct)));
        group.MapPost("/{id}/enable", async (string id, CurrentUser me, AccountService accounts, CancellationToken ct) =>
        {
            await RequireSecurityAdminAsync(me, ct);
            return Answer(await accounts.EnableAsync(id, ct));
        });
        group.MapPost("/{id}/unlock", async (string id, CurrentUser me, AccountService accounts, CancellationToken ct) =>
        {
            await RequireSecurityAdminAsync(me, ct);
            return Answer(await accounts.UnlockAsync(id, ct));
        });
        group.MapPost("/{id}/reset-password", async (string id, CurrentUser me, AccountService accounts, CancellationToken ct) =>
        {
            await RequireSecurityAdminAsync(me, ct);
            var result = await accounts.ResetPasswordAsync(id, ct);
            return result.Succeeded ? Results.Ok(new OneTimePasswordDto(result.OneTimePassword!)) : Answer(result);
        });
        group.MapPut("/{id}/roles", async (string id, RolesRequest? request, CurrentUser me, AccountService accounts, CancellationToken ct) =>
        {
            var actor = await RequireSecurityAdminAsync(me, ct);
            if (request?.Roles is null || request.Roles.Any(r => r is null))
                return TypedResults.Problem(Problems.Create(400, "invalid-roles", "请提供角色列表（roles）。", field: "roles"));
            return Answer(await accounts.SetRolesAsync(id, request.Roles, actor.User.Id, ct));
        });
        return api;
    }

    private static async Task<Workflow.Host.Identity.UserContext> RequireSecurityAdminAsync(CurrentUser me, CancellationToken ct)
    {
        var user = await me.GetAsync(ct);
        if (!user.Actor.IsIn(RoleNames.SecurityAdmin))
            throw new WorkflowRuleException(RuleViolation.Forbidden, "forbidden", "只有安全保密管理员可以管理账号。");
        return user;
    }

    private static IResult Answer(AccountResult result)
    {
        if (result.Succeeded) return Results.NoContent();
        var (field, message) = result.Errors[0];
        var notFound = message == "账号不存在。";
        return TypedResults.Problem(Problems.Create(notFound ? 404 : 409, notFound ? "not-found" : "account-refused", message,
            field: field.Length == 0 ? null : char.ToLowerInvariant(field[0]) + field[1..]));
    }
}
