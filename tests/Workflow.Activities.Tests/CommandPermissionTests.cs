using Workflow.Activities.Reports;
using static Workflow.Activities.Tests.TestActors;

namespace Workflow.Activities.Tests;

/// <summary>Check/Can/AllowedCommands: who may do what at which point of the route, and why not.</summary>
public sealed class CommandPermissionTests
{
    private static readonly ReportCommand[] DrafterCommands = [ReportCommand.Edit, ReportCommand.Submit, ReportCommand.Withdraw];
    private static readonly ReportCommand[] ReviewCommands = [ReportCommand.Approve, ReportCommand.Return];

    private static TheoryData<ReportStatus, string> EveryStatusWith(params string[] roles)
    {
        var data = new TheoryData<ReportStatus, string>();
        foreach (var status in ReportStatus.Standard)
            foreach (var role in roles)
                data.Add(status, role);
        return data;
    }

    public static TheoryData<ReportStatus, string> EveryStatusAndNonDrafterRole() =>
        EveryStatusWith(RoleNames.PartySecretary, RoleNames.DisciplineInspector, RoleNames.Committee, RoleNames.Admin);

    [Theory]
    [MemberData(nameof(EveryStatusAndNonDrafterRole))]
    public void Drafter_commands_by_anyone_but_a_drafter_are_forbidden(ReportStatus status, string role)
    {
        var report = In(status);

        foreach (var command in DrafterCommands)
            Assert.Equal(RuleViolation.Forbidden, report.Refusal(command, ForRole(role)));
    }

    public static TheoryData<ReportStatus, string> EveryStatusAndRoleOffTheRoute() => EveryStatusWith(RoleNames.Drafter, RoleNames.Admin);

    [Theory]
    [MemberData(nameof(EveryStatusAndRoleOffTheRoute))]
    public void Approve_and_return_by_a_role_that_is_not_on_the_route_are_forbidden(ReportStatus status, string role)
    {
        var report = In(status);

        foreach (var command in ReviewCommands)
            Assert.Equal(RuleViolation.Forbidden, report.Refusal(command, ForRole(role)));
    }

    [Theory]
    [InlineData(nameof(ReportStatus.SecretaryReview), RoleNames.DisciplineInspector)]
    [InlineData(nameof(ReportStatus.SecretaryReview), RoleNames.Committee)]
    [InlineData(nameof(ReportStatus.DisciplineReview), RoleNames.Committee)]
    public void A_reviewer_whose_step_is_not_reached_yet_is_forbidden(ReportStatus status, string role)
    {
        var report = In(status);

        foreach (var command in ReviewCommands)
            Assert.Equal(RuleViolation.Forbidden, report.Refusal(command, ForRole(role)));
        var refusal = Assert.Throws<WorkflowRuleException>(() => report.Approve(ForRole(role), null, Next(report)));
        Assert.Equal("not-your-step", refusal.Code);
    }

    [Theory]
    [InlineData(nameof(ReportStatus.DisciplineReview), RoleNames.PartySecretary)]
    [InlineData(nameof(ReportStatus.CommitteeReview), RoleNames.PartySecretary)]
    [InlineData(nameof(ReportStatus.CommitteeReview), RoleNames.DisciplineInspector)]
    public void A_reviewer_whose_step_has_passed_gets_a_conflict(ReportStatus status, string role)
    {
        var report = In(status);

        foreach (var command in ReviewCommands)
            Assert.Equal(RuleViolation.Conflict, report.Refusal(command, ForRole(role)));
    }

    [Theory]
    [InlineData(nameof(ReportStatus.Draft), RoleNames.PartySecretary)]
    [InlineData(nameof(ReportStatus.Draft), RoleNames.DisciplineInspector)]
    [InlineData(nameof(ReportStatus.Draft), RoleNames.Committee)]
    [InlineData(nameof(ReportStatus.Returned), RoleNames.PartySecretary)]
    [InlineData(nameof(ReportStatus.Returned), RoleNames.DisciplineInspector)]
    [InlineData(nameof(ReportStatus.Returned), RoleNames.Committee)]
    [InlineData(nameof(ReportStatus.Approved), RoleNames.PartySecretary)]
    [InlineData(nameof(ReportStatus.Approved), RoleNames.DisciplineInspector)]
    [InlineData(nameof(ReportStatus.Approved), RoleNames.Committee)]
    public void Reviewing_a_report_that_is_not_under_review_is_a_conflict(ReportStatus status, string role)
    {
        var report = In(status);

        foreach (var command in ReviewCommands)
            Assert.Equal(RuleViolation.Conflict, report.Refusal(command, ForRole(role)));
    }

    [Theory]
    [InlineData(nameof(ReportStatus.SecretaryReview))]
    [InlineData(nameof(ReportStatus.DisciplineReview))]
    [InlineData(nameof(ReportStatus.CommitteeReview))]
    public void The_reviewer_of_the_current_step_may_approve_or_return_and_nobody_else_may(ReportStatus status)
    {
        var report = In(status);

        foreach (var role in RoleNames.All)
        {
            var expected = ForRole(role) == ReviewerOf(status) ? ReviewCommands : [];
            Assert.Equal(expected, report.AllowedCommands(ForRole(role)).Where(ReviewCommands.Contains));
        }
    }

