using Workflow.Activities;
using Workflow.Activities.Reports;
using Workflow.Activities.Routes;

namespace Workflow.Activities.Tests;

/// <summary>One actor per role and helpers that walk a fresh report to a given point of its route.</summary>
internal static class TestActors
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 1, 0, 0, TimeSpan.Zero);
    public static readonly RouteDefinition V1 = RouteDefinition.StandardV1(T0);

    public static readonly Actor Drafter = Make("d1", RoleNames.Drafter);
    public static readonly Actor Secretary = Make("s1", RoleNames.PartySecretary);
    public static readonly Actor Inspector = Make("i1", RoleNames.DisciplineInspector);
    public static readonly Actor Committee = Make("c1", RoleNames.Committee);
    public static readonly Actor Admin = Make("a1", RoleNames.Admin);
    public static readonly Actor SecurityAdmin = Make("sa1", RoleNames.SecurityAdmin);
    public static readonly Actor Auditor = Make("au1", RoleNames.Auditor);

    public const string ReturnComment = "请逐条列明存在的问题并对应整改措施。";

    public static Actor Make(string id, params string[] roles) => new(id, id, roles.ToHashSet());

    public static Actor ForRole(string role) => role switch
    {
        RoleNames.Drafter => Drafter,
        RoleNames.PartySecretary => Secretary,
        RoleNames.DisciplineInspector => Inspector,
        RoleNames.Committee => Committee,
        RoleNames.Admin => Admin,
        RoleNames.SecurityAdmin => SecurityAdmin,
        RoleNames.Auditor => Auditor,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    // A text the default checks pass, so a walk along the route may enter the committee step.
    public static Report Draft(RouteDefinition? route = null) =>
        Report.Create(Guid.NewGuid(), 2025, "2025年度报告", "一、工作情况\n二、存在的问题\n一是……\n三、下一步工作打算\n一是……", route ?? V1, Drafter, T0);

    /// <summary>The kind of refusal <see cref="Report.Ensure"/> gives <paramref name="actor"/> for <paramref name="command"/> now; null when allowed.</summary>
    public static RuleViolation? Refusal(this Report report, ReportCommand command, Actor actor) =>
        (Record.Exception(() => report.Ensure(command, actor)) as WorkflowRuleException)?.Violation;

    public static Actor ReviewerOf(ReportStatus status) => status.Key switch
    {
        nameof(ReportStatus.SecretaryReview) => Secretary,
        nameof(ReportStatus.DisciplineReview) => Inspector,
        nameof(ReportStatus.CommitteeReview) => Committee,
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>A moment after the report's latest journal row, so every action gets its own time.</summary>
    public static DateTimeOffset Next(Report report) => T0.AddMinutes(report.JournalSequence);

    /// <summary>A report submitted and approved step by step until it waits at <paramref name="status"/>.</summary>
    public static Report WaitingAt(ReportStatus status, RouteDefinition? route = null)
    {
        var report = Draft(route);
        report.Submit(Drafter, Next(report));
        while (report.Status != status)
            report.Approve(ReviewerOf(report.Status), null, Next(report));
        return report;
    }

    /// <summary>A report returned to the drafter by the reviewer of <paramref name="step"/>.</summary>
    public static Report ReturnedFrom(ReportStatus step, bool restartFromFirstStep = false, RouteDefinition? route = null)
    {
        var report = WaitingAt(step, route);
        report.Return(ReviewerOf(step), ReturnComment, restartFromFirstStep, Next(report));
        return report;
    }

    /// <summary>A route-v1 report in <paramref name="status"/>; a returned one was returned by the secretary.</summary>
    public static Report In(ReportStatus status) =>
        status == ReportStatus.Draft ? Draft()
        : status == ReportStatus.Returned ? ReturnedFrom(ReportStatus.SecretaryReview)
        : WaitingAt(status);
}
