using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using static Workflow.Activities.Tests.TestActors;

namespace Workflow.Activities.Tests;

/// <summary>Routes are versioned: a report follows the version it was created under; definitions are validated.</summary>
public sealed class RouteVersionTests
{
    private static readonly RouteDefinition V2 = new(2, "简化审核流程", [
        RouteStep.For(ReportStatus.SecretaryReview, RoleNames.PartySecretary, "党组书记审核", 2),
        RouteStep.For(ReportStatus.CommitteeReview, RoleNames.Committee, "市直机关工委审核", 10),
    ], T0.AddMonths(1));

    [Fact]
    public void A_report_created_under_v1_keeps_following_the_three_v1_steps()
    {
        var report = Draft(V1);
        Assert.True(V2.Version > V1.Version);

        report.Submit(Drafter, Next(report));
        report.Approve(Secretary, null, Next(report));

        Assert.Equal(1, report.RouteVersion);
        Assert.Equal(ReportStatus.DisciplineReview, report.Status);
        Assert.Equal(5, report.CurrentStep!.TimeLimitWorkingDays);
    }

    [Fact]
    public void A_report_created_under_v2_skips_the_discipline_step_and_uses_v2_time_limits()
    {
        var report = Draft(V2);

        report.Submit(Drafter, Next(report));
        Assert.Equal(2, report.CurrentStep!.TimeLimitWorkingDays);
        report.Approve(Secretary, null, Next(report));

        Assert.Equal(2, report.RouteVersion);
        Assert.Equal(ReportStatus.CommitteeReview, report.Status);
        Assert.Equal(10, report.CurrentStep!.TimeLimitWorkingDays);
        report.Approve(Committee, null, Next(report));
        Assert.Equal(ReportStatus.Approved, report.Status);
    }

    [Fact]
    public void On_v2_the_discipline_inspector_has_no_step_and_is_forbidden()
    {
        var report = Draft(V2);
        report.Submit(Drafter, Next(report));
        report.Approve(Secretary, null, Next(report));

        Assert.Equal(RuleViolation.Forbidden, report.Refusal(ReportCommand.Approve, Inspector));
        Assert.Empty(report.AllowedCommands(Inspector));
    }

    [Fact]
    public void On_v2_a_return_by_the_committee_resubmits_to_the_committee()
    {
        var report = Draft(V2);
        report.Submit(Drafter, Next(report));
        report.Approve(Secretary, null, Next(report));
        report.Return(Committee, ReturnComment, false, Next(report));

        report.Submit(Drafter, Next(report));

        Assert.Equal(ReportStatus.CommitteeReview, report.Status);
    }

    [Fact]
    public void The_diagram_of_v2_shows_only_the_v2_steps()
    {
        var diagram = Report.MermaidFor(V2);

        Assert.Contains("SecretaryReview --> CommitteeReview : Approve", diagram);
        Assert.DoesNotContain("DisciplineReview", diagram);
    }

    [Fact]
    public void After_tells_where_an_approval_leads()
    {
        Assert.Equal(ReportStatus.DisciplineReview, V1.After(ReportStatus.SecretaryReview));
        Assert.Equal(ReportStatus.CommitteeReview, V2.After(ReportStatus.SecretaryReview));
        Assert.Equal(ReportStatus.Approved, V2.After(ReportStatus.CommitteeReview));
        Assert.Equal(-1, V2.IndexOf(ReportStatus.DisciplineReview));
        Assert.Null(V2.StepFor(ReportStatus.DisciplineReview));
    }

    [Fact]
    public void Each_role_decides_only_at_its_own_steps_of_the_version()
    {
        Assert.Equal([ReportStatus.CommitteeReview], V2.StepsDecidedBy(Committee).Select(s => s.Status));
        Assert.Empty(V2.StepsDecidedBy(Inspector));
        Assert.Empty(V1.StepsDecidedBy(Drafter));
        Assert.Equal([ReportStatus.SecretaryReview, ReportStatus.CommitteeReview],
            V1.StepsDecidedBy(Make("two", RoleNames.PartySecretary, RoleNames.Committee)).Select(s => s.Status));
    }

    [Fact]
    public void A_route_without_steps_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new RouteDefinition(2, "空流程", [], T0));
    }

    [Fact]
    public void A_route_using_a_status_twice_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new RouteDefinition(2, "重复", [
            RouteStep.For(ReportStatus.SecretaryReview, RoleNames.PartySecretary, "党组书记审核", 3),
            RouteStep.For(ReportStatus.SecretaryReview, RoleNames.Committee, "再审", 3),
        ], T0));
    }

    [Theory]
    [InlineData(nameof(ReportStatus.Draft))]
    [InlineData(nameof(ReportStatus.Returned))]
    [InlineData(nameof(ReportStatus.Approved))]
    public void A_route_step_must_use_a_review_status(ReportStatus status)
    {
        Assert.Throws<ArgumentException>(() => new RouteDefinition(2, "错误", [
            RouteStep.For(ReportStatus.SecretaryReview, RoleNames.PartySecretary, "党组书记审核", 3),
            RouteStep.For(status, RoleNames.Committee, "错误环节", 3),
        ], T0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_step_time_limit_below_one_working_day_is_rejected(int days)
    {
        Assert.Throws<ArgumentException>(() => new RouteDefinition(2, "错误", [
            RouteStep.For(ReportStatus.SecretaryReview, RoleNames.PartySecretary, "党组书记审核", days),
        ], T0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_route_version_below_one_is_rejected(int version)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RouteDefinition(version, "错误", V1.Steps, T0));
    }

    [Fact]
    public void A_single_step_route_is_valid_and_its_approval_finishes_the_report()
    {
        var single = new RouteDefinition(3, "单一环节", [RouteStep.For(ReportStatus.CommitteeReview, RoleNames.Committee, "工委审核", 1)], T0);
        var report = Draft(single);

        report.Submit(Drafter, Next(report));
        Assert.Equal(ReportStatus.CommitteeReview, report.Status);
        report.Approve(Committee, null, Next(report));

        Assert.Equal(ReportStatus.Approved, report.Status);
    }
}
