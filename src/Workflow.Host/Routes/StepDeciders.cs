using Workflow.Activities;
using Workflow.Activities.Organization;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using Workflow.Host.Identity;

namespace Workflow.Host.Routes;

/// <summary>
/// Whether a user decides a step for a report of an agency: he holds the step's role in the unit its decider names for that
/// agency, at home or as a post (兼职) (<see cref="StepDecider.UnitFor"/>). The domain checks the role; this adds the unit, which only the host knows.
/// </summary>
public static class StepDeciders
{
    public static bool Decides(UserContext user, RouteStep step, Unit agency) =>
        user.Actor.IsIn(step.Role) && step.Decider.UnitFor(agency) is { } unit && user.Holds(unit, step.Role);

    /// <summary>Refuses a reviewer whose role fits the current step but who sits in another unit than the one it names (403).</summary>
    public static void EnsureDecides(UserContext user, Report report, Unit agency)
    {
        if (report.CurrentStep is { } step && user.Actor.IsIn(step.Role) && !Decides(user, step, agency))
            throw new WorkflowRuleException(RuleViolation.Forbidden, "not-your-step",
                $"报告当前环节“{step.Name}”由{step.Decider.Label()}审核，不是您的审核环节。");
    }
}
