using Workflow.Activities.Reports;
using static Workflow.Activities.Tests.TestActors;

namespace Workflow.Activities.Tests;

/// <summary>Route v1 end to end: submit, approve step by step, return with a comment and resubmit (原路返回).</summary>
public sealed class RouteTransitionTests
{
    [Fact]
    public void A_new_report_is_a_draft_on_the_route_it_was_created_under()
    {
        var report = Draft();

        Assert.Equal(ReportStatus.Draft, report.Status);
        Assert.Equal(1, report.RouteVersion);
        Assert.Same(V1, report.Route);
        Assert.Null(report.CurrentStep);
        Assert.Null(report.ResumeStatus);
        Assert.Null(report.SubmittedTo);
    }

    [Fact]
    public void Submitting_a_draft_sends_it_to_the_party_secretary()
    {
        var report = Draft();
        var at = T0.AddHours(1);

        report.Submit(Drafter, at);

        Assert.Equal(ReportStatus.SecretaryReview, report.Status);
        Assert.Equal(RoleNames.PartySecretary, report.CurrentStep!.Role);
        Assert.Equal(ReportStatus.SecretaryReview, report.SubmittedTo);
        Assert.Equal(at, report.StatusSince);
    }

    [Theory]
    [InlineData(nameof(ReportStatus.SecretaryReview), nameof(ReportStatus.DisciplineReview))]
    [InlineData(nameof(ReportStatus.DisciplineReview), nameof(ReportStatus.CommitteeReview))]
    [InlineData(nameof(ReportStatus.CommitteeReview), nameof(ReportStatus.Approved))]
    public void Approving_a_step_moves_the_report_to_the_next_step(ReportStatus step, ReportStatus next)
    {
        var report = WaitingAt(step);
        var at = Next(report);

        report.Approve(ReviewerOf(step), "同意。", at);

        Assert.Equal(next, report.Status);
        Assert.Equal(at, report.StatusSince);
        Assert.Null(report.SubmittedTo);
    }

    [Fact]
    public void A_report_approved_by_all_three_reviewers_is_approved_and_has_no_current_step()
    {
        var report = Draft();
        report.Submit(Drafter, Next(report));
        report.Approve(Secretary, null, Next(report));
        report.Approve(Inspector, null, Next(report));
        report.Approve(Committee, "审核通过。", Next(report));

        Assert.Equal(ReportStatus.Approved, report.Status);
        Assert.Null(report.CurrentStep);
        Assert.Equal(
            [ReportStatus.Draft, ReportStatus.SecretaryReview, ReportStatus.DisciplineReview, ReportStatus.CommitteeReview],
            report.Journal.Skip(1).Select(j => j.FromStatus));
    }

    [Theory]
    [InlineData(nameof(ReportStatus.SecretaryReview))]
    [InlineData(nameof(ReportStatus.DisciplineReview))]
    [InlineData(nameof(ReportStatus.CommitteeReview))]
    public void Returning_from_any_step_gives_the_report_back_to_the_drafter(ReportStatus step)
    {
        var report = WaitingAt(step);

        report.Return(ReviewerOf(step), "  " + ReturnComment + "  ", false, Next(report));

        Assert.Equal(ReportStatus.Returned, report.Status);
        Assert.Null(report.SubmittedTo);
        var entry = report.Journal[^1];
        Assert.Equal(ReportAction.Returned, entry.Action);
        Assert.Equal(step, entry.FromStatus);
        Assert.Equal(ReturnComment, entry.Comment);
    }

    public static TheoryData<string?> BlankComments => new() { null, "", "   ", "\t\r\n　" };

    [Theory]
    [MemberData(nameof(BlankComments))]
    public void Returning_without_a_comment_is_refused_and_changes_nothing(string? comment)
    {
        foreach (var step in new[] { ReportStatus.SecretaryReview, ReportStatus.DisciplineReview, ReportStatus.CommitteeReview })
        {
            var report = WaitingAt(step);
            var journalBefore = report.Journal.Count;

            var refusal = Assert.Throws<WorkflowRuleException>(() => report.Return(ReviewerOf(step), comment!, false, Next(report)));

            Assert.Equal(RuleViolation.Invalid, refusal.Violation);
            Assert.Equal("comment-required", refusal.Code);
            Assert.Equal("comment", refusal.Field);
            Assert.Equal("退回时必须填写退回意见。", refusal.Message);
            Assert.Equal(step, report.Status);
            Assert.Equal(journalBefore, report.Journal.Count);
        }
    }

