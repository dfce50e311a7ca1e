using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;
using Workflow.Host.Security;

namespace Workflow.Host.Admin;

/// <summary>One role on the 角色管理 page: a built-in one (read-only) or one the 系统管理员 added.</summary>
public sealed record RoleRow(Guid? Id, string Name, string Label, UnitKind? UnitKind, string? Description, bool BuiltIn, int Holders,
    bool UsedByRoutes)
{
    /// <summary>An added role nobody holds and no route step (published or draft) names may be deleted.</summary>
    public bool MayDelete => !BuiltIn && Holders == 0 && !UsedByRoutes;
}

/// <summary>
/// 角色管理: the 系统管理员 adds unit-level roles (分管领导, 办公室主任) and deletes unused ones. The Identity role is created and
/// removed with the definition, so every role check works on them. Renaming is not offered: the name is the code routes store.
/// </summary>
public sealed class RoleAdministration(AppDbContext db, RoleManager<IdentityRole> roles, TimeProvider clock, ISecurityAudit audit)
{
    public async Task<List<RoleRow>> ListAsync(CancellationToken ct = default)
    {
        var book = await RoleBook.LoadAsync(db, ct);
        var holders = await HoldersAsync(ct);
        var used = await RolesUsedByRoutesAsync(ct);
        var rows = RoleNames.Business.Select(r => new RoleRow(null, r, RoleNames.Label(r), RoleUnitRule.RequiredKind(r), null, true,
            holders.GetValueOrDefault(r), used.Contains(r))).ToList();
        rows.AddRange(book.Custom.Select(r => new RoleRow(r.Id, r.Name, r.Name, r.UnitKind, r.Description, false,
            holders.GetValueOrDefault(r.Name), used.Contains(r.Name))));
        return rows;
    }

    public async Task<RoleRow> GetAsync(Guid id, CancellationToken ct = default) =>
        (await ListAsync(ct)).FirstOrDefault(r => r.Id == id) ?? throw RoleNotFound();

    /// <summary>Adds a role of units of <paramref name="unitKind"/>; refuses built-in names, administrator roles, duplicates, bad text.</summary>
    public async Task<RoleDefinition> CreateAsync(string? name, UnitKind? unitKind, string? description, CancellationToken ct = default)
    {
        name = name?.Trim() ?? "";
        description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (CustomRoles.NameProblem(name) is { } problem) throw Invalid("role-name-invalid", problem, "name");
        if (unitKind is not { } kind || !Enum.IsDefined(kind)) throw Invalid("role-unit-kind-invalid", "请选择角色所属的单位类型。", "unitKind");
        if (CustomRoles.DescriptionProblem(description) is { } bad) throw Invalid("role-description-invalid", bad, "description");
        if (await db.RoleDefinitions.AnyAsync(r => r.Name == name, ct) || await roles.RoleExistsAsync(name))
            throw Duplicate(name);

        var role = new RoleDefinition { Id = Guid.NewGuid(), Name = name, UnitKind = kind, Description = description, CreatedAt = clock.GetUtcNow() };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await roles.CreateAsync(new IdentityRole(name));
        if (!created.Succeeded) throw Duplicate(name);
        db.RoleDefinitions.Add(role);
        await db.SaveOrConflictAsync(Duplicate(name), ct);
        await transaction.CommitAsync(ct);
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.RolesChanged, null, true,
            $"新增角色：{name}（{Unit.KindLabel(kind)}）"), ct);
        return role;
    }

    /// <summary>Deletes an added role that no user holds (at home or as a post) and no route step of any version or the draft names.</summary>
    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        var row = await GetAsync(id, ct);
        if (row.Holders > 0)
            throw new WorkflowRuleException(RuleViolation.Conflict, "role-in-use", $"还有{row.Holders}个账号担任“{row.Name}”，请先取消后再删除。");
        if (row.UsedByRoutes)
            throw new WorkflowRuleException(RuleViolation.Conflict, "role-in-use-by-route", $"审核流程（已发布版本或草稿）的环节使用了“{row.Name}”，不能删除。");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.RoleDefinitions.Where(r => r.Id == id).ExecuteDeleteAsync(ct);
        if (await roles.FindByNameAsync(row.Name) is { } identityRole && await roles.DeleteAsync(identityRole) is { Succeeded: false })
            throw new WorkflowRuleException(RuleViolation.Conflict, "role-in-use", $"角色“{row.Name}”刚刚被分配，未删除。");
        await transaction.CommitAsync(ct);
        await audit.RecordAsync(new SecurityEvent(SecurityEventKind.RolesChanged, null, true, $"删除角色：{row.Name}"), ct);
    }

    /// <summary>How many accounts hold each role, at home or as a post (兼职), each account once per role.</summary>
    private async Task<Dictionary<string, int>> HoldersAsync(CancellationToken ct)
    {
        var home = await (from ur in db.UserRoles
                          join r in db.Roles on ur.RoleId equals r.Id
                          select new { ur.UserId, Role = r.Name! }).ToListAsync(ct);
        var posts = await db.UserPosts.AsNoTracking().Select(p => new { p.UserId, p.Role }).ToListAsync(ct);
        return home.Concat(posts).Distinct().GroupBy(x => x.Role).ToDictionary(g => g.Key, g => g.Count());
    }

    private async Task<HashSet<string>> RolesUsedByRoutesAsync(CancellationToken ct)
    {
        var published = await db.Routes.AsNoTracking().ToListAsync(ct);
        var drafts = await db.RouteDrafts.AsNoTracking().ToListAsync(ct);
        return published.SelectMany(r => r.Steps).Concat(drafts.SelectMany(d => d.Steps)).Select(s => s.Role).ToHashSet(StringComparer.Ordinal);
    }

    private static WorkflowRuleException Invalid(string code, string message, string field) => new(RuleViolation.Invalid, code, message, field);

    private static WorkflowRuleException Duplicate(string name) => new(RuleViolation.Conflict, "role-exists", $"角色“{name}”已存在。", "name");

    private static WorkflowRuleException RoleNotFound() => new(RuleViolation.NotFound, "role-not-found", "角色不存在。");
}
