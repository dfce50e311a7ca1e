using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using Workflow.Host.Data;

namespace Workflow.Host.Identity;

/// <summary>
/// The unit-scoped reads shared by reports and rectification: a user sees the rows of the units he covers, and a row of any
/// other unit is "not found", never "forbidden" (which would tell him it exists).
/// </summary>
public static class UnitScope
{
    public static IQueryable<Report> VisibleReports(this AppDbContext db, UserContext user)
    {
        var units = user.VisibleUnitIds.ToList();
        return db.Reports.Where(r => units.Contains(r.UnitId));
    }

    /// <summary>
    /// The reports the user may open: his units' (<see cref="VisibleReports"/>), those copied to him (抄送), those where he holds or
    /// held a 会签/转办/加签 task, and those waiting at a step of a reviewer he stands in for today (委托), or on an open task of that
    /// reviewer. Copies and tasks are asked in the same query, never carried in the scope. Lists and statistics stay on
    /// <see cref="VisibleReports"/>.
    /// </summary>
    public static IQueryable<Report> ReadableReports(this AppDbContext db, UserContext user)
    {
        var units = user.VisibleUnitIds.ToList();
        var me = user.Actor.UserId;
        Expression<Func<Report, bool>> readable = r => units.Contains(r.UnitId)
                                                      || db.ReportCopies.Any(c => c.ReportId == r.Id && c.UserId == me)
                                                      || db.ReviewTasks.Any(t => t.ReportId == r.Id && t.UserId == me);
        foreach (var principal in user.Principals)
        {
            var theirUnits = principal.VisibleUnitIds.ToList();
            var theirSteps = principal.DecidedStatuses.ToList();
            var them = principal.Actor.UserId;
            Expression<Func<Report, bool>> waiting = r => (theirUnits.Contains(r.UnitId) && theirSteps.Contains(r.Status))
                                                          || db.ReviewTasks.Any(t => t.ReportId == r.Id && t.UserId == them
                                                                                     && t.State == ReviewTaskState.Open);
            readable = Or(readable, waiting);
        }
        return db.Reports.Where(readable);
    }

    private static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right)
    {
        var body = new Rebind(right.Parameters[0], left.Parameters[0]).Visit(right.Body);
        return Expression.Lambda<Func<T, bool>>(Expression.OrElse(left.Body, body), left.Parameters);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    public static IQueryable<RectificationItem> VisibleItems(this AppDbContext db, UserContext user)
    {
        var units = user.VisibleUnitIds.ToList();
        return db.RectificationItems.Where(i => units.Contains(i.UnitId));
    }

    public static WorkflowRuleException ReportNotFound() => new(RuleViolation.NotFound, "report-not-found", "报告不存在或您无权查看。");

    public static WorkflowRuleException ItemNotFound() =>
        new(RuleViolation.NotFound, "rectification-not-found", "整改事项不存在或您无权查看。");

    public static async Task<string> UnitNameAsync(this AppDbContext db, Guid unitId, CancellationToken ct) =>
        await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).FirstAsync(ct);

    /// <summary>The units the user covers, by name: for unit pickers and per-unit figures.</summary>
    public static async Task<List<(Guid Id, string Name)>> VisibleUnitsAsync(this AppDbContext db, UserContext user, CancellationToken ct)
    {
        var ids = user.VisibleUnitIds.ToList();
        var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.Name).ToListAsync(ct);
        return units.Select(u => (u.Id, u.Name)).ToList();
    }
}
