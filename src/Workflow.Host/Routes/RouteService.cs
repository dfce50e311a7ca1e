using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using Workflow.Host.Data;

namespace Workflow.Host.Routes;

/// <summary>Publishes new versions of the sign-off route; a published version never changes, new reports take the latest.</summary>
public sealed class RouteService(AppDbContext db, TimeProvider clock)
{
    /// <summary>Stores <paramref name="steps"/> as the next version (highest so far + 1).</summary>
    public Task<RouteDefinition> PublishAsync(string name, IReadOnlyList<RouteStep> steps, CancellationToken ct = default) =>
        PublishAsync(name, steps, null, ct);

    /// <summary>Stores <paramref name="steps"/> as the next version for <paramref name="appliesTo"/> (null or empty: every agency).</summary>
    public async Task<RouteDefinition> PublishAsync(string name, IReadOnlyList<RouteStep> steps, IReadOnlyCollection<Guid>? appliesTo,
        CancellationToken ct = default)
    {
        var latest = await db.Routes.MaxAsync(r => (int?)r.Version, ct) ?? 0;
        var route = new RouteDefinition(latest + 1, name, steps, clock.GetUtcNow(), appliesTo);
        db.Routes.Add(route);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(route).State = EntityState.Detached;
            // Another publisher took the same version number between our read and our insert.
            if (await db.Routes.AnyAsync(r => r.Version == route.Version, ct))
                throw new WorkflowRuleException(RuleViolation.Conflict, "route-version-taken", "审核流程刚刚已被他人发布新版本，请刷新后重试。");
            throw;
        }
        return route;
    }

    /// <summary>Every published version, oldest first.</summary>
    public Task<List<RouteDefinition>> ListAsync(CancellationToken ct = default) =>
        db.Routes.AsNoTracking().OrderBy(r => r.Version).ToListAsync(ct);
}
