using Workflow.Activities.Rectification;
using Workflow.Activities.Reports;
using static Workflow.Activities.Tests.TestActors;

namespace Workflow.Activities.Tests.Rectification;

/// <summary>Who files rectification items, and which role closes a reviewer's requirement.</summary>
public sealed class RectificationFilingTests
{
    [Theory]
    [InlineData(RoleNames.Drafter, true)]
    [InlineData(RoleNames.PartySecretary, true)]
    [InlineData(RoleNames.DisciplineInspector, true)]
    [InlineData(RoleNames.Committee, true)]
    [InlineData(RoleNames.Admin, false)]
    [InlineData(RoleNames.SecurityAdmin, false)]
    [InlineData(RoleNames.Auditor, false)]
    public void Business_roles_file_items_and_the_administrators_do_not(string role, bool allowed)
    {
        Assert.Equal(allowed, RectificationFiling.MayCreate(ForRole(role)));
        var refusal = Record.Exception(() => RectificationFiling.EnsureMayCreate(ForRole(role)));
        Assert.Equal(allowed ? null : (RuleViolation?)RuleViolation.Forbidden, (refusal as WorkflowRuleException)?.Violation);
    }

    [Fact]
    public void A_requirement_is_closed_by_the_reviewers_later_role_and_only_reviewers_file_one()
    {
        Assert.Equal(RoleNames.PartySecretary, RectificationFiling.ReviewerRoleFor(Secretary, RectificationSource.ReviewOpinion));
        Assert.Equal(RoleNames.Committee,
            RectificationFiling.ReviewerRoleFor(Make("x", RoleNames.DisciplineInspector, RoleNames.Committee), RectificationSource.ReviewOpinion));
        Assert.Null(RectificationFiling.ReviewerRoleFor(Drafter, RectificationSource.SelfInspection));

        var refusal = Assert.Throws<WorkflowRuleException>(() => RectificationFiling.ReviewerRoleFor(Drafter, RectificationSource.ReviewOpinion));
        Assert.Equal((RuleViolation.Invalid, "source-reviewer-only", "source"), (refusal.Violation, refusal.Code, refusal.Field));
    }
}
