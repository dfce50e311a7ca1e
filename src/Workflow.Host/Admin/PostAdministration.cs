using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Security;

namespace Workflow.Host.Admin;

/// <summary>A post (兼职) as the user page lists it.</summary>
public sealed record PostRow(long Id, Guid UnitId, string UnitName, string Role, string RoleLabel);

/// <summary>
/// 兼职: the 系统管理员 gives a business account a role in a unit beyond its home unit (a secretary of two agencies, a drafter here
/// and 分管领导 there). The role must fit the unit's kind as at home. A change renews the security stamp, so the user's sessions
/// pick up the new pairs at their next check instead of keeping stale role claims.
/// </summary>
public sealed class PostAdministration(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, ISecurityAudit audit)
{
    public async Task<List<PostRow>> ListAsync(string userId, CancellationToken ct = default)
    {
        if (!await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId, ct)) throw UserNotFound();
        var posts = await (from p in db.UserPosts.AsNoTracking()
                      where p.UserId == userId
                      join u in db.Units on p.UnitId equals u.Id
                      orderby u.Name, p.Role
                      select new { p.Id, p.UnitId, u.Name, p.Role }).ToListAsync(ct);
        return posts.Select(p => new PostRow(p.Id, p.UnitId, p.Name, p.Role, RoleNames.Label(p.Role))).ToList();
    }

    /// <summary>The roles a post may be: the business roles, built-in and added (角色管理).</summary>
    public async Task<IReadOnlyList<string>> RoleChoicesAsync(CancellationToken ct = default) => (await RoleBook.LoadAsync(db, ct)).Business;

    public async Task<PostRow> AddAsync(string userId, Guid? unitId, string? role, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId) ?? throw UserNotFound();
        var held = await users.GetRolesAsync(user);
        if (held.Any(RoleNames.IsAdministrator))
            throw new WorkflowRuleException(RuleViolation.Conflict, "post-administrator", "三员分立：管理员账号不能兼任业务角色。");
        role = role?.Trim() ?? "";
        var book = await RoleBook.LoadAsync(db, ct);
        if (!book.IsBusiness(role)) throw new WorkflowRuleException(RuleViolation.Invalid, "post-role-invalid", "请选择业务角色。", "role");
        var unit = unitId is { } id ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) : null;
        if (unit is null) throw new WorkflowRuleException(RuleViolation.Invalid, "post-unit-invalid", "请选择兼职单位。", "unitId");
        if (!book.Fits(role, unit.Kind))
            throw new WorkflowRuleException(RuleViolation.Invalid, "post-unit-kind", $"角色“{RoleNames.Label(role)}”只能在{Unit.KindLabel(book.RequiredKind(role)!.Value)}担任，“{unit.Name}”是{Unit.KindLabel(unit.Kind)}。", "unitId");
        if ((user.UnitId == unit.Id && held.Contains(role)) || await db.UserPosts.AnyAsync(p => p.UserId == userId && p.UnitId == unit.Id && p.Role == role, ct))
            throw Duplicate(unit.Name, role);

        var post = new UserPost { UserId = userId, UnitId = unit.Id, Role = role, CreatedAt = clock.GetUtcNow() };
        db.UserPosts.Add(post);
        await db.SaveOrConflictAsync(Duplicate(unit.Name, role), ct);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.RolesChanged, user.UserName, true,
            $"新增兼职：{unit.Name}·{RoleNames.Label(role)}"), ct);
        return new PostRow(post.Id, unit.Id, unit.Name, role, RoleNames.Label(role));
    }

    public async Task RemoveAsync(string userId, long postId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId) ?? throw UserNotFound();
        var post = await db.UserPosts.FirstOrDefaultAsync(p => p.Id == postId && p.UserId == userId, ct)
                   ?? throw new WorkflowRuleException(RuleViolation.NotFound, "post-not-found", "兼职不存在。");
        var unitName = await db.UnitNameAsync(post.UnitId, ct);
        db.UserPosts.Remove(post);
        await db.SaveChangesAsync(ct);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.RolesChanged, user.UserName, true,
            $"取消兼职：{unitName}·{RoleNames.Label(post.Role)}"), ct);
    }

    private static WorkflowRuleException UserNotFound() => new(RuleViolation.NotFound, "not-found", "用户不存在。");

    private static WorkflowRuleException Duplicate(string unit, string role) =>
        new(RuleViolation.Conflict, "post-exists", $"该账号已在“{unit}”担任{RoleNames.Label(role)}。", "role");
}
