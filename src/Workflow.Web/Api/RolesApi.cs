using Workflow.Activities.Organization;
using Workflow.Host.Admin;

namespace Workflow.Web.Api;

/// <summary>/api/admin/roles and /api/admin/users/{id}/posts: 角色管理 and 兼职 (系统管理员 only).</summary>
public static class RolesApi
{
    /// <summary>
    /// A role: builtIn roles (Drafter, PartySecretary, …) are read-only; an added role's name is its code. unitKind: the kind of
    /// unit its holders sit in; holders: accounts holding it at home or as a post; mayDelete: nobody holds it and no route uses it.
    /// </summary>
    public sealed record RoleDto(Guid? Id, string Name, string Label, UnitKind? UnitKind, string? Description, bool BuiltIn, int Holders,
        bool UsedByRoutes, bool MayDelete);

    public sealed record NewRoleInput(string? Name, UnitKind? UnitKind, string? Description);

    /// <summary>A post (兼职): role in a unit beyond the account's home unit.</summary>
    public sealed record PostDto(long Id, Guid UnitId, string UnitName, string Role, string RoleLabel);

    public sealed record NewPostInput(Guid? UnitId, string? Role);

    public static RouteGroupBuilder MapRolesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin").WithTags("Admin").RequireAuthorization(WebExtensions.AdminPolicy);
        group.MapGet("/roles", async (RoleAdministration roles, CancellationToken ct) =>
                TypedResults.Ok((await roles.ListAsync(ct)).Select(ToDto).ToList()))
            .Describe("ListRoles", "列出角色", "内置业务角色（只读）和系统管理员新增的单位角色，含担任人数和是否可删除。");
        group.MapPost("/roles", async (NewRoleInput? input, RoleAdministration roles, CancellationToken ct) =>
            {
                var role = await roles.CreateAsync(input?.Name, input?.UnitKind, input?.Description, ct);
                return TypedResults.Created($"/api/admin/roles/{role.Id}", ToDto(await roles.GetAsync(role.Id, ct)));
            })
            .Describe("CreateRole", "新增单位角色", "名称即角色代码（如 分管领导），不能与内置角色或管理员角色同名，不能重复，最多20字；同时创建可分配的账号角色。")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        group.MapDelete("/roles/{id:guid}", async (Guid id, RoleAdministration roles, CancellationToken ct) =>
            {
                await roles.DeleteAsync(id, ct);
                return TypedResults.NoContent();
            })
            .Describe("DeleteRole", "删除单位角色", "只能删除无人担任（含兼职）且没有任何流程版本或草稿环节使用的新增角色；内置角色不能删除。")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/users/{id}/posts", async (string id, PostAdministration posts, CancellationToken ct) =>
                TypedResults.Ok((await posts.ListAsync(id, ct)).Select(ToDto).ToList()))
            .Describe("ListUserPosts", "列出账号的兼职", "账号在所属单位之外担任的角色（单位 + 角色）。")
            .Refuses(StatusCodes.Status404NotFound);
        group.MapPost("/users/{id}/posts", async (string id, NewPostInput? input, PostAdministration posts, CancellationToken ct) =>
                TypedResults.Created($"/api/admin/users/{id}/posts", ToDto(await posts.AddAsync(id, input?.UnitId, input?.Role, ct))))
            .Describe("AddUserPost", "添加兼职", "在另一单位担任业务角色（内置或新增），角色须与单位类型相符；管理员账号不能兼职（三员分立）。")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapDelete("/users/{id}/posts/{postId:long}", async (string id, long postId, PostAdministration posts, CancellationToken ct) =>
            {
                await posts.RemoveAsync(id, postId, ct);
                return TypedResults.NoContent();
            })
            .Describe("RemoveUserPost", "取消兼职")
            .Refuses(StatusCodes.Status404NotFound);
        return api;
    }

    private static RoleDto ToDto(RoleRow r) => new(r.Id, r.Name, r.Label, r.UnitKind, r.Description, r.BuiltIn, r.Holders, r.UsedByRoutes, r.MayDelete);

    private static PostDto ToDto(PostRow p) => new(p.Id, p.UnitId, p.UnitName, p.Role, p.RoleLabel);
}
