using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;

namespace Workflow.Activities.Tests.Rectification;

/// <summary>What the tests ask of an item's rules: the kind of refusal <see cref="RectificationItem.EnsureAllowed"/> gives.</summary>
internal static class ItemRefusals
{
    /// <summary>The violation <paramref name="actor"/> meets running <paramref name="command"/> now; null when he may.</summary>
    public static RuleViolation? Check(this RectificationItem item, RectificationCommand command, Actor actor)
    {
        try
        {
            item.EnsureAllowed(command, actor);
            return null;
        }
        catch (WorkflowRuleException refusal)
        {
            return refusal.Violation;
        }
    }
}
