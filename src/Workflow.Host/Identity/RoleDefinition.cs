using Workflow.Activities.Organization;

namespace Workflow.Host.Identity;

/// <summary>
/// A unit-level role the 系统管理员 added (角色管理), e.g. 分管领导: its name is also its Identity role name (<see cref="CustomRoles"/>),
/// and only members of a unit of <see cref="UnitKind"/> may hold it.
/// </summary>
public sealed class RoleDefinition
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public UnitKind UnitKind { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A post (兼职) a user holds beyond his home unit: <see cref="Role"/> in <see cref="UnitId"/>. With his home unit's roles these are
/// the (unit, role) pairs he acts in (<see cref="UserContext.Posts"/>).
/// </summary>
public sealed class UserPost
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public Guid UnitId { get; set; }
    public string Role { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One (unit, role) pair a user acts in: his home unit with each of his roles, or a post.</summary>
public readonly record struct UnitRole(Guid UnitId, string Role);
