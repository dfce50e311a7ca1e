using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using static Workflow.Activities.Tests.TestActors;

namespace Workflow.Activities.Tests;

/// <summary>会签, 或签, 转办 and 加签 on one route: secretary, a 会签 inspection team (two members), the committee.</summary>
public sealed class ReviewTaskTests
{
    private static readonly RouteDefinition Countersign = new(3, "会签流程", [
        new RouteStep("SecretaryReview", "党组书记审核", StepDecider.OwnUnit(RoleNames.PartySecretary), 3),
        new RouteStep("DisciplineReview", "纪检监察组会签", StepDecider.InspectionTeam(), 5, Mode: StepMode.All),
        new RouteStep("CommitteeReview", "市直机关工委审核", StepDecider.Supervisor(), 5, ChecksGate: true, Mode: StepMode.Any),
    ], T0);

    private static readonly Actor Inspector2 = Make("i2", RoleNames.DisciplineInspector);
    private static readonly Actor Committee2 = Make("c2", RoleNames.Committee);
    private static readonly Actor Secretary2 = Make("s2", RoleNames.PartySecretary);
    private static readonly Reviewer[] Team = [new("i1", "i1"), new("i2", "i2")];

    private static IReadOnlyList<Reviewer> Members(RouteStep step) => step.Mode == StepMode.All ? Team : [];

    private static Report AtCountersign()
    {
        var report = Draft(Countersign);
        report.Submit(Drafter, Next(report), assignees: Members);
        report.Approve(Secretary, null, Next(report), assignees: Members);
        Assert.Equal(ReportStatus.DisciplineReview, report.Status);
        return report;
    }

    [Fact]
    public void Both_members_of_a_countersign_step_must_approve_the_first_keeps_the_status_and_may_not_decide_again()
    {
        var report = AtCountersign();
        Assert.Equal(["i1", "i2"], report.WaitingTasks().Select(t => t.UserId));

        report.Approve(Inspector, "同意。", Next(report), assignees: Members);
        Assert.Equal(ReportStatus.DisciplineReview, report.Status);
        Assert.Equal(ReportAction.Countersigned, report.Journal[^1].Action);
        Assert.Equal(["i2"], report.WaitingTasks().Select(t => t.UserId));
        var again = Assert.Throws<WorkflowRuleException>(() => report.Approve(Inspector, null, Next(report)));
        Assert.Equal((RuleViolation.Conflict, "already-decided"), (again.Violation, again.Code));
        Assert.False(report.Can(ReportCommand.Withdraw, Drafter));

        report.Approve(Inspector2, null, Next(report), assignees: Members);
        Assert.Equal(ReportStatus.CommitteeReview, report.Status);
        Assert.Equal((ReportAction.Approved, "i2"), (report.Journal[^1].Action, report.Journal[^1].ActorId));
        Assert.All(report.Tasks, t => Assert.Equal(ReviewTaskState.Approved, t.State));
    }

    [Fact]
    public void A_return_from_the_countersign_step_cancels_the_round_and_the_resubmission_asks_both_again()
    {
        var report = AtCountersign();
        report.Approve(Inspector, null, Next(report), assignees: Members);
        report.Return(Inspector2, ReturnComment, false, Next(report));
        Assert.Equal(ReportStatus.Returned, report.Status);
        Assert.Equal([ReviewTaskState.Approved, ReviewTaskState.Returned], report.Tasks.Select(t => t.State));

        report.Submit(Drafter, Next(report), assignees: Members);
        Assert.Equal(ReportStatus.DisciplineReview, report.Status);
        Assert.Equal(["i1", "i2"], report.WaitingTasks().Select(t => t.UserId));
        Assert.Equal(4, report.Tasks.Count);
        Assert.True(report.Can(ReportCommand.Approve, Inspector));
    }

    [Fact]
    public void A_countersign_step_with_nobody_refuses_the_move_and_changes_nothing()
    {
        var report = Draft(Countersign);
        report.Submit(Drafter, Next(report));
        var refused = Assert.Throws<WorkflowRuleException>(() => report.Approve(Secretary, null, Next(report), assignees: _ => []));
        Assert.Equal("countersign-nobody", refused.Code);
        Assert.Contains("纪检监察组会签", refused.Message);
        Assert.Equal(ReportStatus.SecretaryReview, report.Status);
    }

    [Fact]
    public void In_an_any_step_the_first_decision_closes_it_and_the_second_member_gets_409()
    {
        var report = AtCountersign();
        report.Approve(Inspector, null, Next(report));
        report.Approve(Inspector2, null, Next(report));
        report.Approve(Committee, null, Next(report));
        Assert.Equal(ReportStatus.Approved, report.Status);
        Assert.Equal(RuleViolation.Conflict, report.Refusal(ReportCommand.Approve, Committee2));
    }

