using Workflow.Activities;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using Workflow.Web.Pages.Reports;

namespace Workflow.Web.Tests.Pages;

/// <summary>The step bar takes its steps from the report's route version and places returned and withdrawn reports.</summary>
public sealed class StepBarTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly Actor Drafter = new("d", "起草人甲", new HashSet<string> { RoleNames.Drafter });
    private static readonly Actor Secretary = new("s", "书记乙", new HashSet<string> { RoleNames.PartySecretary });
    private static readonly Actor Committee = new("c", "工委丙", new HashSet<string> { RoleNames.Committee });

    private static readonly RouteDefinition V2 = new(2, "简化审核流程", [
        RouteStep.For(ReportStatus.SecretaryReview, RoleNames.PartySecretary, "书记审签", 2),
        RouteStep.For(ReportStatus.CommitteeReview, RoleNames.Committee, "工委审定", 10),
    ], T0);

    private static Report Draft(RouteDefinition route) =>
        Report.Create(Guid.NewGuid(), 2026, "报告", "一、履行主体责任情况\n党组认真落实全面从严治党主体责任。\n二、存在的问题\n一是学习不够深入。\n三、下一步打算\n一是深化理论学习。", route, Drafter, T0);

    private static string Describe(StepBar bar) => string.Join(" ", bar.Items.Select(i => $"{i.Name}:{i.State}"));

    [Fact]
    public void The_steps_are_the_route_versions_own()
    {
        var report = Draft(V2);
        report.Submit(Drafter, T0.AddHours(1));
        report.Approve(Secretary, null, T0.AddHours(2));

        var bar = StepBar.Of(report, ["工委丙"], null);

        Assert.Equal("草稿:Done 书记审签:Done 工委审定:Current 已通过:Upcoming", Describe(bar));
        Assert.Equal("工委丙", bar.Holders);
        Assert.Equal(T0.AddHours(2), bar.Since);
    }

    [Fact]
    public void A_return_to_the_committee_step_keeps_the_passed_steps_and_marks_where_it_comes_back()
    {
        var report = Draft(V2);
        report.Submit(Drafter, T0.AddHours(1));
        report.Approve(Secretary, null, T0.AddHours(2));
        report.Return(Committee, "请补充。", restartFromFirstStep: false, T0.AddHours(3));

        var bar = StepBar.Of(report, [], null);

        Assert.Equal("已退回:Current 书记审签:Done 工委审定:Upcoming 已通过:Upcoming", Describe(bar));
        Assert.True(bar.Returned);
        Assert.Equal("重新提交后回到此环节", bar.Items[2].Note);
        // Nobody found: the role's name.
        Assert.Equal(RoleNames.Label(RoleNames.Drafter), bar.Holders);
    }

    [Fact]
    public void A_return_with_restart_passes_no_step_and_an_approved_report_passes_all()
    {
        var restarted = Draft(V2);
        restarted.Submit(Drafter, T0.AddHours(1));
        restarted.Approve(Secretary, null, T0.AddHours(2));
        restarted.Return(Committee, "请补充。", restartFromFirstStep: true, T0.AddHours(3));
        Assert.Equal("已退回:Current 书记审签:Upcoming 工委审定:Upcoming 已通过:Upcoming", Describe(StepBar.Of(restarted, [], null)));

        var approved = Draft(V2);
        approved.Submit(Drafter, T0.AddHours(1));
        approved.Approve(Secretary, null, T0.AddHours(2));
        approved.Approve(Committee, null, T0.AddHours(3));
        Assert.Equal("草稿:Done 书记审签:Done 工委审定:Done 已通过:Done", Describe(StepBar.Of(approved, [], null)));
    }
}
