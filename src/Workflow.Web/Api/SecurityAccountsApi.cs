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
        }).Describe("ListAccounts", "列出账号");
        group.MapPost("/{id}/disable", async (string id, CurrentUser me, AccountService accounts, CancellationToken ct) =>
            Answer(await accounts.DisableAsync(id, (await RequireSecurityAdminAsync(me, ct)).User.Id, ct)))
            .Describe("DisableAccount", "停用账号").Produces(StatusCodes.Status204NoContent)
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id}/enable", async (string id, CurrentUser me, AccountService accounts, CancellationToken ct) =>
        {
            await RequireSecurityAdminAsync(me, ct);
            return Answer(await accounts.EnableAsync(id, ct));
        }).Describe("EnableAccount", "启用账号").Produces(StatusCodes.Status204NoContent)
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id}/unlock", async (string id, CurrentUser me, AccountService accounts, CancellationToken ct) =>
        {
            await RequireSecurityAdminAsync(me, ct);
            return Answer(await accounts.UnlockAsync(id, ct));
        }).Describe("UnlockAccount", "解锁账号").Produces(StatusCodes.Status204NoContent)
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id}/reset-password", async (string id, CurrentUser me, AccountService accounts, CancellationToken ct) =>
        {
            await RequireSecurityAdminAsync(me, ct);
            var result = await accounts.ResetPasswordAsync(id, ct);
            return result.Succeeded ? Results.Ok(new OneTimePasswordDto(result.OneTimePassword!)) : Answer(result);
        }).Describe("ResetAccountPassword", "重置密码", "生成一次性密码；账号下次登录前须先修改密码。").Produces<OneTimePasswordDto>()
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPut("/{id}/roles", async (string id, RolesRequest? request, CurrentUser me, AccountService accounts, CancellationToken ct) =>
        {
            var actor = await RequireSecurityAdminAsync(me, ct);
            if (request?.Roles is null || request.Roles.Any(r => r is null))
                return TypedResults.Problem(Problems.Create(400, "invalid-roles", "请提供角色列表（roles）。", field: "roles"));
            return Answer(await accounts.SetRolesAsync(id, request.Roles, actor.User.Id, ct));
        }).Describe("SetAccountRoles", "设置账号的角色").Produces(StatusCodes.Status204NoContent)
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
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
