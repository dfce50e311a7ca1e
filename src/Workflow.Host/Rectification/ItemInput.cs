using Microsoft.EntityFrameworkCore;
using Workflow.Activities;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Host.Data;
using Workflow.Host.Identity;

namespace Workflow.Host.Rectification;

/// <summary>What a user types for an item; the owner is named by user name (or, in imports, display name).</summary>
public sealed record ItemInput(string? Category, string? Problem, string? Measures, string? ResponsibleLeader,
    string? ResponsibleDepartment, string? OwnerUserName, DateOnly? Deadline)
{
    /// <summary>The owner named by user name, who must be a user of the unit; null when none is named.</summary>
    internal async Task<(string Id, string Name)?> ResolveOwnerAsync(AppDbContext db, Guid unitId, CancellationToken ct)
    {
        var name = UserText.Check(OwnerUserName, "ownerUserName")?.Trim();
        if (string.IsNullOrEmpty(name)) return null;
        var user = await db.Users.AsNoTracking()
            .Where(u => u.UnitId == unitId && u.UserName == name)
            .Select(u => new { u.Id, u.UserName, u.DisplayName }).FirstOrDefaultAsync(ct);
        if (user is null)
            throw new WorkflowRuleException(RuleViolation.Invalid, "owner-not-in-unit", $"责任人“{name}”不是本单位的用户。", "ownerUserName");
        return (user.Id, AppUser.ShownNameOf(user.DisplayName, user.UserName));
    }

    /// <summary>The domain's fields, with the owner found by <see cref="ResolveOwnerAsync"/>.</summary>
    internal RectificationFields Fields((string Id, string Name)? owner) =>
        new(Category, Problem, Measures, ResponsibleLeader, ResponsibleDepartment, owner?.Id, owner?.Name, Deadline);
}
