using Workflow.Activities.Reports;
using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Routes;

namespace Workflow.Host.Admin;

public sealed partial class AdminService
{
    public const int MinTimeLimitWorkingDays = 1;
    public const int MaxTimeLimitWorkingDays = 60;

    /// <summary>Every published version, newest first, with how many reports travel on it.</summary>
    public async Task<List<RouteRow>> ListRoutesAsync(CancellationToken ct = default)
    {
        var routes = await _db.Routes.AsNoTracking().OrderByDescending(r => r.Version).ToListAsync(ct);
        var counts = await _db.Reports.GroupBy(r => r.RouteVersion)
            .Select(g => new { Version = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Version, x => x.Count, ct);
        return routes.Select((r, i) => new RouteRow(r.Version, r.Name, r.Steps, r.PublishedAt, counts.GetValueOrDefault(r.Version), i == 0))
            .ToList();
    }

    /// <summary>The version new reports are created under.</summary>
    public async Task<RouteDefinition> LatestRouteAsync(CancellationToken ct = default) =>
        await _db.Routes.AsNoTracking().OrderByDescending(r => r.Version).FirstAsync(ct);

    /// <summary>
    /// Publishes version max+1: the steps of <paramref name="basedOnVersion"/> (which must still be the latest) with new
    /// time limits (null: not a number). New reports take it; reports already created keep the version they started under.
    /// </summary>
    public async Task<AdminResult> PublishRouteVersionAsync(int basedOnVersion, IReadOnlyList<int?> timeLimits, CancellationToken ct = default)
    {
        var latest = await LatestRouteAsync(ct);
        if (latest.Version != basedOnVersion)
            return AdminResult.Failed("", $"流程刚刚已发布了新版本 v{latest.Version}，请刷新页面，在最新版本基础上修改。");
        if (timeLimits.Count != latest.Steps.Count)
            return AdminResult.Failed("", $"当前流程有{latest.Steps.Count}个审核环节，请为每个环节填写时限。");

        var errors = latest.Steps
            .Select((step, i) => (step, i, limit: timeLimits[i]))
            .Where(x => x.limit is null or < MinTimeLimitWorkingDays or > MaxTimeLimitWorkingDays)
            .Select(x => new AdminError($"TimeLimits[{x.i}]",
                $"“{x.step.Name}”的时限须为{MinTimeLimitWorkingDays}至{MaxTimeLimitWorkingDays}个工作日。"))
            .ToList();
        if (errors.Count > 0) return AdminResult.Failed(errors);
        var days = timeLimits.Select(d => d!.Value).ToList();
        if (latest.Steps.Select(s => s.TimeLimitWorkingDays).SequenceEqual(days))
            return AdminResult.Failed("", "各环节时限与当前版本相同，无需发布新版本。");

        var steps = latest.Steps.Select((step, i) => step with { TimeLimitWorkingDays = days[i] }).ToList();
        try
        {
            await _routes.PublishAsync(latest.Name, steps, ct);
            await _audit.RecordAsync(new Security.SecurityEvent(Security.SecurityEventKind.RoutePublished, null, true,
                $"在 v{latest.Version} 基础上发布新版本，时限（工作日）：{string.Join("、", steps.Select(s => $"{s.Name} {s.TimeLimitWorkingDays}"))}"), ct);
            return AdminResult.Ok;
        }
        catch (WorkflowRuleException e) when (e.Code == "route-version-taken")
        {
            return AdminResult.Failed("", "流程刚刚已被他人发布了新版本，请刷新页面后重试。");
        }
    }
}
