using Workflow.Activities.Reports;
using Workflow.Activities.Routes;
using static Workflow.Activities.Tests.TestActors;

namespace Workflow.Activities.Tests;

/// <summary>A route the administrator designed: five steps, two of them with keys of their own, the checks gate on the last.</summary>
public sealed class CustomRouteTests
{
    public const string OfficeRole = "OfficeDirector";
    private static readonly ReportStatus OfficeReview = new("OfficeReview");
    private static readonly ReportStatus SecondTeamReview = new("SecondTeamReview");

    public static readonly RouteDefinition Five = new(2, "五环节流程", [
        new RouteStep("OfficeReview", "办公室核稿", StepDecider.OwnUnit(OfficeRole), 2),
        new RouteStep("SecretaryReview", "党组书记审核", StepDecider.OwnUnit(RoleNames.PartySecretary), 3),
        new RouteStep("DisciplineReview", "纪检监察组审核", StepDecider.InspectionTeam(), 5),
        new RouteStep("SecondTeamReview", "第二纪检监察组复核", StepDecider.Named(Guid.NewGuid(), RoleNames.DisciplineInspector), 4),
        new RouteStep("CommitteeReview", "工委审定", StepDecider.Supervisor(), 5, ChecksGate: true),
    ], T0);

    private static readonly Actor Office = Make("o1", OfficeRole);

    private static Report Draft5() => Draft(Five);

    private static void Approve(Report report, Actor actor) => report.Approve(actor, null, Next(report));

    [Fact]
    public void A_report_goes_through_every_step_in_order_and_its_status_is_each_step_key()
    {
        var report = Draft5();
        report.Submit(Drafter, Next(report));
        Assert.Equal(OfficeReview, report.Status);
        Assert.True(report.Status.IsReview());
        Assert.Equal("办公室核稿", report.Status.Label(Five));

        Approve(report, Office);
        Assert.Equal(ReportStatus.SecretaryReview, report.Status);
        Approve(report, Secretary);
        Approve(report, Inspector);
        Assert.Equal(SecondTeamReview, report.Status);
        Approve(report, Inspector);
        Assert.Equal(ReportStatus.CommitteeReview, report.Status);
        Approve(report, Committee);

        Assert.Equal(ReportStatus.Approved, report.Status);
        Assert.Equal(["Draft", "OfficeReview", "SecretaryReview", "DisciplineReview", "SecondTeamReview", "CommitteeReview", "Approved"],
            report.Journal.Select(j => j.ToStatus.Key));
        Assert.Equal([OfficeRole, RoleNames.PartySecretary, RoleNames.DisciplineInspector, RoleNames.DisciplineInspector, RoleNames.Committee],
            report.Journal.Where(j => j.Action == ReportAction.Approved).Select(j => j.ActorRole));
    }

    [Fact]
    public void Only_the_role_of_the_current_step_decides_it_and_a_later_role_hears_not_your_step()
    {
        var report = Draft5();
        report.Submit(Drafter, Next(report));

        Assert.Equal(RuleViolation.Forbidden, report.Refusal(ReportCommand.Approve, Secretary));
        Assert.Equal(RuleViolation.Forbidden, report.Refusal(ReportCommand.Approve, Committee));
        Assert.Null(report.Refusal(ReportCommand.Approve, Office));
        Assert.Null(report.Refusal(ReportCommand.Withdraw, Drafter));
    }

    [Fact]
    public void Returned_from_a_middle_step_the_resubmission_goes_straight_back_to_it()
    {
        var report = Draft5();
        report.Submit(Drafter, Next(report));
        Approve(report, Office);
        Approve(report, Secretary);
        Approve(report, Inspector);
        Assert.Equal(SecondTeamReview, report.Status);

        report.Return(Inspector, ReturnComment, false, Next(report));
        Assert.Equal((ReportStatus.Returned, (ReportStatus?)SecondTeamReview), (report.Status, report.ResumeStatus));
        report.Submit(Drafter, Next(report));

        Assert.Equal(SecondTeamReview, report.Status);
        Assert.Equal(ReportAction.Resubmitted, report.Journal[^1].Action);
    }

