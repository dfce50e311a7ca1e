using System.Diagnostics;
using Workflow.Activities;
using Workflow.Activities.Reports;
using Workflow.Host.Reminders;

namespace Workflow.Web.Api;

/// <summary>/api/admin: operations for administrators only.</summary>
public static class AdminApi
{
    public sealed record SweepResultDto(int Recorded, double ElapsedMilliseconds, SweepTimings? Phases);

    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin").WithTags("Admin").RequireAuthorization(WebExtensions.AdminPolicy);
        // Runs the reminder sweep now (e.g. after changing a cycle's policy) instead of waiting for the scheduled one.
        // Safe at any time: the sweep records each reminder once, however often or on however many nodes it runs.
        group.MapPost("/reminders/sweep", async (CurrentUser me, ReminderSweep sweep, CancellationToken ct) =>
        {
            var user = await me.GetAsync(ct);
            if (!user.Actor.IsIn(RoleNames.Admin))
                throw new WorkflowRuleException(RuleViolation.Forbidden, "forbidden", "只有系统管理员可以立即检查提醒。");
            var clock = Stopwatch.StartNew();
            var recorded = await sweep.SweepAsync(ct);
            return TypedResults.Ok(new SweepResultDto(recorded, Math.Round(clock.Elapsed.TotalMilliseconds, 1), sweep.Timings));
        }).WithRequestTimeout(WebExtensions.TransferTimeoutPolicy) // a first pass over years of items may take longer than a page
        .Describe("RunReminderSweep", "立即检查提醒", "立即运行提醒检查（不必等定时任务）；每条提醒只记录一次，随时可运行。");
        return api;
    }
}