    [Fact]
    public void A_transfer_hands_the_step_to_the_colleague_only()
    {
        var report = Draft(Countersign);
        report.Submit(Drafter, Next(report));
        Assert.Equal("comment-required", Assert.Throws<WorkflowRuleException>(() =>
            report.Transfer(Secretary, new Reviewer("s2", "s2"), " ", Next(report))).Code);
        report.Transfer(Secretary, new Reviewer("s2", "s2"), "请代为审核。", Next(report));
        Assert.Equal(ReportStatus.SecretaryReview, report.Status);
        var row = report.Journal[^1];
        Assert.Equal((ReportAction.Transferred, "s2", "s2"), (row.Action, row.TargetUserId, row.TargetName));
        Assert.Equal(RuleViolation.Forbidden, report.Refusal(ReportCommand.Approve, Secretary));
        Assert.Equal(ReviewTaskKind.Transferee, Assert.Single(report.WaitingTasks()).Kind);
        Assert.Equal("self-not-allowed", Assert.Throws<WorkflowRuleException>(() =>
            report.Transfer(Secretary2, new Reviewer("s2", "s2"), "再转。", Next(report))).Code);
        Assert.False(report.Can(ReportCommand.Withdraw, Drafter));
        report.Approve(Secretary2, null, Next(report), assignees: Members);
        Assert.Equal(ReportStatus.DisciplineReview, report.Status);
    }

    [Fact]
    public void Transfers_back_and_forth_stop_at_the_limit_of_a_round()
    {
        var report = Draft(Countersign);
        report.Submit(Drafter, Next(report));
        var (from, to) = (Secretary, Secretary2);
        for (var i = 0; i < Report.MaxTransfersPerRound; i++)
        {
            report.Transfer(from, new Reviewer(to.UserId, to.DisplayName), "请代为审核。", Next(report));
            (from, to) = (to, from);
        }
        var before = report.Journal.Count;
        Assert.Equal("too-many-transfers", Assert.Throws<WorkflowRuleException>(() =>
            report.Transfer(from, new Reviewer(to.UserId, to.DisplayName), "再转。", Next(report))).Code);
        Assert.Equal(before, report.Journal.Count);
        report.Approve(from, null, Next(report), assignees: Members);
        Assert.Equal(ReportStatus.DisciplineReview, report.Status);
    }

    [Fact]
    public void A_reviewer_added_before_decides_first_and_the_step_comes_back()
    {
        var report = Draft(Countersign);
        report.Submit(Drafter, Next(report));
        var office = Make("o1", "OfficeDirector");
        report.AddReviewer(Secretary, new Reviewer("o1", "o1"), AddPosition.Before, "请先核稿。", Next(report));
        Assert.Equal(ReportAction.ReviewerAddedBefore, report.Journal[^1].Action);
        Assert.Equal(["o1"], report.WaitingTasks().Select(t => t.UserId));
        Assert.Equal(RuleViolation.Forbidden, report.Refusal(ReportCommand.Approve, Secretary));

        report.Approve(office, "已核。", Next(report));
        Assert.Equal(ReportStatus.SecretaryReview, report.Status);
        Assert.Equal("加签意见", report.Journal[^1].Label());
        Assert.Equal(["s1"], report.WaitingTasks().Select(t => t.UserId));
        report.Approve(Secretary, null, Next(report), assignees: Members);
        Assert.Equal(ReportStatus.DisciplineReview, report.Status);
    }

    [Fact]
    public void A_reviewer_added_after_must_approve_before_the_step_completes()
    {
        var report = AtCountersign();
        report.Approve(Inspector, null, Next(report));
        report.AddReviewer(Inspector2, new Reviewer("c2", "c2"), AddPosition.After, "同意，请工委同志把关。", Next(report));
        Assert.Equal(ReportStatus.DisciplineReview, report.Status);
        Assert.Equal(["c2"], report.WaitingTasks().Select(t => t.UserId));
        report.Approve(Committee2, null, Next(report));
        Assert.Equal(ReportStatus.CommitteeReview, report.Status);
    }

    [Fact]
    public void The_drafter_withdraws_while_no_member_acted_and_the_round_is_cancelled()
    {
        var report = Draft(new RouteDefinition(4, "首环节会签", [
            new RouteStep("DisciplineReview", "纪检监察组会签", StepDecider.InspectionTeam(), 5, Mode: StepMode.All)], T0));
        report.Submit(Drafter, Next(report), assignees: Members);
        Assert.True(report.Can(ReportCommand.Withdraw, Drafter));
        report.Withdraw(Drafter, Next(report));
        Assert.All(report.Tasks, t => Assert.Equal(ReviewTaskState.Cancelled, t.State));

        report.Submit(Drafter, Next(report), assignees: Members);
        report.Approve(Inspector, null, Next(report));
        Assert.False(report.Can(ReportCommand.Withdraw, Drafter));
    }
}