    [Fact]
    public void An_approved_report_allows_nothing_to_anyone()
    {
        var report = In(ReportStatus.Approved);

        foreach (var role in RoleNames.All)
            Assert.Empty(report.AllowedCommands(ForRole(role)));
    }

    [Theory]
    [InlineData(nameof(ReportStatus.Draft), null)]
    [InlineData(nameof(ReportStatus.Returned), null)]
    [InlineData(nameof(ReportStatus.SecretaryReview), RuleViolation.Conflict)]
    [InlineData(nameof(ReportStatus.DisciplineReview), RuleViolation.Conflict)]
    [InlineData(nameof(ReportStatus.CommitteeReview), RuleViolation.Conflict)]
    [InlineData(nameof(ReportStatus.Approved), RuleViolation.Conflict)]
    public void The_drafter_may_edit_only_a_draft_or_a_returned_report(ReportStatus status, RuleViolation? expected)
    {
        var report = In(status);

        Assert.Equal(expected, report.Refusal(ReportCommand.Edit, Drafter));
        Assert.Equal(expected is null, report.Can(ReportCommand.Edit, Drafter));
    }

    [Fact]
    public void Editing_a_report_under_review_is_refused_and_keeps_the_text()
    {
        var report = In(ReportStatus.SecretaryReview);

        var refusal = Assert.Throws<WorkflowRuleException>(() => report.Edit(Drafter, "新标题", "新正文", Next(report)));

        Assert.Equal(RuleViolation.Conflict, refusal.Violation);
        Assert.Equal("2025年度报告", report.Title);
        Assert.Equal(1, report.Revision);
    }

    // The reviewer of the current step decides it, or hands it on (转办) or asks someone else too (加签).
    private static readonly ReportCommand[] Reviewing = [ReportCommand.Approve, ReportCommand.Return, ReportCommand.Transfer, ReportCommand.AddReviewer];

    public static TheoryData<ReportStatus, string, ReportCommand[]> ExpectedCommands() => new()
    {
        { ReportStatus.Draft, RoleNames.Drafter, [ReportCommand.Edit, ReportCommand.Submit] },
        { ReportStatus.Draft, RoleNames.PartySecretary, [] },
        { ReportStatus.SecretaryReview, RoleNames.Drafter, [ReportCommand.Withdraw] },
        { ReportStatus.SecretaryReview, RoleNames.PartySecretary, Reviewing },
        { ReportStatus.SecretaryReview, RoleNames.DisciplineInspector, [] },
        { ReportStatus.DisciplineReview, RoleNames.Drafter, [] },
        { ReportStatus.DisciplineReview, RoleNames.DisciplineInspector, Reviewing },
        { ReportStatus.CommitteeReview, RoleNames.Committee, Reviewing },
        { ReportStatus.CommitteeReview, RoleNames.Admin, [] },
        { ReportStatus.Returned, RoleNames.Drafter, [ReportCommand.Edit, ReportCommand.Submit] },
        { ReportStatus.Returned, RoleNames.PartySecretary, [] },
    };

    [Theory]
    [MemberData(nameof(ExpectedCommands))]
    public void Allowed_commands_list_exactly_what_the_actor_may_do_now(ReportStatus status, string role, ReportCommand[] expected)
    {
        Assert.Equal(expected, In(status).AllowedCommands(ForRole(role)));
    }

    [Fact]
    public void Ensure_Can_and_the_intent_methods_agree_for_every_actor_command_and_status()
    {
        foreach (var status in ReportStatus.Standard)
            foreach (var role in RoleNames.All)
                foreach (var command in Enum.GetValues<ReportCommand>())
                {
                    var report = In(status);
                    var actor = ForRole(role);
                    var check = report.Refusal(command, actor);
                    Assert.Equal(check is null, report.Can(command, actor));
                    Assert.Equal(check is null, report.AllowedCommands(actor).Contains(command));

                    var refusal = Record.Exception(() => Run(report, command, actor));

                    Assert.Equal(check, (refusal as WorkflowRuleException)?.Violation);
                    if (check is null) Assert.Null(refusal);
                }
    }

    private static void Run(Report report, ReportCommand command, Actor actor)
    {
        var at = Next(report);
        switch (command)
        {
            case ReportCommand.Edit: report.Edit(actor, report.Title + "（修改稿）", report.Body, at); break;
            case ReportCommand.Submit: report.Submit(actor, at); break;
            case ReportCommand.Withdraw: report.Withdraw(actor, at); break;
            case ReportCommand.Approve: report.Approve(actor, null, at); break;
            case ReportCommand.Return: report.Return(actor, ReturnComment, false, at); break;
            case ReportCommand.Transfer: report.Transfer(actor, new Reviewer("colleague", "同事"), "请代为审核。", at); break;
            case ReportCommand.AddReviewer: report.AddReviewer(actor, new Reviewer("colleague", "同事"), AddPosition.Before, null, at); break;
            default: throw new ArgumentOutOfRangeException(nameof(command));
        }
    }
}
