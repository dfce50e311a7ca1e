using Workflow.Activities.Reports;
using Workflow.Activities.Reports.Checks;
using static Workflow.Activities.Tests.TestActors;

namespace Workflow.Activities.Tests;

/// <summary>The checks guard of the committee step: a text with check errors is refused on its way in, before anything changes.</summary>
public sealed class CheckGuardTests
{
    private const string Unfinished = "一、主要工作\n全年召开党组会xx次。\n二、存在的问题\n学习不够深入。\n三、下一步打算\n深化学习。";

    private static CheckSettings PlaceholdersWarn { get; } = new(
        CheckCodes.Defaults.ToDictionary(d => d.Key, d => d.Key == CheckCodes.Placeholder ? CheckSeverity.Warning : d.Value));

    private static Report UnfinishedAt(ReportStatus status)
    {
        var report = Draft();
        report.Edit(Drafter, report.Title, Unfinished, Next(report));
        report.Submit(Drafter, Next(report));
        while (report.Status != status)
            report.Approve(ReviewerOf(report.Status), null, Next(report));
        return report;
    }

    private sealed record Snapshot(ReportStatus Status, ReportStatus? SubmittedTo, int Revision, int JournalSequence, int JournalCount,
        DateTimeOffset StatusSince, DateTimeOffset UpdatedAt, Guid ConcurrencyStamp);

    private static Snapshot Of(Report r) =>
        new(r.Status, r.SubmittedTo, r.Revision, r.JournalSequence, r.Journal.Count, r.StatusSince, r.UpdatedAt, r.ConcurrencyStamp);

    [Fact]
    public void A_refused_approval_into_the_committee_step_leaves_the_report_untouched()
    {
        var report = UnfinishedAt(ReportStatus.DisciplineReview);
        var before = Of(report);

        var refusal = Assert.Throws<WorkflowRuleException>(() => report.Approve(Inspector, "同意", Next(report), CheckSettings.Default));

        Assert.Equal((RuleViolation.Conflict, "report-checks-failed"), (refusal.Violation, refusal.Code));
        Assert.Equal("报告检查发现1处必须修改的问题，不能提交市直机关工委审核：“xx”是待填写的占位符（数字或内容未填写），提交前请补全（第2段：全年召开党组会xx次。）。请退回起草人修改。",
            refusal.Message);
        Assert.Equal(before, Of(report));
        Assert.True(report.Can(ReportCommand.Approve, Inspector));
    }

    [Fact]
    public void A_resubmission_that_would_go_straight_back_to_the_committee_is_refused_too()
    {
        var report = WaitingAt(ReportStatus.CommitteeReview);
        report.Return(Committee, ReturnComment, false, Next(report));
        report.Edit(Drafter, report.Title, Unfinished, Next(report));
        var before = Of(report);

        var refusal = Assert.Throws<WorkflowRuleException>(() => report.Submit(Drafter, Next(report)));

        Assert.Equal("report-checks-failed", refusal.Code);
        Assert.Equal(before, Of(report));
    }

    [Fact]
    public void Check_errors_do_not_hold_back_the_steps_before_the_committee_nor_its_own_decision()
    {
        var report = UnfinishedAt(ReportStatus.DisciplineReview);
        Assert.Equal(2, report.Journal.Count(j => j.ToStatus == ReportStatus.SecretaryReview || j.ToStatus == ReportStatus.DisciplineReview));

        report.Approve(Inspector, null, Next(report), PlaceholdersWarn);
        Assert.Equal(ReportStatus.CommitteeReview, report.Status);

        report.Approve(Committee, null, Next(report), CheckSettings.Default);
        Assert.Equal(ReportStatus.Approved, report.Status);
    }

    [Fact]
    public void Findings_are_those_of_the_checker_on_the_current_text_and_year()
    {
        var report = UnfinishedAt(ReportStatus.SecretaryReview);

        Assert.Equal(ReportChecker.Run(report.Title, Unfinished, report.Year, PlaceholdersWarn), report.Findings(PlaceholdersWarn));
        Assert.Equal([(CheckCodes.Placeholder, CheckSeverity.Error), (CheckCodes.TooShort, CheckSeverity.Warning)],
            report.Findings().Select(f => (f.Code, f.Severity)));
    }
}
