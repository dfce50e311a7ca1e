using Workflow.Activities.Reports;

namespace Workflow.Activities.Rectification;

/// <summary>Who may file rectification items, and which role closes a reviewer's requirement (审核意见).</summary>
public static class RectificationFiling
{
    // The later step first: a user holding two review roles files his requirement as the later one.
    private static readonly string[] ReviewRoles = [RoleNames.Committee, RoleNames.DisciplineInspector, RoleNames.PartySecretary];

    /// <summary>Drafters, secretaries and reviewers file items; the administrator does not.</summary>
    public static bool MayCreate(Actor actor) => RoleNames.Business.Any(actor.IsIn);

    public static void EnsureMayCreate(Actor actor)
    {
        if (!MayCreate(actor))
            throw new WorkflowRuleException(RuleViolation.Forbidden, "forbidden", "您的角色不能新建整改事项。");
    }

    /// <summary>A reviewer's requirement is closed by his role; others cannot file one under that source.</summary>
    public static string? ReviewerRoleFor(Actor actor, RectificationSource source)
    {
        if (source != RectificationSource.ReviewOpinion) return null;
        foreach (var role in ReviewRoles)
            if (actor.IsIn(role)) return role;
        throw new WorkflowRuleException(RuleViolation.Invalid, "source-reviewer-only", "只有审核人可以录入来源为“审核意见”的事项。", "source");
    }
}
