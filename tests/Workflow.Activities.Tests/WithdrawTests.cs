using Workflow.Activities.Reports;
using static Workflow.Activities.Tests.TestActors;

namespace Workflow.Activities.Tests;

/// <summary>撤回: the drafter takes a submission back while the reviewer it went to has not acted yet.</summary>
public sealed class WithdrawTests
{
    [Fact]
    public void The_drafter_can_withdraw_a_submission_nobody_has_acted_on()
    {
        var report = WaitingAt(ReportStatus.SecretaryReview);
        var at = Next(report);

        report.Withdraw(Drafter, at);

        Assert.Equal(ReportStatus.Draft, report.Status);
        Assert.Null(report.SubmittedTo);
        Assert.Equal(at, report.StatusSince);
        var entry = report.Journal[^1];
        Assert.Equal((ReportAction.Withdrawn, ReportStatus.SecretaryReview, ReportStatus.Draft),
            (entry.Action, entry.FromStatus, entry.ToStatus));
    }

    [Fact]
    public void A_withdrawn_report_can_be_edited_and_submitted_again()
    {
        var report = WaitingAt(ReportStatus.SecretaryReview);
        report.Withdraw(Drafter, Next(report));

        report.Edit(Drafter, report.Title, report.Body + "\n三是补充内容。", Next(report));
        report.Submit(Drafter, Next(report));

        Assert.Equal(ReportStatus.SecretaryReview, report.Status);
        Assert.Equal(2, report.Revision);
    }

    [Theory]
    [InlineData(nameof(ReportStatus.DisciplineReview))]
    [InlineData(nameof(ReportStatus.CommitteeReview))]
    [InlineData(nameof(ReportStatus.Approved))]
    public void Withdrawing_after_a_reviewer_approved_is_a_conflict(ReportStatus status)
    {
        var report = WaitingAt(status);
        var journalBefore = report.Journal.Count;

        var refusal = Assert.Throws<WorkflowRuleException>(() => report.Withdraw(Drafter, Next(report)));

        Assert.Equal(RuleViolation.Conflict, refusal.Violation);
        Assert.Equal(status, report.Status);
        Assert.Equal(journalBefore, report.Journal.Count);
    }

    [Theory]
    [InlineData(nameof(ReportStatus.Draft))]
    [InlineData(nameof(ReportStatus.Returned))]
    public void Withdrawing_a_report_the_drafter_already_holds_is_a_conflict(ReportStatus status)
    {
        var report = In(status);

        Assert.Equal(RuleViolation.Conflict, report.Refusal(ReportCommand.Withdraw, Drafter));
        Assert.Throws<WorkflowRuleException>(() => report.Withdraw(Drafter, Next(report)));
    }

    [Theory]
    [InlineData(RoleNames.PartySecretary)]
    [InlineData(RoleNames.DisciplineInspector)]
    [InlineData(RoleNames.Committee)]
    [InlineData(RoleNames.Admin)]
    public void Only_a_drafter_may_withdraw(string role)
    {
        var report = WaitingAt(ReportStatus.SecretaryReview);

        var refusal = Assert.Throws<WorkflowRuleException>(() => report.Withdraw(ForRole(role), Next(report)));

        Assert.Equal(RuleViolation.Forbidden, refusal.Violation);
        Assert.Equal(ReportStatus.SecretaryReview, report.Status);
    }

    [Theory]
    [InlineData(nameof(ReportStatus.DisciplineReview))]
    [InlineData(nameof(ReportStatus.CommitteeReview))]
    public void A_resubmission_can_be_withdrawn_while_the_returning_reviewer_has_not_acted(ReportStatus step)
    {
        var report = ReturnedFrom(step);
        report.Submit(Drafter, Next(report));

        Assert.True(report.Can(ReportCommand.Withdraw, Drafter));
        report.Withdraw(Drafter, Next(report));

        Assert.Equal(ReportStatus.Draft, report.Status);
    }

    [Theory]
    [InlineData(nameof(ReportStatus.DisciplineReview))]
    [InlineData(nameof(ReportStatus.CommitteeReview))]
    public void Submitting_a_withdrawn_resubmission_goes_to_the_step_that_returned_it(ReportStatus step)
    {
        var report = ReturnedFrom(step);
        report.Submit(Drafter, Next(report));
        report.Withdraw(Drafter, Next(report));

        report.Submit(Drafter, Next(report));

        Assert.Equal(step, report.Status);
        Assert.Equal(ReportAction.Submitted, report.Journal[^1].Action);
        Assert.True(report.Can(ReportCommand.Withdraw, Drafter));
    }

    [Fact]
    public void Submitting_a_withdrawn_restarted_resubmission_goes_to_the_first_step()
    {
        var report = ReturnedFrom(ReportStatus.CommitteeReview, restartFromFirstStep: true);
        report.Submit(Drafter, Next(report));
        report.Withdraw(Drafter, Next(report));

        report.Submit(Drafter, Next(report));

        Assert.Equal(ReportStatus.SecretaryReview, report.Status);
    }

    [Fact]
    public void A_resubmission_cannot_be_withdrawn_once_the_returning_reviewer_approved_it()
    {
        var report = ReturnedFrom(ReportStatus.DisciplineReview);
        report.Submit(Drafter, Next(report));
        report.Approve(Inspector, null, Next(report));

        Assert.Equal(RuleViolation.Conflict, report.Refusal(ReportCommand.Withdraw, Drafter));
    }
}