    [Fact]
    public void A_comment_longer_than_the_limit_is_refused()
    {
        var report = WaitingAt(ReportStatus.SecretaryReview);

        var refusal = Assert.Throws<WorkflowRuleException>(() =>
            report.Return(Secretary, new string('意', Report.MaxCommentLength + 1), false, Next(report)));

        Assert.Equal(("comment-too-long", "comment"), (refusal.Code, refusal.Field));
        Assert.Equal(ReportStatus.SecretaryReview, report.Status);
    }

    [Theory]
    [InlineData(nameof(ReportStatus.SecretaryReview))]
    [InlineData(nameof(ReportStatus.DisciplineReview))]
    [InlineData(nameof(ReportStatus.CommitteeReview))]
    public void A_resubmission_goes_straight_back_to_the_step_that_returned_it(ReportStatus step)
    {
        var report = ReturnedFrom(step);

        report.Submit(Drafter, Next(report));

        Assert.Equal(step, report.Status);
        Assert.Equal(ReportAction.Resubmitted, report.Journal[^1].Action);
        Assert.Equal(step, report.SubmittedTo);
    }

    [Theory]
    [InlineData(nameof(ReportStatus.SecretaryReview))]
    [InlineData(nameof(ReportStatus.DisciplineReview))]
    [InlineData(nameof(ReportStatus.CommitteeReview))]
    public void A_resubmission_after_a_return_with_restart_starts_again_at_the_secretary(ReportStatus step)
    {
        var report = ReturnedFrom(step, restartFromFirstStep: true);

        Assert.Null(report.ResumeStatus);
        Assert.True(report.Journal[^1].RestartFromFirstStep);
        report.Submit(Drafter, Next(report));

        Assert.Equal(ReportStatus.SecretaryReview, report.Status);
    }

    [Fact]
    public void A_return_from_the_first_step_resubmits_to_the_first_step()
    {
        var report = ReturnedFrom(ReportStatus.SecretaryReview);

        report.Submit(Drafter, Next(report));

        Assert.Equal(ReportStatus.SecretaryReview, report.Status);
        Assert.Equal(ReportAction.Resubmitted, report.Journal[^1].Action);
    }

    [Fact]
    public void After_a_return_by_the_inspector_the_secretary_is_not_asked_again()
    {
        var report = ReturnedFrom(ReportStatus.DisciplineReview);
        report.Submit(Drafter, Next(report));

        report.Approve(Inspector, "已补充，同意。", Next(report));
        report.Approve(Committee, null, Next(report));

        Assert.Equal(ReportStatus.Approved, report.Status);
        Assert.Equal([Secretary.UserId, Inspector.UserId, Committee.UserId],
            report.Journal.Where(j => j.Action == ReportAction.Approved).Select(j => j.ActorId));
    }

    [Fact]
    public void After_a_restart_every_step_reviews_again()
    {
        var report = ReturnedFrom(ReportStatus.CommitteeReview, restartFromFirstStep: true);
        report.Submit(Drafter, Next(report));

        report.Approve(Secretary, null, Next(report));
        Assert.Equal(ReportStatus.DisciplineReview, report.Status);
        report.Approve(Inspector, null, Next(report));
        Assert.Equal(ReportStatus.CommitteeReview, report.Status);
        report.Approve(Committee, null, Next(report));
        Assert.Equal(ReportStatus.Approved, report.Status);
    }

    [Fact]
    public void Only_the_latest_return_decides_where_the_resubmission_goes()
    {
        var report = ReturnedFrom(ReportStatus.CommitteeReview);
        report.Submit(Drafter, Next(report));
        Assert.Equal(ReportStatus.CommitteeReview, report.Status);

        report.Return(Committee, "仍需补充第一种形态数据。", true, Next(report));
        report.Submit(Drafter, Next(report));

        Assert.Equal(ReportStatus.SecretaryReview, report.Status);
        report.Approve(Secretary, null, Next(report));
        report.Return(Inspector, "问题清单不完整。", false, Next(report));
        report.Submit(Drafter, Next(report));
        Assert.Equal(ReportStatus.DisciplineReview, report.Status);
    }

    [Theory]
    [InlineData(nameof(ReportStatus.SecretaryReview))]
    [InlineData(nameof(ReportStatus.Approved))]
    public void Submitting_a_report_that_is_not_with_the_drafter_is_a_conflict(ReportStatus status)
    {
        var report = In(status);

        var refusal = Assert.Throws<WorkflowRuleException>(() => report.Submit(Drafter, Next(report)));

        Assert.Equal(RuleViolation.Conflict, refusal.Violation);
        Assert.Equal(status, report.Status);
    }
}