    [Fact]
    public void Restart_from_the_first_step_goes_back_to_the_office()
    {
        var report = Draft5();
        report.Submit(Drafter, Next(report));
        Approve(report, Office);
        Approve(report, Secretary);

        report.Return(Inspector, ReturnComment, true, Next(report));
        report.Submit(Drafter, Next(report));

        Assert.Equal(OfficeReview, report.Status);
    }

    [Fact]
    public void The_drafter_withdraws_while_the_first_step_has_not_acted_and_no_longer_after()
    {
        var report = Draft5();
        report.Submit(Drafter, Next(report));
        report.Withdraw(Drafter, Next(report));
        Assert.Equal(ReportStatus.Draft, report.Status);

        report.Submit(Drafter, Next(report));
        Approve(report, Office);
        Assert.Equal(RuleViolation.Conflict, report.Refusal(ReportCommand.Withdraw, Drafter));
    }

    [Fact]
    public void The_checks_gate_stands_before_the_step_that_has_it_whatever_its_key()
    {
        var gated = new RouteDefinition(3, "办公室把关", [
            new RouteStep("OfficeReview", "办公室核稿", StepDecider.OwnUnit(OfficeRole), 2, ChecksGate: true),
        ], T0);
        var report = Report.Create(Guid.NewGuid(), 2025, "2025年度报告",
            "一、主要工作\n全年召开党组会xx次。\n二、存在的问题\n学习不够深入。\n三、下一步打算\n深化学习。", gated, Drafter, T0);

        var refusal = Assert.Throws<WorkflowRuleException>(() => report.Submit(Drafter, Next(report), Reports.Checks.CheckSettings.Default));

        Assert.Equal("report-checks-failed", refusal.Code);
        Assert.Contains("不能提交办公室核稿", refusal.Message);
        Assert.Equal(ReportStatus.Draft, report.Status);
    }

    [Fact]
    public void The_diagram_names_every_step_of_the_route()
    {
        var mermaid = Report.MermaidFor(Five);

        Assert.Contains("OfficeReview --> SecretaryReview", mermaid);
        Assert.Contains("SecondTeamReview --> CommitteeReview", mermaid);
        Assert.Contains("CommitteeReview --> Approved", mermaid);
    }

    [Theory]
    [InlineData("Draft", false)]
    [InlineData("Returned", false)]
    [InlineData("Approved", false)]
    [InlineData("SecretaryReview", true)]
    [InlineData("OfficeReview", true)]
    [InlineData("A", false)]
    [InlineData("9Review", false)]
    [InlineData("Office Review", false)]
    [InlineData("A2345678901234567890123456789012345678901", false)]
    public void A_step_key_is_a_letter_then_letters_or_digits_and_not_a_fixed_state(string key, bool valid) =>
        Assert.Equal(valid, ReportStatus.IsStepKey(key));

    [Fact]
    public void A_route_holds_one_to_ten_steps_with_unique_keys()
    {
        RouteStep Step(int i) => new($"Step{i}", $"第{i}步", StepDecider.Supervisor(), 1);
        Assert.Throws<ArgumentException>(() => new RouteDefinition(4, "十一步", Enumerable.Range(1, 11).Select(Step).ToList(), T0));
        Assert.Equal(10, new RouteDefinition(4, "十步", Enumerable.Range(1, 10).Select(Step).ToList(), T0).Steps.Count);
        Assert.Throws<ArgumentException>(() => new RouteDefinition(4, "重复", [Step(1), Step(1)], T0));
    }

    [Fact]
    public void A_version_limited_to_some_agencies_is_the_latest_only_for_them()
    {
        var agency = Guid.NewGuid();
        var limited = new RouteDefinition(2, "限定", Five.Steps, T0, [agency]);

        Assert.Same(limited, RouteDefinition.LatestFor([V1, limited], agency));
        Assert.Same(V1, RouteDefinition.LatestFor([V1, limited], Guid.NewGuid()));
    }
}
